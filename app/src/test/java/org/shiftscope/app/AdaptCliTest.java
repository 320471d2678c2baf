package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.MODELS;
import static org.shiftscope.app.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.app.CliRun.Result;

/**
 * adapt's arguments, JSON shape, text output and run history, and its refusals. What each method achieves on planted
 * shifts is tested on the use case itself (workflow's AdaptationRunnerTest).
 */
class AdaptCliTest {

    @TempDir
    Path dir;

    /** A small table with a binary label and two groups, the target's x1 moved by half a standard deviation. */
    private Path[] table() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        StringBuilder ref = new StringBuilder("group,x1,x2,y\n");
        StringBuilder tgt = new StringBuilder("group,x1,x2,y\n");
        for (int i = 0; i < 600; i++) {
            for (StringBuilder side : java.util.List.of(ref, tgt)) {
                double x1 = rnd.nextGaussian() + (side == tgt ? 0.5 : 0);
                double x2 = rnd.nextGaussian();
                side.append(rnd.nextDouble() < 0.3 ? "B" : "A").append(',').append(x1).append(',').append(x2)
                        .append(',').append(x1 + x2 > 0 ? "yes" : "no").append('\n');
            }
        }
        Path r = dir.resolve("ref.csv");
        Path t = dir.resolve("tgt.csv");
        Files.writeString(r, ref);
        Files.writeString(t, tgt);
        return new Path[] {r, t};
    }

    @Test
    void adaptPrintsItsRunAsSchemaVersionedJsonAndStoresIt() throws Exception {
        Path[] t = table();
        Result r = run("adapt", "--reference", t[0].toString(), "--target", t[1].toString(), "--label", "y",
                "--group", "group", "--method", "mlls", "--epochs", "2", "--resamples", "20", "--clusters", "2",
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("schema").asText()).isEqualTo("shiftscope/adapt/v1");
        assertThat(j.get("method").asText()).isEqualTo("mlls");
        assertThat(j.get("classes")).hasSize(2);
        assertThat(j.get("n_trained").asInt()).isEqualTo(420); // 70 % of 600
        assertThat(j.get("n_held_out").asInt()).isEqualTo(180);
        // the method's own fields beside the common ones
        assertThat(j.get("estimated_target_priors")).hasSize(2);
        assertThat(j.get("source_priors")).hasSize(2);
        assertThat(j.has("temperature")).isTrue();
        for (String side : new String[] {"before", "after"}) {
            JsonNode acc = j.get(side).get("accuracy");
            assertThat(acc.get("ci_low").asDouble()).isLessThanOrEqualTo(acc.get("value").asDouble());
            assertThat(acc.get("ci_high").asDouble()).isGreaterThanOrEqualTo(acc.get("value").asDouble());
            assertThat(j.get(side).get("groups")).hasSize(2);
        }
        assertThat(j.get("delta").get("accuracy").asDouble()).isEqualTo(j.get("after").get("accuracy").get("value")
                .asDouble() - j.get("before").get("accuracy").get("value").asDouble());
        assertThat(j.get("clusters")).hasSize(2);
        assertThat(j.get("fairness").get("change")).hasSize(2);
        assertThat(j.get("worse").isArray()).isTrue();
        assertThat(j.get("label_free_estimates").get("estimate").asBoolean()).isTrue();

        // the history holds it, done, with its options and the same result
        Result runs = run("runs", "--format", "json");
        assertThat(runs.code()).as(runs.err()).isZero();
        Map<String, JsonNode> stored = new HashMap<>();
        runs.json().get("runs").forEach(x -> stored.put(x.get("run_id").asText(), x));
        JsonNode s = stored.get(j.get("run_id").asText());
        assertThat(s.get("status").asText()).isEqualTo("done");
        assertThat(s.get("options").get("label").asText()).isEqualTo("y");
        assertThat(s.get("result").get("after").get("accuracy")).isEqualTo(j.get("after").get("accuracy"));

        // the text form: the run line, the method's own line and the metric table
        Result text = run("adapt", "--reference", t[0].toString(), "--target", t[1].toString(), "--label", "y",
                "--method", "bbse-soft", "--epochs", "2", "--resamples", "20");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains(": bbse-soft on built-in mlp, 16 units, 2 epochs, seed 0")
                .contains("target priors estimated (").contains("target metric").contains("label-free");
    }

    @Test
    void adaptSaysWhatIsWrongWithItsArguments() throws Exception {
        Path[] t = table();
        String[] split = {"adapt", "--reference", t[0].toString(), "--target", t[1].toString(), "--label", "y"};
        Result bad = run(concat(split, "--method", "kmm"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown adaptation method 'kmm' (use bbse, bbse-soft, mlls, iw, kliep, bn,"
                + " alpha-bn, tent, group-upweight, lame, pseudo, coral, dann, group-dro, wise-ft)");
        Result alpha = run(concat(split, "--method", "wise-ft", "--alpha", "1.5"));
        assertThat(alpha.code()).isEqualTo(2);
        assertThat(alpha.err()).contains("alpha must lie in [0, 1], not 1.5");
        Result noGroup = run(concat(split, "--method", "group-upweight", "--epochs", "1"));
        assertThat(noGroup.code()).isEqualTo(2);
        assertThat(noGroup.err()).contains("group upweighting needs a group column of the reference (--group COL)");
        Result trees = run(concat(split, "--method", "dann", "--classifier", "gbt"));
        assertThat(trees.code()).isEqualTo(2);
        assertThat(trees.err()).contains("dann trains or changes the built-in network itself, so it runs on the"
                + " network, not on trees (--classifier mlp|gbt)");
        Result treesRun = run(concat(split, "--method", "mlls", "--classifier", "gbt", "--resamples", "20",
                "--format", "json"));
        assertThat(treesRun.code()).as(treesRun.err()).isZero();
        assertThat(treesRun.json().get("model").asText()).startsWith("built-in gbt, 100 trees");
        Result notImages = run(concat(split, "--method", "bn"));
        assertThat(notImages.code()).isEqualTo(2);
        assertThat(notImages.err()).contains("the data are not images");
    }

    @Test
    void aUsersModelRunsOnlyTheMethodsThatNeedItsOutputs() throws Exception {
        Path ref = MODELS.resolve("label_shift_ref.csv");
        Path tgt = MODELS.resolve("label_shift_tgt.csv");
        Result r = run("adapt", "--reference", ref.toString(), "--target", tgt.toString(), "--label", "y",
                "--model", MODELS.resolve("tiny_mlp.onnx").toString(), "--model-output", "1", "--model-input",
                "a,b,c,d", "--method", "bbse", "--resamples", "20", "--clusters", "0", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("model").asText()).startsWith("tiny_mlp.onnx (sha256 ");
        assertThat(r.json().get("n_trained").asInt()).isZero();
        assertThat(r.json().has("held_out_accuracy")).isTrue();
        assertThat(r.json().has("train_accuracy")).isFalse();
        // LAME on the user's model: its logits (output 1) made consistent among neighbours in its hidden layer
        // (output 0, 8 values per row), and the target's clusters found in that hidden layer
        Result lame = run("adapt", "--reference", ref.toString(), "--target", tgt.toString(), "--label", "y",
                "--model", MODELS.resolve("tiny_mlp.onnx").toString(), "--model-output", "1", "--model-features",
                "0", "--model-input", "a,b,c,d", "--method", "lame", "--resamples", "20", "--clusters", "2",
                "--format", "json");
        assertThat(lame.code()).as(lame.err()).isZero();
        assertThat(lame.json().get("method").asText()).isEqualTo("lame");
        assertThat(lame.json().get("n_trained").asInt()).isZero();
        Result tent = run("adapt", "--reference", ref.toString(), "--target", tgt.toString(), "--label", "y",
                "--model", MODELS.resolve("tiny_mlp.onnx").toString(), "--model-output", "1", "--method", "tent");
        assertThat(tent.code()).isEqualTo(2);
        assertThat(tent.err()).contains("tent trains or changes the classifier, so it runs on the built-in one");
        Result wrongOutput = run("adapt", "--reference", ref.toString(), "--target", tgt.toString(), "--label", "y",
                "--model", MODELS.resolve("tiny_mlp.onnx").toString(), "--model-output", "0", "--model-input",
                "a,b,c,d", "--method", "mlls");
        assertThat(wrongOutput.code()).isEqualTo(2);
        assertThat(wrongOutput.err()).contains("tiny_mlp.onnx: gives 8 values per row, but the label has 3 classes");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
