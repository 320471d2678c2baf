package org.shiftscope.workflow.explain;

import java.util.List;
import org.shiftscope.core.Dataset;
import org.shiftscope.transport.Explanation;

/**
 * What the Explain view draws for one run, computed off the FX thread.
 *
 * @param referencePlane reference points (a seeded subsample) in the plane of the two leading principal components:
 *                       x0, y0, x1, y1, ...
 * @param targetPlane    the same for the target
 * @param arrows         per curve point (k-cluster only): for each cluster, its reference centroid and transported
 *                       centroid in the plane (x0, y0, x1, y1)
 * @param reference      the reference rows the explanation used (for listing a cluster's rows)
 * @param units          "raw units" or "z-scored units"
 * @param exemplars      per curve point (k-cluster only): each cluster's exemplars ({@link Exemplars#VIEW} a side)
 * @param target         the target rows the explanation used (for their images)
 */
public record ExplainResult(Explanation explanation, double[] referencePlane, double[] targetPlane,
                           List<List<double[]>> arrows, Dataset reference, String units,
                           List<List<Exemplars>> exemplars, Dataset target) {

    /** The exemplars of cluster {@code id} at curve point {@code index}, or null. */
    public Exemplars exemplars(int index, int id) {
        if (index < 0 || index >= exemplars.size()) {
            return null;
        }
        return exemplars.get(index).stream().filter(x -> x.cluster() == id).findFirst().orElse(null);
    }
}
