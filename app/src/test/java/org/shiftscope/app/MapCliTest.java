package org.shiftscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shiftscope.app.CliRun.MODELS;
import static org.shiftscope.app.CliRun.run;
import static org.shiftscope.app.CliRun.shared;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shiftscope.app.CliRun.Result;
import org.shiftscope.io.SharedData;

/** map and embed end to end: planted clusters, Fashion-MNIST, a user's model, texts, the built-in encoder. */
class MapCliTest {

    /**
     * The JSON and CSV that `map` writes and its options; the planted clusters themselves (every projection and
     * clustering finds them) are workflow's SubpopulationMapTest.
     */
    @Test
    void mapWritesItsJsonAndCsvAndReadsItsOptions(@TempDir Path dir) throws Exception {
        // planted: blobs A (0, 0) and B (10, 0) on both sides, C (0, 10) in the target only (300 + 200 vs 200 + 100 + 100)
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        StringBuilder csv = new StringBuilder("side,a,b\n");
        String[] sides = {"ref", "ref", "tgt", "tgt", "tgt"};
        int[] counts = {300, 200, 200, 100, 100};
        double[][] centres = {{0, 0}, {10, 0}, {0, 0}, {10, 0}, {0, 10}};
        for (int g = 0; g < sides.length; g++) {
            for (int i = 0; i < counts[g]; i++) {
                csv.append(sides[g]).append(',').append(centres[g][0] + r.nextGaussian()).append(',')
                        .append(centres[g][1] + r.nextGaussian()).append('\n');
            }
        }
        Path data = dir.resolve("blobs.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("map.csv");
        Result res = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--columns", "a,b", "--clusters", "3", "--out", out.toString(), "--format", "json");
        assertThat(res.code()).as(res.err()).isZero();
        JsonNode root = res.json();
        assertThat(root.get("n_reference").asInt()).isEqualTo(500);
        assertThat(root.get("n_target").asInt()).isEqualTo(400);
        java.util.Map<String, JsonNode> byTrend = new java.util.HashMap<>();
        for (JsonNode c : root.get("clusters")) {
            byTrend.put(c.get("trend").asText(), c);
        }
        assertThat(byTrend.keySet()).containsExactlyInAnyOrder("emerging", "shrank", "stable");
        JsonNode c = byTrend.get("emerging");
        assertThat(c.get("n_reference").asInt()).isZero();
        assertThat(c.get("n_target").asInt()).isEqualTo(100);
        // an infinite ratio is written as null (JSON has no infinity)
        assertThat(c.get("ratio").isNull()).isTrue();
        assertThat(byTrend.get("shrank").get("ratio").asDouble()).isCloseTo(0.625,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(root.get("detection").get("mmd").has("p_value")).isTrue();
        assertThat(root.get("detection").get("classifier").has("auc")).isTrue();
        java.util.List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1 + 900);
        assertThat(lines.get(0)).isEqualTo("side,row,x,y,cluster");
        assertThat(lines.stream().filter(l -> l.startsWith("target,")).count()).isEqualTo(400);

        Result umap = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--columns", "a,b", "--clusters", "3", "--method", "umap", "--no-tests", "--format", "json");
        assertThat(umap.code()).as(umap.err()).isZero();
        assertThat(umap.json().get("method").asText()).isEqualTo("umap");
        assertThat(umap.json().get("fitted").asInt()).isEqualTo(900);
        assertThat(umap.json().has("trustworthiness")).isTrue();
        assertThat(umap.json().has("detection")).isFalse();

        Result tsne = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--columns", "a,b", "--method", "tsne", "--fit", "300", "--no-tests", "--format", "json");
        assertThat(tsne.code()).as(tsne.err()).isZero();
        assertThat(tsne.json().get("fitted").asInt()).isEqualTo(300);
        Result badFit = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--columns", "a,b", "--method", "umap", "--fit", "some");
        assertThat(badFit.code()).isEqualTo(2);
        assertThat(badFit.err()).contains("--fit").contains("expected all or a number of points of at least 3, not"
                + " 'some'");

        Result dbscan = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--columns", "a,b", "--no-tests", "--clustering", "dbscan", "--standardize", "none",
                "--eps", "1.5", "--min-samples", "5", "--format", "json");
        assertThat(dbscan.code()).as(dbscan.err()).isZero();
        JsonNode how = dbscan.json().get("clustering");
        assertThat(how.get("method").asText()).isEqualTo("dbscan");
        assertThat(how.get("clusters").asInt()).isEqualTo(3);

        Result bad = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--method", "isomap");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown projection method 'isomap' (use pca, tsne, umap)");
    }

    @Test
    void fashionMnistWithAClassReweightedTargetShowsTheVanishedClass() throws Exception {
        // the Debian package dataset-fashion-mnist (.ci/run installs it); 10,000 test images on both sides, the target
        // keeping 2 % of class 1 (Trouser): 20 +- 4.4 of its 1,000 images, so 9,020 +- 18 target rows
        Path images = SharedData.fashionMnist("t10k-images-idx3-ubyte.gz");
        Result res = run("map", "--reference", images.toString(), "--target", images.toString(),
                "--target-shift", "reweight=label:1=0.02", "--shift-seed", "3", "--encoder", "cnn", "--label", "label",
                "--epochs", "5", "--dim", "32", "--max-train", "5000", "--clusters", "10", "--format", "json");
        assertThat(res.code()).as(res.err()).isZero();
        JsonNode root = res.json();
        assertThat(root.get("n_reference").asInt()).isEqualTo(10_000);
        assertThat(root.get("n_target").asInt()).isBetween(8_980, 9_060);
        assertThat(root.get("encoder").get("kind").asText()).isEqualTo("cnn");
        assertThat(root.get("encoder").get("trained_on").asInt()).isEqualTo(5_000);
        // ten classes in 5 epochs of 5,000 images: well above the 10 % of guessing (0.865 when written)
        assertThat(root.get("encoder").get("train_accuracy").asDouble()).isGreaterThan(0.75);
        double smallest = Double.POSITIVE_INFINITY;
        for (JsonNode c : root.get("clusters")) {
            if (c.get("reference_share").asDouble() > 0.05) {
                smallest = Math.min(smallest, c.get("ratio").asDouble());
            }
        }
        // the cluster holding the trousers lost most of its target share (unshifted clusters keep ratios near 1.1)
        assertThat(smallest).isLessThan(0.2);

        Result tabular = run("map", "--demo", "mixture-ring", "--target-shift", "blur=1");
        assertThat(tabular.code()).isEqualTo(2);
        assertThat(tabular.err()).contains("has no images: blur applies to image data only");
    }

    @Test
    void embedWritesTorchsOwnHiddenLayerAndMapUsesEmbeddings(@TempDir Path dir) throws Exception {
        // the 10 fixture rows as a CSV, twice: side=ref for the first 5, side=tgt for the rest
        org.shiftscope.core.Dataset in = org.shiftscope.io.NpyReader.read(MODELS.resolve("input.npy"),
                org.shiftscope.core.TaskMonitor.NONE);
        StringBuilder csv = new StringBuilder("a,b,c,d,side\n");
        for (int i = 0; i < 10; i++) {
            for (org.shiftscope.core.Column c : in.columns()) {
                csv.append(((org.shiftscope.core.NumericColumn) c).get(i)).append(',');
            }
            csv.append(i < 5 ? "ref" : "tgt").append('\n');
        }
        Path data = dir.resolve("rows.csv");
        Files.writeString(data, csv);
        Path out = dir.resolve("emb.npy");
        Result r = run("embed", "--data", data.toString(), "--model", MODELS.resolve("tiny_mlp.onnx").toString(),
                "--model-input", "a,b,c,d", "--out", out.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("dimensions").asInt()).isEqualTo(8);
        assertThat(r.json().get("device").asText()).startsWith("cpu");
        org.shiftscope.core.Dataset got = org.shiftscope.io.NpyReader.read(out, org.shiftscope.core.TaskMonitor.NONE);
        org.shiftscope.core.Dataset want = org.shiftscope.io.NpyReader.read(MODELS.resolve("hidden.npy"),
                org.shiftscope.core.TaskMonitor.NONE);
        for (int k = 0; k < 8; k++) {
            double[] g = ((org.shiftscope.core.NumericColumn) got.columns().get(k)).values();
            double[] w = ((org.shiftscope.core.NumericColumn) want.columns().get(k)).values();
            for (int i = 0; i < 10; i++) {
                assertThat(g[i]).isCloseTo(w[i], org.assertj.core.api.Assertions.within(1e-5));
            }
        }
        // the map of the precomputed embeddings and the map of the model's embeddings are the same map
        Result fromFile = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--embeddings", out.toString(), "--clusters", "2", "--format", "json");
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.json().get("features")).hasSize(8);
        assertThat(fromFile.json().get("features").get(0).asText()).isEqualTo("emb_0");
        Result fromModel = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--model", MODELS.resolve("tiny_mlp.pt").toString(), "--model-input", "a,b,c,d",
                "--clusters", "2", "--format", "json");
        assertThat(fromModel.code()).as(fromModel.err()).isZero();
        assertThat(fromModel.json().get("clusters")).isEqualTo(fromFile.json().get("clusters"));

        Path shortNpy = dir.resolve("short.npy");
        org.shiftscope.io.NpyWriter.write(shortNpy, 3, 2, new double[6]);
        Result bad = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--embeddings", shortNpy.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("short.npy: has 3 rows but rows.csv has 10");
    }

    @Test
    void embeddingsAreCachedByInputModelAndOutput(@TempDir Path dir) throws Exception {
        String before = System.getProperty("shiftscope.cache");
        System.setProperty("shiftscope.cache", dir.resolve("cache").toString());
        try {
            Path data = dir.resolve("rows.csv");
            Files.writeString(data, "a,b,c,d\n1,2,3,4\n0.5,0,-1,2\n3,3,1,0\n");
            Path model = MODELS.resolve("tiny_mlp.onnx");
            String[] embed = {"embed", "--data", data.toString(), "--model", model.toString(), "--out",
                    dir.resolve("e.npy").toString(), "--format", "json"};
            Result first = run(embed);
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.json().get("device").asText()).isEqualTo("cpu()");
            Path cacheDir = dir.resolve("cache").resolve("embeddings");
            java.util.List<Path> entries;
            try (var files = Files.list(cacheDir)) {
                entries = files.filter(f -> f.toString().endsWith(".npy")).toList();
            }
            assertThat(entries).hasSize(1);
            byte[] computed = Files.readAllBytes(dir.resolve("e.npy"));
            Result second = run(embed);
            assertThat(second.json().get("device").asText()).isEqualTo("cpu() (cached)");
            assertThat(Files.readAllBytes(dir.resolve("e.npy"))).isEqualTo(computed);
            // --no-cache runs the model
            Result noCache = run(java.util.stream.Stream.concat(java.util.Arrays.stream(embed),
                    java.util.stream.Stream.of("--no-cache")).toArray(String[]::new));
            assertThat(noCache.json().get("device").asText()).isEqualTo("cpu()");
            // a damaged entry is recomputed, not trusted
            Files.writeString(entries.get(0), "not an npy file");
            Result again = run(embed);
            assertThat(again.json().get("device").asText()).isEqualTo("cpu()");
            assertThat(Files.readAllBytes(dir.resolve("e.npy"))).isEqualTo(computed);
            // changed data: a new key
            Files.writeString(data, "a,b,c,d\n1,2,3,4\n0.5,0,-1,2\n3,3,1,1\n");
            assertThat(run(embed).json().get("device").asText()).isEqualTo("cpu()");
            try (var files = Files.list(cacheDir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".npy")).count()).isEqualTo(2);
            }
        } finally {
            if (before == null) {
                System.clearProperty("shiftscope.cache");
            } else {
                System.setProperty("shiftscope.cache", before);
            }
        }
    }

    @Test
    void mapOfTextsFindsTheTopicOnlyTheTargetHas(@TempDir Path dir) throws Exception {
        // planted truth: 30 reference notes about hospital stays; the target has 15 such notes and 15 market reports
        String[] wards = {"cardiology", "oncology", "the surgical ward", "intensive care", "maternity"};
        String[] verbs = {"was discharged", "recovered", "was moved to rehabilitation"};
        String[] firms = {"Acme Corp", "Globex", "Initech", "Umbrella Holdings", "Stark Industries"};
        String[] moves = {"rose", "fell", "slipped"};
        StringBuilder csv = new StringBuilder("side,note\n");
        for (int i = 0; i < 45; i++) {
            csv.append(i < 30 ? "ref" : "tgt").append(",\"The patient ").append(verbs[i % 3]).append(" after ")
                    .append(2 + i % 9).append(" days in ").append(wards[i % 5]).append(".\"\n");
        }
        for (int i = 0; i < 15; i++) {
            csv.append("tgt,\"Shares of ").append(firms[i % 5]).append(' ').append(moves[i % 3]).append(' ')
                    .append(1 + i % 7).append(" percent in early trading.\"\n");
        }
        Path data = dir.resolve("notes.csv");
        Files.writeString(data, csv);
        Result r = run("map", "--data", data.toString(), "--reference-where", "side=ref", "--target-where",
                "side=tgt", "--text", "note", "--clusters", "2", "--no-tests", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().get("features")).hasSize(384);
        JsonNode emerging = null;
        for (JsonNode c : r.json().get("clusters")) {
            if (c.get("trend").asText().equals("emerging")) {
                emerging = c;
            }
        }
        assertThat(emerging).isNotNull();
        assertThat(emerging.get("n_reference").asInt()).isZero();
        assertThat(emerging.get("n_target").asInt()).isEqualTo(15);

        Path out = dir.resolve("notes.npy");
        Result embed = run("embed", "--data", data.toString(), "--text", "note", "--out", out.toString(), "--format",
                "json");
        assertThat(embed.code()).as(embed.err()).isZero();
        assertThat(embed.json().get("rows").asInt()).isEqualTo(60);
        assertThat(embed.json().get("dimensions").asInt()).isEqualTo(384);
        Result both = run("embed", "--data", data.toString(), "--text", "note", "--model", "m.onnx", "--out",
                out.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("embed needs --model FILE or --text COL (one of the two)");
    }

    @Test
    void mapOneHotEncodesCategoricalColumns() throws Exception {
        Result r = run("map", "--data", shared("adult.csv"), "--reference-where", "sex=Male", "--target-where",
                "sex=Female", "--columns", "age,race", "--clusters", "2", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        // adult.csv has 5 races, White the most frequent; age and race are never missing
        JsonNode f = r.json().get("features");
        assertThat(f).hasSize(6);
        assertThat(f.get(0).asText()).isEqualTo("age");
        assertThat(f.get(1).asText()).isEqualTo("race=White");
        assertThat(r.json().get("n_reference").asInt()).isEqualTo(21790);
        Result none = run("map", "--data", shared("adult.csv"), "--reference-where", "sex=Male", "--target-where",
                "sex=Female", "--columns", "age,race", "--standardize", "none");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("z-score the columns, or choose numeric columns only (--standardize");
    }

    @Test
    void mapWithTheBuiltInEncoderOnAdult() throws Exception {
        Result r = run("map", "--data", shared("adult.csv"), "--reference-where", "sex=Male", "--target-where",
                "sex=Female", "--columns", "age,education-num,hours-per-week,occupation,income-per-year",
                "--encoder", "mlp", "--label", "income-per-year", "--epochs", "3", "--dim", "8", "--clusters", "4",
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode enc = r.json().get("encoder");
        assertThat(enc.get("classes").asInt()).isEqualTo(2);
        // better than always answering "<=50K" (69 % of the men whose occupation is known)
        assertThat(enc.get("train_accuracy").asDouble()).isGreaterThan(0.72);
        assertThat(r.json().get("features")).hasSize(8);
        int ref = 0;
        int heldOut = 0;
        int[] right = new int[2];
        for (JsonNode c : r.json().get("clusters")) {
            ref += c.get("n_reference").asInt();
            // every target row has its income label; reference rows count only when the encoder did not train on them
            assertThat(c.get("reference_accuracy").get("labelled").asInt()).isLessThanOrEqualTo(
                    c.get("n_reference").asInt());
            assertThat(c.get("target_accuracy").get("labelled").asInt()).isEqualTo(c.get("n_target").asInt());
            heldOut += c.get("reference_accuracy").get("labelled").asInt();
            for (int side = 0; side < 2; side++) {
                JsonNode a = c.get(side == 0 ? "reference_accuracy" : "target_accuracy");
                if (a.get("labelled").asInt() > 0) {
                    right[side] += (int) Math.round(a.get("accuracy").asDouble() * a.get("labelled").asInt());
                    assertThat(a.get("ci_low").asDouble()).isLessThanOrEqualTo(a.get("accuracy").asDouble());
                }
            }
        }
        assertThat(ref).isEqualTo(r.json().get("n_reference").asInt());
        assertThat(heldOut).isEqualTo(ref - enc.get("trained_on").asInt());
        // the clusters' right answers add up to each side's overall accuracy
        assertThat((double) right[0] / heldOut).isCloseTo(enc.get("reference_accuracy").get("accuracy").asDouble(),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat((double) right[1] / r.json().get("n_target").asInt()).isCloseTo(
                enc.get("target_accuracy").get("accuracy").asDouble(), org.assertj.core.api.Assertions.within(1e-12));
        Result bad = run("map", "--data", shared("adult.csv"), "--reference-where", "sex=Male", "--target-where",
                "sex=Female", "--encoder", "mlp", "--label", "income");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("label column 'income' is not among the split's columns");
    }

    @Test
    void theBuiltInEncoderTrainsWithTheAppsDefaults() throws Exception {
        // one definition of the defaults (MapAnalysis.EncoderSettings), read by this command and the Map view alike
        Result r = run("map", "--demo", "mixture-ring", "--encoder", "mlp", "--label", "component", "--clusters", "2",
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        var defaults = org.shiftscope.workflow.map.MapAnalysis.EncoderSettings.defaults(false);
        assertThat(r.json().get("encoder").get("dim").asInt()).isEqualTo(defaults.dim()).isEqualTo(16);
        assertThat(r.json().get("encoder").get("epochs").asInt()).isEqualTo(defaults.epochs()).isEqualTo(10);
        assertThat(org.shiftscope.workflow.map.MapAnalysis.EncoderSettings.defaults(true).dim()).isEqualTo(32);
    }
}
