package org.shiftscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shiftscope.core.DataException;
import org.shiftscope.core.MissingPolicy;
import org.shiftscope.scenarios.TargetShift;
import org.shiftscope.workflow.SplitDefinition;
import org.shiftscope.workflow.SplitSource;
import picocli.CommandLine.Option;

/** The split options every analysis command shares. */
final class SplitOptions {

    @picocli.CommandLine.Mixin
    ImageOptions images = new ImageOptions();

    @Option(names = "--reference", paramLabel = "FILE", converter = StdinPath.class,
            description = "Reference file (with --target); - reads standard input.")
    Path reference;

    @Option(names = "--target", paramLabel = "FILE", converter = StdinPath.class,
            description = "Target file (with --reference); - reads standard input.")
    Path target;

    @Option(names = "--data", paramLabel = "FILE", converter = StdinPath.class, description = "One file to split with"
            + " --reference-where and --target-where; - reads standard input (CSV, JSON Lines or Parquet).")
    Path data;

    @Option(names = "--reference-where", paramLabel = "EXPR",
            description = "Reference rows of --data, e.g. sex=Male, class=2, age>=30, race in {White,Black}.")
    String referenceWhere;

    @Option(names = "--target-where", paramLabel = "EXPR", description = "Target rows of --data, e.g. sex=Female.")
    String targetWhere;

    @Option(names = "--demo", paramLabel = "NAME", description = "A built-in scenario (demo --list names them all), e.g. mixture-ring, two-moons.")
    String demo;

    @Option(names = "--demo-rows", paramLabel = "N", defaultValue = "1500", description = "Rows per side of --demo (default ${DEFAULT-VALUE}).")
    int demoRows;

    @Option(names = "--demo-intensity", paramLabel = "T", defaultValue = "1", description = "How strong the --demo"
            + " scenario's shift is, 0 (none) to 1 (default ${DEFAULT-VALUE}; see demo --list).")
    double demoIntensity;

    @Option(names = "--demo-seed", paramLabel = "S", defaultValue = "0", description = "Seed of --demo (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--columns", paramLabel = "a,b,c", split = ",",
            description = "Columns to analyse (default: all but the columns the filters use).")
    List<String> columns = new ArrayList<>();

    @Option(names = "--missing", paramLabel = "drop|fail", defaultValue = "drop",
            description = "Rows with a missing value in an analysed column: drop them (counted), or fail. Default ${DEFAULT-VALUE}.")
    String missing;

    @Option(names = "--target-shift", paramLabel = "STEPS",
            description = "Shift the target rows once loaded, steps separated by ';': noise=S (Gaussian pixel noise, sd"
                    + " S x 255), blur=S (Gaussian blur, sd S pixels), brightness=B (add B x 255), reweight=COL:v=w,..."
                    + " (keep rows with probability w / max w; e.g. reweight=label:0=0.1,1=0.1).")
    String targetShift;

    @Option(names = "--shift-seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of --target-shift (default ${DEFAULT-VALUE}).")
    long shiftSeed;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /**
     * Loads, filters and checks the split these options define (the same code path as the app); what loading left
     * out (rows whose image file is missing) is said on stderr.
     */
    org.shiftscope.core.Split build() {
        org.shiftscope.workflow.SplitBuilder builder = new org.shiftscope.workflow.SplitBuilder(
                new org.shiftscope.workflow.DatasetCatalog());
        org.shiftscope.workflow.SplitDefinition d = definition();
        org.shiftscope.workflow.SplitBuilder.Sides sides = builder.sides(d, org.shiftscope.core.TaskMonitor.NONE);
        note(sides.notes());
        return builder.build(d, sides);
    }

    /** Says each note on stderr, as "note: ...". */
    void note(List<String> notes) {
        if (mixee != null) {
            notes.forEach(n -> mixee.commandLine().getErr().println("note: " + n));
        }
    }

    /** Whether any option defines a split. */
    boolean given() {
        return reference != null || target != null || data != null || referenceWhere != null || targetWhere != null
                || demo != null;
    }

    SplitDefinition definition() {
        boolean two = reference != null || target != null;
        boolean one = data != null || referenceWhere != null || targetWhere != null;
        boolean generated = demo != null;
        if ((two ? 1 : 0) + (one ? 1 : 0) + (generated ? 1 : 0) != 1) {
            throw DataException.of("define the split one way: --reference FILE --target FILE, or --data FILE"
                    + " --reference-where EXPR --target-where EXPR, or --demo NAME");
        }
        SplitSource source;
        if (two) {
            if (reference == null || target == null) {
                throw DataException.of("--reference and --target go together");
            }
            source = new SplitSource.TwoFiles(reference, target);
        } else if (one) {
            if (data == null || referenceWhere == null || targetWhere == null) {
                throw DataException.of("--data needs both --reference-where and --target-where");
            }
            source = new SplitSource.FilteredFile(data, referenceWhere, targetWhere);
        } else {
            source = new SplitSource.Demo(demo, demoRows, seed, demoIntensity);
        }
        List<String> cols = columns.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new SplitDefinition(source, cols, MissingPolicy.parse(missing),
                targetShift == null ? null : TargetShift.parse(targetShift, shiftSeed), images.column());
    }
}
