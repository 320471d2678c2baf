package org.shiftscope.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.shiftscope.analysis.ClassifierTest;

/**
 * The classifier two-sample test on Spark MLlib: can a model tell the sides apart? Logistic regression (MLlib, L2
 * 1e-4, at most 30 L-BFGS iterations) on the columns (numeric ones with missing values set to the mean, text ones
 * one-hot encoded, all standardised) is trained on a seeded 60 % of the rows of both sides and scored on the other
 * 40 %; the AUC there is tested against 1/2 with the Mann-Whitney normal approximation, exact in the limit for one
 * model on held-out rows (as the desktop's trees learner does it; the desktop's linear test calibrates a
 * cross-validated AUC by relabelling, which a cluster would repeat 200 times).
 */
final class SparkClassifier {

    static final double TRAIN_SHARE = 0.6;

    private SparkClassifier() {
    }

    static ClassifierTest.Result test(Dataset<Row> reference, Dataset<Row> target, List<String> numeric,
                                      List<String> categorical, long seed) {
        Dataset<Row> r = side(reference, numeric, categorical, 0);
        Dataset<Row> t = side(target, numeric, categorical, 1);
        // one seeded uniform draw per row decides train or test (randomSplit would sort every partition, and each
        // of the pipeline's passes would repeat it); the pooled rows are kept for those passes
        Dataset<Row> pooled = r.unionByName(t).withColumn("__draw", functions.rand(seed))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            return fitAndScore(pooled, numeric, categorical);
        } finally {
            pooled.unpersist();
        }
    }

    /** One side's columns as the model reads them (numbers as doubles, text with "missing" a category), labelled. */
    private static Dataset<Row> side(Dataset<Row> rows, List<String> numeric, List<String> categorical, double label) {
        List<Column> cols = new ArrayList<>();
        for (String c : numeric) {
            cols.add(SparkInputs.column(rows, c).cast("double").as(c));
        }
        for (String c : categorical) {
            cols.add(functions.coalesce(SparkInputs.column(rows, c).cast("string"), functions.lit("(missing)")).as(c));
        }
        return rows.select(cols.toArray(Column[]::new)).withColumn("side", functions.lit(label));
    }

    private static ClassifierTest.Result fitAndScore(Dataset<Row> pooled, List<String> numeric,
                                                     List<String> categorical) {
        Column draw = functions.col("__draw");
        Dataset<Row> train = pooled.where(draw.lt(TRAIN_SHARE));
        Dataset<Row> test = pooled.where(draw.geq(TRAIN_SHARE));
        List<PipelineStage> stages = new ArrayList<>();
        List<String> assembled = new ArrayList<>();
        if (!numeric.isEmpty()) {
            String[] in = numeric.toArray(String[]::new);
            String[] out = numeric.stream().map(c -> c + "__imputed").toArray(String[]::new);
            stages.add(new Imputer().setInputCols(in).setOutputCols(out).setStrategy("mean"));
            assembled.addAll(List.of(out));
        }
        for (String c : categorical) {
            stages.add(new StringIndexer().setInputCol(c).setOutputCol(c + "__index").setHandleInvalid("keep")
                    .setStringOrderType("alphabetAsc"));
            stages.add(new OneHotEncoder().setInputCol(c + "__index").setOutputCol(c + "__onehot").setDropLast(false));
            assembled.add(c + "__onehot");
        }
        stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol("raw")
                .setHandleInvalid("keep"));
        stages.add(new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(false)
                .setWithStd(true));
        stages.add(new LogisticRegression().setLabelCol("side").setFeaturesCol("features").setRegParam(1e-4)
                .setMaxIter(30).setTol(1e-5));
        PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(train);
        Dataset<Row> scored = model.transform(test);
        double auc = new BinaryClassificationEvaluator().setLabelCol("side").setRawPredictionCol("rawPrediction")
                .setMetricName("areaUnderROC").evaluate(scored);
        Row counts = test.agg(functions.sum(functions.col("side")), functions.count(functions.lit(1))).first();
        double n1 = counts.getDouble(0);
        double n0 = counts.getLong(1) - n1;
        double p = ClassifierTest.pValue(auc, n0, n1);
        return new ClassifierTest.Result(auc, p, top(model, numeric, categorical), String.format(java.util.Locale.ROOT,
                "logistic regression (Spark MLlib), trained on %.0f %% of the rows, AUC on the held-out %.0f %%,"
                        + " Mann-Whitney p", 100 * TRAIN_SHARE, 100 * (1 - TRAIN_SHARE)));
    }

    /** The five features with the largest standardised coefficients ("col" or "col=value"). */
    private static List<String> top(PipelineModel model, List<String> numeric, List<String> categorical) {
        List<String> names = new ArrayList<>(numeric);
        for (org.apache.spark.ml.Transformer stage : model.stages()) {
            if (stage instanceof StringIndexerModel s) {
                String col = s.getInputCol();
                for (String label : s.labelsArray()[0]) {
                    names.add(col + "=" + label);
                }
                names.add(col + "=(other)"); // handleInvalid keep: one more slot
            }
        }
        LogisticRegressionModel lr = (LogisticRegressionModel) model.stages()[model.stages().length - 1];
        double[] w = lr.coefficients().toArray();
        return IntStream.range(0, Math.min(w.length, names.size())).boxed()
                .sorted(Comparator.comparingDouble(i -> -Math.abs(w[i]))).limit(5).map(names::get).toList();
    }
}
