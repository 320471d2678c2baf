package org.shiftscope.app;

import java.util.ArrayList;
import java.util.List;
import org.shiftscope.workflow.audit.AuditAnalysis;
import org.shiftscope.workflow.model.EmbeddingAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a subgroup audit, shared by {@code audit} and {@code report}. */
final class AuditOptions {

    @Option(names = "--where", paramLabel = "EXPR", description = "Audit only the rows matching this filter (both"
            + " sides of a split), e.g. \"days_b_screening_arrest>=-30 and days_b_screening_arrest<=30\".")
    String where;

    @Option(names = "--label", paramLabel = "COL", description = "The true outcome column.")
    String label;

    @Option(names = "--positive-label", paramLabel = "V", description = "The label value that is the positive class"
            + " (default: the column's 1 / yes / true).")
    String positiveLabel;

    @Option(names = "--prediction", paramLabel = "COL", description = "The decision (or score) column.")
    String prediction;

    @Option(names = "--model", paramLabel = "FILE", description = "Or decide by a model (ONNX or TorchScript): its"
            + " probability of the positive class >= --threshold (default 0.5). One output value per row is that"
            + " probability (or its logit); two are one per class, --positive-output says which. Tabular models get"
            + " --model-input's columns.")
    java.nio.file.Path model;

    @Mixin
    EmbedCommand.ModelOptions modelOptions;

    @Option(names = "--positive-output", defaultValue = "1", paramLabel = "K", description = "A model with two"
            + " values per row: which one is the positive class (default ${DEFAULT-VALUE}).")
    int positiveOutput;

    @Option(names = "--threshold", paramLabel = "T", description = "A numeric score column (or a model's"
            + " probability) decides positive at score >= T (a score in [0, 1] is also checked for calibration).")
    Double threshold;

    @Option(names = "--positive-prediction", paramLabel = "V,V", split = ",",
            description = "Decision values that count as positive.")
    List<String> positivePredictions = new ArrayList<>();

    @Option(names = "--negative-prediction", paramLabel = "V,V", split = ",",
            description = "Decision values that count as negative; every other value is positive (e.g. Low for"
                    + " COMPAS's score_text).")
    List<String> negativePredictions = new ArrayList<>();

    @Option(names = "--group", paramLabel = "COL[,COL]", split = ",",
            description = "Group column(s); several give their intersections (e.g. race,sex).")
    List<String> groups;

    @Option(names = "--reference-group", paramLabel = "G", description = "The group the others are compared with"
            + " (default: the largest; for intersections write e.g. \"Caucasian x Male\").")
    String referenceGroup;

    @Option(names = "--min-group-size", defaultValue = "30", paramLabel = "N", description = "Groups with fewer rows"
            + " are reported and flagged \"small\", and left out of the between-group disparities (default"
            + " ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--resamples", defaultValue = "1000", paramLabel = "B",
            description = "Bootstrap resamples of the 95 %% intervals (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Bootstrap seed (default"
            + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--explain-clusters", defaultValue = "0", paramLabel = "K", description = "With a split: explain"
            + " the shift by a K-cluster transport map (over --columns, or every other numeric column) and say which"
            + " groups each cluster carries on each side (default: none).")
    int clusters;

    /** Whether any audit column was named. */
    boolean given() {
        return label != null || prediction != null || model != null || (groups != null && !groups.isEmpty());
    }

    /** The settings these options make; the label, the groups and one decision source are required. */
    AuditAnalysis.Settings settings(CommandLine.Model.CommandSpec spec) {
        if (label == null || groups == null || groups.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "an audit needs --label COL and --group"
                    + " COL[,COL]");
        }
        if ((prediction == null) == (model == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give the decision as --prediction COL or as --model FILE (one of them)");
        }
        AuditAnalysis.Options o = new AuditAnalysis.Options(label, positiveLabel, prediction, threshold,
                positivePredictions, negativePredictions, groups, referenceGroup, minGroupSize, resamples, seed,
                model == null ? null : new AuditAnalysis.Model(model, modelOptions.modelInput(), positiveOutput));
        return new AuditAnalysis.Settings(o, where, clusters);
    }
}
