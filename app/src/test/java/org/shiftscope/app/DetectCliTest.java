package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;
import static org.shiftscope.app.CliRun.shared;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
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
    void theClassifierOptionPicksTheLearner() throws Exception {
        // what each learner finds is checked on the use case (DriftAnalysisTest: an XOR-like shift); here the option
        // reaches it and a wrong value is refused
        Result trees = run("detect", "--demo", "gaussian-mean-shift", "--permutations", "0", "--classifier", "gbt",
                "--format", "json");
        assertThat(trees.code()).as(trees.err()).isZero();
        assertThat(trees.json().get("classifier").get("method").asText()).startsWith("gradient-boosted trees");
        Result linear = run("detect", "--demo", "gaussian-mean-shift", "--permutations", "0", "--format", "json");
        assertThat(linear.json().get("classifier").get("method").asText()).startsWith("linear discriminant");
        // the learner's name before its p-value was calibrated still works
        Result old = run("detect", "--demo", "gaussian-mean-shift", "--permutations", "0", "--classifier", "logistic",
                "--format", "json");
        assertThat(old.json().get("classifier").get("auc").asDouble())
                .isEqualTo(linear.json().get("classifier").get("auc").asDouble());
        Result bad = run("detect", "--demo", "gaussian-mean-shift", "--classifier", "svm");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown classifier 'svm' (use linear, gbt)");
    }
}
