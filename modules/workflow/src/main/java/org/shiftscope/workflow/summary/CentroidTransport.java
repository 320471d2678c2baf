package org.shiftscope.workflow.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.transport.ExactSolver;
import org.shiftscope.transport.Points;
import org.shiftscope.transport.TransportPlan;

/**
 * The k-cluster transport explanation on clusters' weighted centroids, for data too large for a transport plan
 * between rows. Each side is quantised to its clusters: cluster c's reference rows become one atom at their mean
 * with weight (its reference rows / all reference rows), and likewise on the target side. The exact transport
 * between the two quantised measures (squared Euclidean cost in standardised units) moves each reference atom by
 * delta_c, the mean displacement its mass is sent over: the k-cluster map of Kulinski and Inouye with the row-level
 * optimal map replaced by the map between atoms.
 *
 * <p>What that approximates: W2^2 between the quantised measures leaves out the movement within clusters, so it
 * says how much of the shift is mass moving between clusters and the clusters' centres moving; PercentExplained is
 * the share of that quantised W2^2 the map removes. Rows of one cluster all move alike, as in the k-cluster map.
 */
public final class CentroidTransport {

    /** Features named per moved cluster, largest displacement first. */
    public static final int TOP_FEATURES = 5;

    private CentroidTransport() {
    }

    /**
     * @param w2sq             W2^2 between the quantised reference and target (standardised units)
     * @param after            W2^2 left once each reference atom moved by its displacement
     * @param meanShiftSq      squared distance between the two sides' means (standardised), a lower bound of the
     *                         full data's W2^2
     * @param percentExplained 100 (w2sq - after) / w2sq (100 when w2sq is 0)
     * @param moves            per reference cluster, its displacement
     * @param flows            the plan: mass from reference cluster to target cluster (summing to 1)
     */
    public record Result(double w2sq, double after, double meanShiftSq, double percentExplained, List<Move> moves,
                         List<Flow> flows) {

        public Result {
            moves = List.copyOf(moves);
            flows = List.copyOf(flows);
        }
    }

    /**
     * One reference cluster's move: {@code displacement} in the data's units, the features ordered by their
     * standardised displacement, and the squared norm of that displacement.
     */
    public record Move(int cluster, double mass, double[] displacement, List<String> topFeatures, double normSq) {
    }

    public record Flow(int from, int to, double mass) {
    }

    /**
     * The explanation for clusters of {@code features} standardised by {@code mean} and {@code scale}. Clusters
     * without reference rows move nothing; clusters without target rows receive nothing.
     */
    public static Result solve(List<String> features, double[] mean, double[] scale, List<ScaleSummary.Cluster> clusters,
                               TaskMonitor monitor) {
        int k = clusters.size();
        int d = features.size();
        long nRef = clusters.stream().mapToLong(ScaleSummary.Cluster::reference).sum();
        long nTgt = clusters.stream().mapToLong(ScaleSummary.Cluster::target).sum();
        if (nRef == 0 || nTgt == 0) {
            throw DataException.of("the transport between clusters needs rows on both sides");
        }
        Points x = standardised(clusters, true, mean, scale, d);
        Points y = standardised(clusters, false, mean, scale, d);
        long g = gcd(nRef, nTgt);
        long[] supply = new long[k];
        long[] demand = new long[k];
        try {
            for (int c = 0; c < k; c++) {
                supply[c] = Math.multiplyExact(clusters.get(c).reference(), nTgt / g);
                demand[c] = Math.multiplyExact(clusters.get(c).target(), nRef / g);
            }
        } catch (ArithmeticException e) {
            throw DataException.of("the sides' row counts (" + nRef + " and " + nTgt + ") are too large to weigh the"
                    + " clusters exactly");
        }
        TransportPlan plan = ExactSolver.weighted(x, supply, y, demand, monitor);
        double w2 = plan.cost(x, y);
        double[] delta = new double[k * d];
        double[] rowMass = new double[k];
        List<Flow> flows = new ArrayList<>();
        for (int e = 0; e < plan.rows().length; e++) {
            int i = plan.rows()[e];
            int j = plan.cols()[e];
            rowMass[i] += plan.mass()[e];
            flows.add(new Flow(i, j, plan.mass()[e]));
            for (int f = 0; f < d; f++) {
                delta[i * d + f] += plan.mass()[e] * (y.get(j, f) - x.get(i, f));
            }
        }
        double[] moved = x.values().clone();
        List<Move> moves = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (rowMass[c] == 0) {
                continue;
            }
            double[] original = new double[d];
            double normSq = 0;
            double[] std = new double[d];
            for (int f = 0; f < d; f++) {
                std[f] = delta[c * d + f] / rowMass[c];
                moved[c * d + f] += std[f];
                original[f] = std[f] * scale[f];
                normSq += std[f] * std[f];
            }
            List<String> top = IntStream.range(0, d).boxed().filter(f -> std[f] != 0)
                    .sorted(Comparator.comparingDouble((Integer f) -> -Math.abs(std[f])).thenComparing(f -> f))
                    .limit(TOP_FEATURES).map(features::get).toList();
            moves.add(new Move(clusters.get(c).id(), rowMass[c], original, top, normSq));
        }
        Points tx = new Points(k, d, moved);
        double after = ExactSolver.weighted(tx, supply, y, demand, monitor).cost(tx, y);
        double meanShift = 0;
        for (int f = 0; f < d; f++) {
            double mx = 0;
            double my = 0;
            for (int c = 0; c < k; c++) {
                mx += x.get(c, f) * clusters.get(c).reference() / (double) nRef;
                my += y.get(c, f) * clusters.get(c).target() / (double) nTgt;
            }
            meanShift += (my - mx) * (my - mx);
        }
        double percent = w2 <= 0 ? 100 : 100 * (w2 - after) / w2;
        return new Result(w2, after, meanShift, percent, moves, flows);
    }

    /** One side's centroids in standardised units (a side with no rows in a cluster: the cluster's other centroid). */
    private static Points standardised(List<ScaleSummary.Cluster> clusters, boolean reference, double[] mean,
                                       double[] scale, int d) {
        double[] v = new double[clusters.size() * d];
        for (int c = 0; c < clusters.size(); c++) {
            ScaleSummary.Cluster cl = clusters.get(c);
            double[] centroid = reference ? cl.referenceCentroid() : cl.targetCentroid();
            if ((reference ? cl.reference() : cl.target()) == 0) {
                centroid = reference ? cl.targetCentroid() : cl.referenceCentroid(); // weight 0: takes no part
            }
            for (int f = 0; f < d; f++) {
                double z = (centroid[f] - mean[f]) / scale[f];
                v[c * d + f] = Double.isNaN(z) ? 0 : z; // a cluster with no rows at all: weight 0 on both sides
            }
        }
        return new Points(clusters.size(), d, v);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
