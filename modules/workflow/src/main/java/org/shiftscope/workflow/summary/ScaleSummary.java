package org.shiftscope.workflow.summary;

import java.util.List;
import org.shiftscope.analysis.ColumnDrift;

/**
 * What an analysis of the full data on a cluster engine (Spark) found, as a summary project keeps it beside the
 * stratified sample the desktop's own analyses run on: per-column drift (numeric columns from quantile sketches,
 * with their bounds), the classifier two-sample test, k-means clusters with each side's counts and centroids, the
 * transport between the clusters, and per-group audit rates. Counts are of every row, not of the sample.
 *
 * @param engine     where and on what it ran
 * @param columns    each analysed column's test, in the order analysed
 * @param classifier the classifier two-sample test; null when it was not run
 * @param mmd        the MMD test on random features; null when it was not run
 * @param correction the multiple-testing correction's id
 * @param drift      the verdict: a column drifted or the classifier told the sides apart
 * @param clusters   the k-means clusters; null when there were no numeric columns to cluster on
 * @param audit      per-group rates; null when no audit was asked for
 * @param sample     how the sample beside the summary was drawn
 */
public record ScaleSummary(Engine engine, List<Column> columns, Classifier classifier, Mmd mmd, String correction,
                           double alpha, boolean drift, Clusters clusters, Audit audit, Sample sample) {

    public ScaleSummary {
        columns = List.copyOf(columns);
    }

    /**
     * @param reference what the reference side was read from (paths or globs, or the data and its filter)
     * @param referenceRows rows analysed (after those missing an analysed value were dropped)
     * @param droppedReference rows dropped for a missing analysed value
     * @param created   when the run ended (ISO-8601)
     */
    public record Engine(String name, String version, String master, String reference, String target,
                         long referenceRows, long targetRows, long droppedReference, long droppedTarget, double seconds,
                         String created) {
    }

    /** One column's test, with the sketch it was computed from (null: computed exactly, from counts). */
    public record Column(ColumnDrift drift, Sketch sketch) {
    }

    /**
     * A numeric column's quantile sketches: KS and W1 from quantiles at i / grid of sketches with rank error
     * {@code relativeError}; the true statistics lie within the bounds of the reported ones, and the p-value in
     * [pLow, pHigh].
     */
    public record Sketch(double relativeError, int grid, double ksBound, double w1Bound, double pLow, double pHigh) {
    }

    /** The MMD two-sample test: the statistic, its p-value, how both were computed, and the kernel's bandwidth. */
    public record Mmd(double statistic, double pValue, String method, double bandwidth) {
    }

    public record Classifier(double auc, double pValue, String method, List<String> topFeatures) {

        public Classifier {
            topFeatures = List.copyOf(topFeatures);
        }
    }

    /**
     * k-means clusters of the pooled rows in standardised units ((value - mean) / scale per feature), fitted on
     * {@code fittedOn} rows, then every row assigned to its nearest centre.
     *
     * @param clusters  each cluster's counts and per-side centroids (in the data's units)
     * @param transport the optimal transport between the clusters' weighted centroids
     */
    public record Clusters(List<String> features, double[] mean, double[] scale, long fittedOn, long seed,
                           List<Cluster> clusters, CentroidTransport.Result transport) {

        public Clusters {
            features = List.copyOf(features);
            clusters = List.copyOf(clusters);
        }

        public long referenceRows() {
            return clusters.stream().mapToLong(Cluster::reference).sum();
        }

        public long targetRows() {
            return clusters.stream().mapToLong(Cluster::target).sum();
        }
    }

    /** One cluster: its rows on each side and their means (NaN where a side has none). */
    public record Cluster(int id, long reference, long target, double[] referenceCentroid, double[] targetCentroid) {
    }

    /**
     * Per-group rates of a labelled, predicted table, each with its 95 % Wilson interval.
     *
     * @param positive the label (and prediction) value counted as positive
     */
    public record Audit(String label, String prediction, String group, String positive, List<Rate> rates) {

        public Audit {
            rates = List.copyOf(rates);
        }
    }

    /**
     * One rate of one group on one side: {@code numerator / denominator} (base rate: positive / rows; selection
     * rate: predicted positive / rows; accuracy: correct / rows; tpr: true positive / positive; fpr: false positive /
     * negative; fnr: false negative / positive; precision: true positive / predicted positive).
     */
    public record Rate(String group, String side, String metric, long numerator, long denominator, double value,
                       double low, double high) {
    }

    /**
     * The stratified sample beside the summary: up to {@code requested} rows, split evenly between the sides, and
     * within a side drawn from each cluster in proportion to its rows.
     */
    public record Sample(long requested, long reference, long target, long seed) {
    }
}
