package org.shiftscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of DEVELOPERS.md and docs/architecture.md, checked on the compiled main classes of every module. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.shiftscope");
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"core", "io", "scenarios", "transport", "analysis", "embedding", "projection", "metrics", "adaptation", "workflow", "ui", "app"}) {
            org.assertj.core.api.Assertions.assertThat(classes.stream()
                    .anyMatch(c -> c.getPackageName().startsWith("org.shiftscope." + pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void dependenciesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("org.shiftscope.app..")
                .layer("ui").definedBy("org.shiftscope.ui..")
                .layer("workflow").definedBy("org.shiftscope.workflow..")
                .layer("analysis").definedBy("org.shiftscope.io..", "org.shiftscope.scenarios..", "org.shiftscope.transport..", "org.shiftscope.embedding..", "org.shiftscope.projection..", "org.shiftscope.metrics..", "org.shiftscope.adaptation..",
                        "org.shiftscope.analysis..")
                .layer("core").definedBy("org.shiftscope.core..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("workflow").mayOnlyBeAccessedByLayers("ui", "app")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("workflow", "ui", "app")
                .check(classes);
    }

    @Test
    void coreDependsOnNothingInternal() {
        noClasses().that().resideInAPackage("org.shiftscope.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.shiftscope.core..", "java..")
                .check(classes);
    }

    @Test
    void noJavaFxOutsideUiAndApp() {
        noClasses().that().resideOutsideOfPackages("org.shiftscope.ui..", "org.shiftscope.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void onlyTheEmbeddingModuleTouchesDjl() {
        noClasses().that().resideOutsideOfPackage("org.shiftscope.embedding..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .check(classes);
    }

    @Test
    void onlyAnalysisCodeTouchesSmile() {
        noClasses().that().resideOutsideOfPackages("org.shiftscope.analysis..", "org.shiftscope.transport..", "org.shiftscope.projection..")
                .should().dependOnClassesThat().resideInAPackage("smile..")
                .check(classes);
    }

    /** The analysis modules: what the workflow layer assembles into use cases. */
    private static final String[] ANALYSIS = {"org.shiftscope.io..", "org.shiftscope.scenarios..",
        "org.shiftscope.transport..", "org.shiftscope.embedding..", "org.shiftscope.projection..",
        "org.shiftscope.metrics..", "org.shiftscope.adaptation..", "org.shiftscope.analysis.."};

    /**
     * An analysis module's class that does work: not a record, an enum or an interface (those are data and names that
     * cross layers in results and requests).
     */
    static final DescribedPredicate<JavaClass> ANALYSIS_WORK = DescribedPredicate.describe(
            "an analysis module's class that is not a record, enum or interface",
            c -> com.tngtech.archunit.core.domain.PackageMatchers.of(ANALYSIS).test(c.getPackageName())
                    && !c.isEnum() && !c.isInterface() && !c.isAnnotation()
                    && c.getRawSuperclass().map(s -> !s.isEquivalentTo(Record.class)).orElse(true));

    /**
     * The desktop app and the CLI reach analyses only through workflow's use cases; the analysis modules' records,
     * enums and interfaces (results, options, names) may cross. The benchmark command is the exception: it times the
     * algorithms themselves.
     */
    @Test
    void uiAndAppUseWorkflowAndCore() {
        noClasses().that().resideInAnyPackage("org.shiftscope.ui..", "org.shiftscope.app..")
                .and().doNotHaveFullyQualifiedName(BenchCommand.class.getName())
                .and().doNotHaveFullyQualifiedName(CalibrationBench.class.getName())
                .should().dependOnClassesThat(ANALYSIS_WORK)
                .check(classes);
    }

    /**
     * Inside ui: the root package (main window, main view model, tour, snapshot) assembles the feature folders; the
     * features and the shared helpers (ui.common, ui.tasks) never reach back into it, and the folders have no cycles.
     */
    @Test
    void uiFeaturesDoNotReachBackIntoTheMainWindow() {
        noClasses().that().resideInAPackage("org.shiftscope.ui.*..")
                .should().dependOnClassesThat().resideInAPackage("org.shiftscope.ui")
                .check(classes);
        slices().matching("org.shiftscope.ui.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Inside workflow: the root package holds what every feature shares (split definitions and loading, transport
     * preparation, drift tests, atomic files, the job type); the feature packages (data, map, explain, adapt, audit,
     * report, lab, model, project) build on it and on each other without cycles, and the root never reaches up.
     */
    @Test
    void workflowFeaturesBuildOnASharedRootWithoutCycles() {
        noClasses().that().resideInAPackage("org.shiftscope.workflow")
                .should().dependOnClassesThat().resideInAPackage("org.shiftscope.workflow.*..")
                .check(classes);
        slices().matching("org.shiftscope.workflow.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void modulesAreFreeOfCycles() {
        slices().matching("org.shiftscope.(*)..").should().beFreeOfCycles().check(classes);
    }
}
