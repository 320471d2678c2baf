package org.shiftscope.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.shiftscope.core.DataException;
import org.shiftscope.core.Dataset;
import org.shiftscope.core.NumericColumn;
import org.shiftscope.core.Split;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.transport.DiscreteFeature;
import org.shiftscope.transport.ExactSolver;
import org.shiftscope.transport.Explainer;
import org.shiftscope.transport.Explanation;
import org.shiftscope.transport.ExplanationMethod;
import org.shiftscope.transport.Points;
import org.shiftscope.transport.SinkhornDivergence;
import org.shiftscope.transport.SinkhornSolver;
import org.shiftscope.transport.W2Estimator;

/** Runs optimal-transport analyses on a split: W2^2 between the sides and transport-map explanations. */
public final class TransportAnalysis {

    public enum Standardize {
        /** Raw units. */
        NONE,
        /** Each feature centred and scaled by the pooled (reference and target) mean and standard deviation. */
        ZSCORE,
        /**
         * Each feature centred and scaled by the reference side's mean and standard deviation (a scaler fitted on the
         * source, as Kulinski and Inouye do), so the target is measured in the reference's units.
         */
        REFERENCE;

        public static Standardize parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "zscore" -> ZSCORE;
                case "reference" -> REFERENCE;
                default -> throw DataException.setting("standardize", "unknown standardization '" + s
                        + "' (use none, zscore or reference)");
            };
        }

        /** How the UI and the CLI's text name these units. */
        public String units() {
            return switch (this) {
                case NONE -> "raw units";
                case ZSCORE -> "z-scored units (pooled)";
                case REFERENCE -> "z-scored units (reference)";
            };
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Solver {
        EXACT, SINKHORN, AUTO;

        public static Solver parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "exact" -> EXACT;
                case "sinkhorn" -> SINKHORN;
                case "auto" -> AUTO;
                default -> throw DataException.setting("solver", "unknown solver '" + s
                        + "' (use exact, sinkhorn or auto)");
            };
        }
    }

    /**
     * @param epsilon Sinkhorn regularisation in squared (standardised) units; NaN for the default, 0.3 % of the mean
     *                squared distance between points (where the debiased divergence is within 1 % of W2^2 on our
     *                benchmarks)
     */
    public record Options(Standardize standardize, Solver solver, double epsilon) {

        public Options {
            if (!Double.isNaN(epsilon) && !(epsilon > 0 && Double.isFinite(epsilon))) {
                throw DataException.setting("epsilon", "Sinkhorn's regularisation must be a positive number (or left"
                        + " out for the default), not " + epsilon);
            }
        }

        public static Options defaults() {
            return new Options(Standardize.NONE, Solver.AUTO, Double.NaN);
        }
    }

    /**
     * Both sides as point sets over the analysed columns.
     *
     * @param features the points' columns (a categorical column of 3+ categories is one column per category,
     *                 named column=category)
     * @param discrete the binary and categorical features among them, in the points' units (empty when every column
     *                 is treated as a number)
     */
    public record Prepared(Points reference, Points target, List<String> features, double[] scale,
                           List<DiscreteFeature> discrete) {

        public Prepared {
            features = List.copyOf(features);
            discrete = List.copyOf(discrete);
        }

        /** Every column continuous. */
        public Prepared(Points reference, Points target, List<String> features, double[] scale) {
            this(reference, target, features, scale, List.of());
        }

        /** Points whose features are not rescaled columns (encodings, embeddings): every scale is 1. */
        public static Prepared unscaled(Points reference, Points target, List<String> features) {
            double[] scale = new double[features.size()];
            java.util.Arrays.fill(scale, 1);
            return new Prepared(reference, target, List.copyOf(features), scale);
        }
    }

    public record OtResult(double w2sq, String solver, int nReference, int nTarget, double seconds) {
    }

    private TransportAnalysis() {
    }

    /** Numeric columns of the split (all of them unless the user chose some), standardised as asked. */
    public static Prepared prepare(Split split, Standardize standardize, boolean columnsChosen) {
        return prepare(split, standardize, columnsChosen, false);
    }

    /**
     * The split's columns as points, standardised as asked. Numeric columns always; with {@code discrete}, a numeric
     * column of two distinct values is a binary feature and a categorical or boolean column the user named is one
     * too (two categories: one 0/1 column) or one-hot (three or more); without, only numeric columns, all continuous.
     */
    public static Prepared prepare(Split split, Standardize standardize, boolean columnsChosen, boolean discrete) {
        MixedFeatures.Encoded e = MixedFeatures.encode(split, columnsChosen, discrete);
        requireRows(split);
        Points x = e.reference();
        Points y = e.target();
        double[] scale = new double[e.features().size()];
        double[] mean = new double[scale.length];
        java.util.Arrays.fill(scale, 1);
        if (standardize != Standardize.NONE) {
            List<Points> fitted = standardize == Standardize.ZSCORE ? List.of(x, y) : List.of(x);
            double[] var = new double[scale.length];
            int total = fitted.stream().mapToInt(Points::n).sum();
            for (Points p : fitted) {
                for (int i = 0; i < p.n(); i++) {
                    for (int k = 0; k < p.d(); k++) {
                        mean[k] += p.get(i, k) / total;
                    }
                }
            }
            for (Points p : fitted) {
                for (int i = 0; i < p.n(); i++) {
                    for (int k = 0; k < p.d(); k++) {
                        double t = p.get(i, k) - mean[k];
                        var[k] += t * t / total;
                    }
                }
            }
            for (int k = 0; k < scale.length; k++) {
                scale[k] = var[k] > 0 ? Math.sqrt(var[k]) : 1;
            }
            x = standardise(x, mean, scale);
            y = standardise(y, mean, scale);
        }
        return new Prepared(x, y, e.features(), scale, MixedFeatures.scaled(e.discrete(), mean, scale));
    }

    /** Both sides must keep rows (after filters and the missing-value policy) for any analysis of them. */
    public static void requireRows(Split split) {
        if (split.reference().rowCount() == 0 || split.target().rowCount() == 0) {
            throw DataException.of("a side of the split has no rows left (reference " + split.reference().rowCount()
                    + ", target " + split.target().rowCount() + ")");
        }
    }

    /** Default Sinkhorn epsilon as a fraction of the mean squared distance between reference and target points. */
    public static final double DEFAULT_EPSILON = 0.003;

    public static W2Estimator estimator(Prepared p, Options o) {
        boolean exact = switch (o.solver()) {
            case EXACT -> true;
            case SINKHORN -> false;
            case AUTO -> ExactSolver.quick(p.reference(), p.target());
        };
        if (exact) {
            return W2Estimator.EXACT;
        }
        double eps = Double.isNaN(o.epsilon()) ? DEFAULT_EPSILON * meanSquaredDistance(p.reference(), p.target()) : o.epsilon();
        return new SinkhornDivergence(SinkhornSolver.Options.of(eps));
    }

    public static OtResult ot(Prepared p, Options o, TaskMonitor monitor) {
        W2Estimator est = estimator(p, o);
        long t = System.nanoTime();
        double w2 = est.w2sq(p.reference(), p.target(), monitor);
        return new OtResult(w2, est.describe(), p.reference().n(), p.target().n(), (System.nanoTime() - t) / 1e9);
    }

    public static Explanation explain(Prepared p, Options o, ExplanationMethod method, int kmax, long seed,
                                      TaskMonitor monitor) {
        return new Explainer(estimator(p, o)).explain(p.reference(), p.target(), p.features(), method, kmax, seed, monitor);
    }

    /** An explanation treating {@code p}'s discrete features as {@code treatment} says (its list is p's). */
    public static Explanation explain(Prepared p, Options o, ExplanationMethod method, int kmax, long seed,
                                      org.shiftscope.transport.Pairing pairing, int repeats, TaskMonitor monitor) {
        return new Explainer(estimator(p, o)).explain(p.reference(), p.target(), p.features(), method, kmax, seed,
                new org.shiftscope.transport.Treatment(p.discrete(), pairing, repeats), monitor);
    }

    /** Mean squared distance between random reference/target pairs (2,000 seeded draws). */
    static double meanSquaredDistance(Points x, Points y) {
        SplittableRandom r = new SplittableRandom(0);
        double s = 0;
        int draws = 2000;
        for (int t = 0; t < draws; t++) {
            s += x.sqDist(r.nextInt(x.n()), y, r.nextInt(y.n()));
        }
        return Math.max(s / draws, 1e-12);
    }

    /** The numeric columns {@code features} of {@code d} as points (a missing value is refused). */
    public static Points points(Dataset d, List<String> features) {
        List<double[][]> columns = new ArrayList<>();
        for (String f : features) {
            columns.add(new double[][] {((NumericColumn) d.requireColumn(f)).values()});
        }
        return MixedFeatures.points(d, features, columns, 0);
    }

    private static Points standardise(Points p, double[] mean, double[] scale) {
        double[] v = p.values().clone();
        for (int i = 0; i < p.n(); i++) {
            for (int k = 0; k < p.d(); k++) {
                v[i * p.d() + k] = (v[i * p.d() + k] - mean[k]) / scale[k];
            }
        }
        return new Points(p.n(), p.d(), v);
    }
}
