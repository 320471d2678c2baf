package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;
import static org.shiftscope.app.CliRun.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.app.CliRun.Result;

/**
 * detect end to end: its JSON on adult.csv by sex and its options; what the tests find on data without a shift is
 * checked on the use case (workflow's DriftAnalysisTest).
 */
class DetectCliTest {

    @Test
    void detectFlagsTheSexSplitWithPerColumnVerdicts() throws Exception {
        JsonNode j = run("detect", "--data", shared("adult.csv"), "--reference-where", "sex=Male", "--target-where",
                "sex=Female", "--format", "json").json();
        assertThat(j.get("drift").asBoolean()).isTrue();
        assertThat(j.get("correction").asText()).isEqualTo("holm");
        assertThat(j.get("univariate")).hasSize(14);
        JsonNode relationship = null;
        for (JsonNode c : j.get("univariate")) {
            assertThat(c.get("p_adjusted").asDouble()).isGreaterThanOrEqualTo(c.get("p_value").asDouble());
            if (c.get("column").asText().equals("relationship")) {
                relationship = c;
            }
        }
        assertThat(relationship.get("test").asText()).isEqualTo("chi2");
        assertThat(relationship.get("drift").asBoolean()).isTrue();
        assertThat(relationship.at("/effect/jensen_shannon").asDouble()).isGreaterThan(0.4);
        assertThat(j.at("/mmd/method").asText()).isEqualTo("random-features(512)"); // 30,162 complete rows
        assertThat(j.at("/mmd/p_value").asDouble()).isEqualTo(1.0 / 501);
        assertThat(j.at("/classifier/auc").asDouble()).isGreaterThan(0.8);
        assertThat(j.at("/classifier/p_value").asDouble()).isLessThan(1e-10);
        assertThat(j.at("/classifier/top_features").get(0).asText()).startsWith("relationship=");
    }

    @Test
    void gradientBoostedTreesCatchAnInteractionShiftTheLinearTestMisses(@TempDir Path dir) throws Exception {
        // both columns keep their N(0, 1) marginals, but in the target b takes a's sign (quadrants 1 and 3 only):
        // the per-column tests and a logistic classifier see nothing, trees do (Bayes AUC 0.75 by hand)
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(2);
        StringBuilder ref = new StringBuilder("a,b\n");
        StringBuilder tgt = new StringBuilder("a,b\n");
        for (int i = 0; i < 1500; i++) {
            ref.append(rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append('\n');
            double a = rnd.nextGaussian();
            tgt.append(a).append(',').append(Math.copySign(Math.abs(rnd.nextGaussian()), a)).append('\n');
        }
        Path r = dir.resolve("ref.csv");
        Path t = dir.resolve("tgt.csv");
        Files.writeString(r, ref);
        Files.writeString(t, tgt);
        Result linear = run("detect", "--reference", r.toString(), "--target", t.toString(), "--permutations", "0",
                "--format", "json");
        assertThat(linear.code()).as(linear.err()).isZero();
        for (JsonNode c : linear.json().get("univariate")) {
            assertThat(c.get("drift").asBoolean()).as(c.get("column").asText()).isFalse();
        }
        assertThat(linear.json().get("classifier").get("p_value").asDouble()).isGreaterThan(0.05);
        Result trees = run("detect", "--reference", r.toString(), "--target", t.toString(), "--permutations", "0",
                "--classifier", "gbt", "--format", "json");
        assertThat(trees.code()).as(trees.err()).isZero();
        JsonNode c = trees.json().get("classifier");
        assertThat(c.get("auc").asDouble()).isBetween(0.70, 0.78);
        assertThat(c.get("p_value").asDouble()).isLessThan(1e-20);
        assertThat(c.get("method").asText()).startsWith("gradient-boosted trees");
        Result bad = run("detect", "--reference", r.toString(), "--target", t.toString(), "--classifier", "svm");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown classifier 'svm' (use logistic, gbt)");
    }
}
