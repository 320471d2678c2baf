package org.shiftscope.workflow.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shiftscope.adaptation.method.AdaptationMethods;
import org.shiftscope.adaptation.method.DannMethod;
import org.shiftscope.adaptation.method.GroupUpweightMethod;
import org.shiftscope.adaptation.method.LabelShiftReport;
import org.shiftscope.adaptation.method.WiseFtMethod;

/**
 * Run records stored before they carried a schema (runs/v0, made by make_fixtures.sh with the CLI of that time)
 * still open: each reads into a typed run whose JSON is the stored one, field for field.
 */
class AdaptationRunJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIXTURES = List.of("alpha-bn", "bbse", "bbse-soft", "bbse-soft-user-model",
            "bbse-user-model", "bn", "coral", "dann", "group-dro", "group-upweight", "iw", "kliep", "lame", "mlls",
            "mlls-user-model", "pseudo", "tent", "wise-ft");

    @TempDir
    Path dir;

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = AdaptationRunJsonTest.class.getResourceAsStream("/runs/v0/" + name + ".json")) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alpha-bn", "bbse", "bbse-soft", "bbse-soft-user-model", "bbse-user-model", "bn", "coral",
            "dann", "group-dro", "group-upweight", "iw", "kliep", "lame", "mlls", "mlls-user-model", "pseudo", "tent",
            "wise-ft"})
    void aStoredRunReadsBackToTheSameJson(String name) throws IOException {
        JsonNode stored = fixture(name);
        AdaptationRun run = AdaptationRunJson.read(stored);
        assertThat(run.report()).isInstanceOf(AdaptationMethods.reportType(run.method()));
        ObjectNode written = AdaptationRunJson.write(run);
        assertThat(written.get("schema").asText()).isEqualTo(AdaptationRun.SCHEMA);
        written.remove("schema");
        // compared as text read back, so that number node types (int/long) do not matter
        assertThat(JSON.readTree(written.toString())).isEqualTo(stored);
    }

    @Test
    void typedFieldsAreTheStoredNumbers() throws IOException {
        JsonNode mlls = fixture("mlls");
        AdaptationRun run = AdaptationRunJson.read(mlls);
        LabelShiftReport ls = run.report(LabelShiftReport.class);
        assertThat(ls.targetPriors()[1]).isEqualTo(mlls.get("estimated_target_priors").get(1).asDouble());
        assertThat(ls.emIterations()).isEqualTo(mlls.get("em_iterations").asInt());
        assertThat(run.fairness().rateChanges()).isNotEmpty();
        AdaptationRun.RateChange c = run.fairness().rateChanges().get(0);
        assertThat(c.change()).isEqualTo(c.after().value() - c.before().value());

        JsonNode wise = fixture("wise-ft");
        WiseFtMethod.Summary w = AdaptationRunJson.read(wise).report(WiseFtMethod.Report.class).wise();
        assertThat(w.accuracyByAlpha()).hasSize(WiseFtMethod.GRID.length);
        assertThat(w.accuracyByAlpha().get(0).accuracy())
                .isEqualTo(wise.get("before").get("accuracy").get("value").asDouble());

        JsonNode dann = fixture("dann");
        assertThat(AdaptationRunJson.read(dann).report(DannMethod.Report.class).alignment().aucBefore())
                .isEqualTo(dann.get("domain_alignment").get("auc_before").asDouble());
        JsonNode up = fixture("group-upweight");
        assertThat(AdaptationRunJson.read(up).report(GroupUpweightMethod.Report.class).trainingGroups().get("B")
                .rows()).isEqualTo(up.get("training_groups").get("B").get("rows").asInt());
        // a user's model reports its held-out accuracy, not a training accuracy
        AdaptationRun user = AdaptationRunJson.read(fixture("bbse-user-model"));
        assertThat(user.userModel()).isTrue();
        assertThat(user.trainAccuracy()).isEqualTo(fixture("bbse-user-model").get("held_out_accuracy").asDouble());
    }

    @Test
    void anExistingRunHistoryOfOldRowsStillOpens() throws Exception {
        Path file = dir.resolve("runs.db");
        new RunStore(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("INSERT INTO runs (id, kind, method, options, seed, data_hash,"
                     + " model_hash, status, pid, started, finished, result) VALUES (?, 'adapt', ?, '{}', 0, 'd',"
                     + " 'm', 'done', 1, '2026-12-01T00:00:00Z', '2026-12-01T00:01:00Z', ?)")) {
            for (String name : FIXTURES) {
                JsonNode stored = fixture(name);
                s.setString(1, name);
                s.setString(2, stored.get("method").asText());
                s.setString(3, stored.toString());
                s.executeUpdate();
            }
        }
        List<RunStore.Run> runs = new RunStore(file).list();
        assertThat(runs).hasSize(FIXTURES.size());
        for (RunStore.Run r : runs) {
            assertThat(r.result()).as(r.id() + ": " + r.problem()).isNotNull();
            assertThat(r.result().method()).isEqualTo(r.method());
        }
    }
}
