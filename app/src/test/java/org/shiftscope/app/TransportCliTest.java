package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.run;
import static org.shiftscope.app.CliRun.shared;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.shiftscope.app.CliRun.Result;

/** ot and explain end to end: W2^2 and explanations against POT, refusals. */
class TransportCliTest {

    private static final String BC_FEATURES = "clump_thickness,uniformity_cell_size,uniformity_cell_shape,"
            + "marginal_adhesion,single_epithelial_cell_size,bare_nuclei,bland_chromatin,normal_nucleoli,mitoses";

    /** The JSON of ot and explain; their numbers against POT are workflow's ExplainAnalysisTest. */
    @Test
    void otAndExplainWriteTheirJson() throws Exception {
        String data = shared("breast-cancer-wisconsin.csv");
        JsonNode ot = run("ot", "--data", data, "--reference-where", "class=2", "--target-where", "class=4",
                "--columns", BC_FEATURES, "--standardize", "none", "--solver", "exact", "--format", "json").json();
        assertThat(ot.get("w2sq").asDouble()).isCloseTo(230.78510309472676, org.assertj.core.api.Assertions.within(1e-8));
        assertThat(ot.get("solver").asText()).isEqualTo("exact");
        assertThat(ot.get("n_reference").asInt()).isEqualTo(444);
        assertThat(ot.get("n_target").asInt()).isEqualTo(239);
        assertThat(ot.get("seconds").asDouble()).isPositive();

        JsonNode ex = run("explain", "--data", data, "--reference-where", "class=2", "--target-where", "class=4",
                "--columns", BC_FEATURES, "--method", "ksparse-mean", "--kmax", "3", "--standardize", "none",
                "--format", "json").json();
        assertThat(ex.get("curve")).hasSize(3);
        JsonNode k1 = ex.get("curve").get(0);
        assertThat(k1.get("k").asInt()).isEqualTo(1);
        assertThat(k1.get("features").get(0).asText()).isEqualTo("bare_nuclei");
        assertThat(k1.get("percent_explained").asDouble()).isCloseTo(17.09297907579954, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(ex.has("clusters")).isFalse();

        JsonNode kc = run("explain", "--demo", "mixture-ring", "--method", "kcluster", "--kmax", "2", "--format",
                "json").json();
        assertThat(kc.get("clusters")).hasSize(2);
        JsonNode c = kc.get("clusters").get(0);
        assertThat(c.has("displacement_norm") && c.has("size")).isTrue();
    }

    @Test
    void explainTakesCategoricalColumnsAsDiscreteFeaturesUnlessToldNot() throws Exception {
        Result r = run("explain", "--data", shared("adult.csv"), "--reference-where", "sex=Male", "--target-where",
                "sex=Female", "--columns", "age,race", "--method", "ksparse-mean", "--discrete", "none");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: column 'race' is categorical; transport explanations use numeric columns\n");
        Result mixed = run("explain", "--data", shared("adult.csv"), "--reference-where", "sex=Male and fnlwgt<40000",
                "--target-where", "sex=Female and fnlwgt<40000", "--columns", "age,race,income-per-year", "--method",
                "kcluster", "--kmax", "2", "--repeats", "2", "--format", "json");
        assertThat(mixed.code()).as(mixed.err()).isZero();
        JsonNode j = mixed.json();
        // race: five categories, one column each (sorted); income: two, one 0/1 column
        assertThat(j.get("discrete").get(0).get("feature").asText()).isEqualTo("race");
        assertThat(j.get("discrete").get(0).get("levels")).hasSize(5);
        assertThat(j.get("discrete").get(1).get("levels").toString()).isEqualTo("[\"<=50K\",\">50K\"]");
        assertThat(j.get("pairing").asText()).isEqualTo("paired");
        assertThat(j.get("standardize").asText()).isEqualTo("reference");
        assertThat(j.get("curve").get(0).get("samples").asInt()).isEqualTo(2);
        // every cluster's target distribution of a feature sums to 1
        for (JsonNode c : j.get("clusters")) {
            double s = 0;
            for (JsonNode p : c.get("target_distribution").get("race")) {
                s += p.asDouble();
            }
            assertThat(s).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        }
        Result text = run("explain", "--data", shared("adult.csv"), "--reference-where", "sex=Male", "--target-where",
                "sex=Female", "--columns", "age,native-country", "--repeats", "-1");
        assertThat(text.code()).isEqualTo(2);
        assertThat(text.err()).isEqualTo("error: the samples per map must lie in 0..1000 (0: as many as the rows need), not -1 (--repeats R)\n");
    }

    @Test
    void explainUsesTheAppsDefaults() throws Exception {
        // one definition of the defaults (ExplainRequest), read by this command and the Explain view alike
        Result r = run("explain", "--demo", "mixture-ring", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("method").asText()).isEqualTo(
                org.shiftscope.workflow.explain.ExplainRequest.DEFAULT_METHOD.id()).isEqualTo("kcluster");
        assertThat(r.json().get("curve")).hasSize(org.shiftscope.workflow.explain.ExplainRequest.DEFAULT_KMAX)
                .hasSize(6);
    }
}
