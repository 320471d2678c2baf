package org.shiftscope.ui.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.shiftscope.analysis.ColumnDrift;
import org.shiftscope.workflow.summary.CentroidTransport;
import org.shiftscope.workflow.summary.ScaleSummary;

/**
 * The Full data view's state: what a run on every row (shiftscope spark detect --out) found, as rows of text for
 * its tables. The numbers are read, not computed: the run already computed them where the data lives.
 */
public final class SummaryViewModel {

    /** A column's test as the table shows it. */
    public record ColumnRow(String column, String test, String statistic, String p, String pAdjusted, String drift,
                            String w1, String psi, String computed) {
    }

    /** A cluster: its rows and shares on each side, where its reference mass goes and how it moves. */
    public record ClusterRow(String cluster, String reference, String target, String change, String sentTo,
                             String moves) {
    }

    /** One group on one side: its rows and rates with their 95 % intervals. */
    public record AuditRow(String group, String side, String rows, String accuracy, String selection, String tpr,
                           String fpr) {
    }

    private final ObjectProperty<ScaleSummary> summary = new SimpleObjectProperty<>();
    private final ObservableList<ColumnRow> columns = FXCollections.observableArrayList();
    private final ObservableList<ClusterRow> clusters = FXCollections.observableArrayList();
    private final ObservableList<AuditRow> audit = FXCollections.observableArrayList();

    public SummaryViewModel() {
        summary.addListener((o, a, s) -> fill(s));
    }

    public ObjectProperty<ScaleSummary> summaryProperty() {
        return summary;
    }

    public ObservableList<ColumnRow> columns() {
        return columns;
    }

    public ObservableList<ClusterRow> clusters() {
        return clusters;
    }

    public ObservableList<AuditRow> audit() {
        return audit;
    }

    /** Where and on what the run went. */
    public StringBinding headline() {
        return Bindings.createStringBinding(() -> {
            ScaleSummary s = summary.get();
            if (s == null) {
                return "";
            }
            ScaleSummary.Engine e = s.engine();
            return String.format(Locale.ROOT, "%,d reference rows (%s) and %,d target rows (%s), analysed on %s %s"
                            + " (master %s) in %.1f s%s%s.", e.referenceRows(), e.reference(), e.targetRows(),
                    e.target(), capital(e.name()), e.version(), e.master(), e.seconds(),
                    e.droppedReference() + e.droppedTarget() == 0 ? "" : String.format(Locale.ROOT,
                            "; %,d and %,d rows missing an analysed value left out", e.droppedReference(),
                            e.droppedTarget()),
                    e.created().isEmpty() ? "" : ", " + e.created().replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC"));
        }, summary);
    }

    /** The verdict and the numbers it rests on. */
    public StringBinding verdict() {
        return Bindings.createStringBinding(() -> {
            ScaleSummary s = summary.get();
            if (s == null) {
                return "";
            }
            long drifted = s.columns().stream().filter(c -> c.drift().drift()).count();
            String text = String.format(Locale.ROOT, "%s: %d of %d columns drifted (%s correction, alpha %s)",
                    s.drift() ? "Shift detected" : "No shift detected", drifted, s.columns().size(), s.correction(),
                    java.math.BigDecimal.valueOf(s.alpha()).stripTrailingZeros().toPlainString());
            if (s.classifier() != null) {
                text += String.format(Locale.ROOT, "; a classifier tells the sides apart with AUC %.3f (p %s), most"
                        + " by %s", s.classifier().auc(), p(s.classifier().pValue()),
                        String.join(", ", s.classifier().topFeatures()));
            }
            if (s.mmd() != null) {
                text += String.format(Locale.ROOT, "; MMD %.3g (p %s)", s.mmd().statistic(), p(s.mmd().pValue()));
            }
            return text + ".";
        }, summary);
    }

    /** What the transport between the clusters says, and what it approximates. */
    public StringBinding transport() {
        return Bindings.createStringBinding(() -> {
            ScaleSummary s = summary.get();
            if (s == null || s.clusters() == null || s.clusters().transport() == null) {
                return "";
            }
            CentroidTransport.Result t = s.clusters().transport();
            return String.format(Locale.ROOT, "Transport between the %d clusters' centroids (weighted by their rows,"
                            + " standardised units): W2² %.4g; moving each reference cluster by its displacement"
                            + " explains %.1f %% of it. The sides' means alone differ by %.4g (squared), a lower bound"
                            + " of the full data's W2². It leaves out movement within clusters; the Explain view"
                            + " computes the row-level explanation on the sample.", s.clusters().clusters().size(),
                    t.w2sq(), t.percentExplained(), t.meanShiftSq());
        }, summary);
    }

    /** How the other views' rows were drawn. */
    public StringBinding sample() {
        return Bindings.createStringBinding(() -> {
            ScaleSummary s = summary.get();
            if (s == null || s.sample() == null) {
                return "";
            }
            return String.format(Locale.ROOT, "The Data, Map, Explain and Subgroups views analyse a stratified sample"
                    + " of %,d reference and %,d target rows (each cluster in proportion to its rows on its side);"
                    + " the numbers here are of every row.", s.sample().reference(), s.sample().target());
        }, summary);
    }

    private void fill(ScaleSummary s) {
        columns.clear();
        clusters.clear();
        audit.clear();
        if (s == null) {
            return;
        }
        for (ScaleSummary.Column c : s.columns()) {
            ColumnDrift d = c.drift();
            ScaleSummary.Sketch k = c.sketch();
            columns.add(new ColumnRow(d.column(), d.test(), number(d.statistic()), p(d.pValue()), p(d.pAdjusted()),
                    d.drift() ? "yes" : "no", number(d.w1()), number(d.psi()), k == null ? "exact counts"
                    : String.format(Locale.ROOT, "sketch: KS ± %.4f, W1 ± %s", k.ksBound(), number(k.w1Bound()))));
        }
        if (s.clusters() != null) {
            ScaleSummary.Clusters c = s.clusters();
            long nRef = c.referenceRows();
            long nTgt = c.targetRows();
            for (ScaleSummary.Cluster k : c.clusters()) {
                double a = nRef == 0 ? 0 : 100.0 * k.reference() / nRef;
                double b = nTgt == 0 ? 0 : 100.0 * k.target() / nTgt;
                clusters.add(new ClusterRow(String.valueOf(k.id()),
                        String.format(Locale.ROOT, "%,d (%.1f %%)", k.reference(), a),
                        String.format(Locale.ROOT, "%,d (%.1f %%)", k.target(), b),
                        String.format(Locale.ROOT, "%+.1f pp", b - a), sentTo(c, k), moves(c, k)));
            }
        }
        if (s.audit() != null) {
            List<String> keys = new ArrayList<>();
            for (ScaleSummary.Rate r : s.audit().rates()) {
                String key = r.group() + "\u0000" + r.side();
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
            for (String key : keys) {
                String[] gs = key.split("\u0000");
                List<ScaleSummary.Rate> rs = s.audit().rates().stream()
                        .filter(r -> r.group().equals(gs[0]) && r.side().equals(gs[1])).toList();
                long n = rs.stream().filter(r -> r.metric().equals("accuracy")).mapToLong(ScaleSummary.Rate::denominator)
                        .findFirst().orElse(0);
                audit.add(new AuditRow(gs[0], gs[1], String.format(Locale.ROOT, "%,d", n), rate(rs, "accuracy"),
                        rate(rs, "selection_rate"), rate(rs, "tpr"), rate(rs, "fpr")));
            }
        }
    }

    /** Where a reference cluster's mass goes: the target clusters, with the share of the cluster each receives. */
    private static String sentTo(ScaleSummary.Clusters c, ScaleSummary.Cluster k) {
        if (c.transport() == null) {
            return "";
        }
        double total = c.transport().flows().stream().filter(f -> f.from() == k.id())
                .mapToDouble(CentroidTransport.Flow::mass).sum();
        if (total == 0) {
            return "(no reference rows)";
        }
        return c.transport().flows().stream().filter(f -> f.from() == k.id())
                .sorted((f, g) -> Double.compare(g.mass(), f.mass()))
                .map(f -> String.format(Locale.ROOT, "%d (%.0f %%)", f.to(), 100 * f.mass() / total))
                .collect(Collectors.joining(", "));
    }

    /** A cluster's displacement along its top features, in the data's units. */
    private static String moves(ScaleSummary.Clusters c, ScaleSummary.Cluster k) {
        if (c.transport() == null) {
            return "";
        }
        return c.transport().moves().stream().filter(m -> m.cluster() == k.id()).findFirst()
                .map(m -> m.topFeatures().stream().limit(3).map(f -> String.format(Locale.ROOT, "%s %+.3g", f,
                        m.displacement()[c.features().indexOf(f)])).collect(Collectors.joining(", ")))
                .orElse("");
    }

    private static String rate(List<ScaleSummary.Rate> rs, String metric) {
        return rs.stream().filter(r -> r.metric().equals(metric)).findFirst()
                .map(r -> Double.isNaN(r.value()) ? "n/a (no rows)" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]",
                        r.value(), r.low(), r.high())).orElse("");
    }

    static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
    }

    static String p(double v) {
        return Double.isNaN(v) ? "–" : v < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
