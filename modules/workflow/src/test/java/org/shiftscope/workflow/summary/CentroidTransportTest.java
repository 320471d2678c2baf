package org.shiftscope.workflow.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shiftscope.core.TaskMonitor;

/** The k-cluster map between weighted centroids against POT (centroid_transport.py beside the fixture). */
class CentroidTransportTest {

    @Test
    void matchesPotOnWeightedCentroids() throws Exception {
        JsonNode f = new ObjectMapper().readTree(getClass().getResource("/summary/centroid_transport.json"));
        List<String> features = new ArrayList<>();
        f.get("features").forEach(n -> features.add(n.asText()));
        double[] mean = doubles(f.get("mean"));
        double[] scale = doubles(f.get("scale"));
        List<ScaleSummary.Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < f.get("reference_counts").size(); c++) {
            clusters.add(new ScaleSummary.Cluster(c, f.get("reference_counts").get(c).asLong(),
                    f.get("target_counts").get(c).asLong(), doubles(f.get("reference_centroids").get(c)),
                    doubles(f.get("target_centroids").get(c))));
        }
        CentroidTransport.Result r = CentroidTransport.solve(features, mean, scale, clusters, TaskMonitor.NONE);
        assertEquals(f.get("w2sq").asDouble(), r.w2sq(), 1e-9);
        assertEquals(f.get("after").asDouble(), r.after(), 1e-9);
        assertEquals(f.get("mean_shift_sq").asDouble(), r.meanShiftSq(), 1e-9);
        assertEquals(100 * (r.w2sq() - r.after()) / r.w2sq(), r.percentExplained(), 1e-9);
        // cluster 2 has no reference rows: it moves nothing
        assertEquals(List.of(0, 1, 3, 4), r.moves().stream().map(CentroidTransport.Move::cluster).toList());
        for (CentroidTransport.Move m : r.moves()) {
            double[] expected = doubles(f.get("displacement").get(m.cluster()));
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], m.displacement()[j], 1e-9, "cluster " + m.cluster() + " feature " + j);
            }
            assertEquals(f.get("reference_counts").get(m.cluster()).asDouble() / 8000, m.mass(), 1e-12);
        }
        double total = r.flows().stream().mapToDouble(CentroidTransport.Flow::mass).sum();
        assertEquals(1, total, 1e-12);
        // cluster 3 has no target rows: nothing is sent to it
        assertTrue(r.flows().stream().noneMatch(fl -> fl.to() == 3));
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
