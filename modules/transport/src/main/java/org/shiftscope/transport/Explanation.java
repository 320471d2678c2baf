package org.shiftscope.transport;

import java.util.List;

/**
 * A PercentExplained curve: for each k, the map's features, the W2^2 left after transporting X by the map,
 * PercentExplained = 100 (W2^2(X, Y) - W2^2(T(X), Y)) / W2^2(X, Y), and parsimony ||T(X) - X||_F^2 / n.
 *
 * @param w2sq                W2^2(X, Y)
 * @param solver              the solver and tolerance behind every W2^2 here
 * @param featureDisplacement mean of Z - X per feature for the full OT map Z (empty for methods that do not
 *                            compute Z)
 * @param discrete            the binary and categorical features among {@code features}' columns (empty: all are
 *                            continuous)
 * @param pairing             what the k-cluster maps clustered
 */
public record Explanation(ExplanationMethod method, double w2sq, String solver, List<String> features,
                          List<Point> curve, double[] featureDisplacement, List<DiscreteFeature> discrete,
                          Pairing pairing) {

    /**
     * One k of the curve.
     *
     * @param features     features the map changes, in the order chosen
     * @param displacement mean of T(X) - X per feature
     * @param clusters     per-cluster summaries (k-cluster maps only; empty otherwise)
     * @param labels       cluster of each reference row (k-cluster maps only; null otherwise)
     * @param samples      samples of the discrete features the numbers are means over (1 for a deterministic map)
     * @param spread       standard deviation of PercentExplained over the samples (0 for one)
     */
    public record Point(int k, List<String> features, double w2After, double percentExplained, double parsimony,
                        double[] displacement, List<Cluster> clusters, int[] labels, int samples, double spread) {
    }

    /**
     * One cluster of a k-cluster map.
     *
     * @param centroid     mean of the cluster's reference points
     * @param displacement mean displacement delta_c of the full OT map over the cluster
     * @param topFeatures  features ordered by |delta_c|, largest first (at most 5)
     * @param distributions per discrete feature of the explanation, the cluster's target distribution over its
     *                      levels (what the map draws the feature from)
     */
    public record Cluster(int id, int size, double[] centroid, double[] displacement, List<String> topFeatures,
                          List<double[]> distributions) {

        public double displacementNorm() {
            double s = 0;
            for (double v : displacement) {
                s += v * v;
            }
            return Math.sqrt(s);
        }
    }
}
