package org.shiftscope.ui;

import org.shiftscope.ui.common.DialogService;
import org.shiftscope.ui.common.ViewId;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.shiftscope.core.DataException;
import org.shiftscope.core.TaskMonitor;
import org.shiftscope.workflow.data.DataResult;
import org.shiftscope.workflow.explain.ExplainResult;
import org.shiftscope.workflow.DatasetCatalog;
import org.shiftscope.workflow.project.Project;
import org.shiftscope.workflow.SplitBuilder;

/**
 * Renders the main window for a project and view to a PNG without showing it (for slides, docs and reports).
 * The JavaFX toolkit must already be running (the CLI starts it headless with Monocle).
 */
public final class Snapshot {

    private Snapshot() {
    }

    public static void render(Project project, ViewId view, Path out, int width, int height) {
        render(project, view, out, width, height, -1, false);
    }

    /**
     * Renders every step of the guided tour to {@code dir/step-1.png ... step-N.png}, each with its caption (slides
     * for a lecture).
     */
    public static void tour(Project project, Path dir, int width, int height, boolean presentation) {
        tour(project, dir, width, height, presentation, org.shiftscope.ui.common.Theme.LIGHT);
    }

    public static void tour(Project project, Path dir, int width, int height, boolean presentation,
                            org.shiftscope.ui.common.Theme theme) {
        for (int i = 0; i < org.shiftscope.ui.Tour.STEPS.size(); i++) {
            render(project, org.shiftscope.ui.Tour.STEPS.get(i).view(), dir.resolve("step-" + (i + 1) + ".png"),
                    width, height, i, presentation, theme);
        }
    }

    /**
     * @param tourStep     the guided tour's step to show (its view and caption), or -1
     * @param presentation in presentation style (large type and markers)
     */
    public static void render(Project project, ViewId view, Path out, int width, int height, int tourStep,
                              boolean presentation) {
        render(project, view, out, width, height, tourStep, presentation, org.shiftscope.ui.common.Theme.LIGHT);
    }

    /** As {@link #render(Project, ViewId, Path, int, int, int, boolean)}, in the given theme. */
    public static void render(Project project, ViewId view, Path out, int width, int height, int tourStep,
                              boolean presentation, org.shiftscope.ui.common.Theme theme) {
        write(inspect(project, view, width, height, tourStep, presentation, theme, s -> s.snapshot(null)), out);
    }

    /**
     * Lays the view out as {@link #render} shows it (the analyses done, the window settled) and hands its scene to
     * {@code inspect} on the FX thread; returns what that gives (the image, or what a test finds in the scene).
     */
    static <T> T inspect(Project project, ViewId view, int width, int height, int tourStep, boolean presentation,
                         org.shiftscope.ui.common.Theme theme, java.util.function.Function<Scene, T> inspect) {
        org.shiftscope.ui.Tour.Step step = tourStep < 0 ? null : org.shiftscope.ui.Tour.STEPS.get(tourStep);
        org.shiftscope.workflow.lab.LabAnalysis.Frame lab = view != ViewId.LAB ? null
                : org.shiftscope.workflow.lab.LabAnalysis.run(step != null && step.scenario() != null ? step.scenario()
                        : org.shiftscope.ui.lab.LabViewModel.DEFAULT_SCENARIO, step != null
                        && !Double.isNaN(step.intensity()) ? step.intensity()
                        : org.shiftscope.ui.lab.LabViewModel.DEFAULT_INTENSITY, org.shiftscope.ui.lab.LabViewModel.ROWS,
                        0, TaskMonitor.NONE);
        DataResult result = org.shiftscope.workflow.data.DataAnalysis.run(new SplitBuilder(new DatasetCatalog()), project.split(), TaskMonitor.NONE);
        ExplainResult explained = view == ViewId.EXPLAIN ? org.shiftscope.workflow.explain.ExplainAnalysis.run(result.split(),
                org.shiftscope.workflow.explain.ExplainRequest.defaults(), TaskMonitor.NONE) : null;
        org.shiftscope.workflow.map.SubpopulationMap.Mapped mapped = view == ViewId.MAP ? org.shiftscope.workflow.map.SubpopulationMap.run(result, project.mapSettings(),
                TaskMonitor.NONE) : null;
        org.shiftscope.workflow.audit.AuditAnalysis.SplitAudit audited = view == ViewId.SUBGROUPS && project.audit() != null
                ? org.shiftscope.workflow.audit.AuditAnalysis.audit(project.split(), project.audit(), TaskMonitor.NONE)
                : null;
        CompletableFuture<T> image = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                theme.apply();
                DialogService dialogs = (title, problem) -> image.completeExceptionally(problem);
                MainViewModel vm = new MainViewModel(new org.shiftscope.ui.tasks.TaskRunner(dialogs), dialogs);
                vm.data().load(project.split());
                vm.map().load(project.mapSettings());
                vm.subgroups().load(project.audit());
                vm.summary().summaryProperty().set(project.summary());
                if (audited != null) {
                    vm.subgroups().publish(audited);
                }
                vm.data().publish(result);
                if (explained != null) {
                    vm.explain().publish(explained);
                }
                if (mapped != null) {
                    vm.map().publish(mapped);
                }
                if (lab != null) {
                    vm.lab().publish(lab);
                }
                if (step != null) {
                    vm.tour().show(tourStep);
                } else {
                    vm.viewProperty().set(view);
                }
                MainWindow window = new MainWindow(vm, () -> { });
                window.presentNow(presentation);
                Scene scene = org.shiftscope.ui.common.Theme.style(new Scene(window.root(), width, height));
                window.settle();
                window.root().applyCss();
                window.root().layout();
                image.complete(inspect.apply(scene));
                vm.tasks().shutdown();
            } catch (Throwable e) { // an Error too (out of memory): the caller waits for this future
                image.completeExceptionally(e);
            }
        });
        try {
            return image.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DataException.of("snapshot interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static void write(WritableImage img, Path out) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            boolean written = ImageIO.write(buffered, "png", png);
            if (written) {
                org.shiftscope.core.AtomicFile.write(out, o -> png.writeTo(o));
            }
            if (!written) {
                throw DataException.inFile(out.getFileName().toString(), "no PNG writer available");
            }
        } catch (IOException e) {
            throw DataException.inFile(out.getFileName().toString(), "cannot be written: " + e.getMessage());
        }
    }
}
