package org.shiftscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import org.shiftscope.ui.Snapshot;
import org.shiftscope.ui.common.ViewId;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.project.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Render the app's window headlessly to a PNG (no display needed) and exit.")
final class SnapshotCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tour", paramLabel = "DIR", description = "Instead of one view: every step of the guided tour,"
            + " with its caption, as DIR/step-1.png ... (slides).")
    java.nio.file.Path tour;

    @Option(names = "--presentation", description = "In presentation style: large type and markers, high contrast.")
    boolean presentation;

    @Option(names = "--theme", defaultValue = "light", paramLabel = "light|dark",
            description = "The theme (default ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--view", defaultValue = "data", paramLabel = "NAME",
            description = "data, map, explain, subgroups, adapt, report, lab or summary (a summary project's Full data view) (default ${DEFAULT-VALUE}).")
    String view;

    @Option(names = "--project", paramLabel = "FILE", description = "Project file (default: the demo project).")
    Path project;

    @Option(names = "--width", defaultValue = "1280", description = "Width in pixels (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "820", description = "Height in pixels (default ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() throws InterruptedException {
        ViewId viewId = ViewId.parse(view);
        if (width < 200 || height < 200 || width > 8000 || height > 8000) {
            throw org.shiftscope.core.DataException.of("--width and --height must lie between 200 and 8000 pixels");
        }
        Project p = project == null ? Project.demo() : ProjectStore.load(project);
        if ((out == null) == (tour == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --out FILE.png or --tour DIR");
        }
        if (!theme.equals("light") && !theme.equals("dark")) {
            throw org.shiftscope.core.DataException.of("unknown --theme '" + theme + "' (use light or dark)");
        }
        org.shiftscope.ui.common.Theme t = org.shiftscope.ui.common.Theme.of(theme);
        startHeadlessToolkit();
        // the toolkit stays up (the CLI's process exits after the command), so one JVM can render again
        if (tour != null) {
            Snapshot.tour(p, tour, width, height, presentation, t);
        } else {
            Snapshot.render(p, viewId, out, width, height, -1, presentation, t);
        }
        spec.commandLine().getOut().println(tour != null ? "wrote " + org.shiftscope.ui.Tour.STEPS.size()
                + " tour steps to " + tour : "wrote " + out + " (" + width + "x" + height + ", view " + viewId.id() + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean STARTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** JavaFX's start-up logger, kept so its level sticks. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("javafx");

    /** Starts JavaFX on Monocle's headless platform with software rendering (once per process). */
    static void startHeadlessToolkit() throws InterruptedException {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        // JavaFX warns (java.util.logging) that it runs from the class path; a command prints only its own lines
        QUIET.setLevel(java.util.logging.Level.SEVERE);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
    }
}
