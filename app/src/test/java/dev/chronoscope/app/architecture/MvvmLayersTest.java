package dev.chronoscope.app.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.chronoscope.app.runs.RunLauncher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** DESIGN §11: views bind to view-models; only view-models call services. */
@AnalyzeClasses(packages = "dev.chronoscope.app", importOptions = ImportOption.DoNotIncludeTests.class)
class MvvmLayersTest {

    @ArchTest
    static final ArchRule onlyViewModelsLaunchRuns = noClasses()
            .that().resideInAnyPackage("dev.chronoscope.app.view..", "dev.chronoscope.app.timeline..",
                    "dev.chronoscope.app.dashboard..", "dev.chronoscope.app.report..")
            .should().dependOnClassesThat().areAssignableTo(RunLauncher.class)
            .because("views reach the launcher only through view-models");

    @ArchTest
    static final ArchRule viewModelsKnowNoSceneGraph = noClasses()
            .that().resideInAPackage("dev.chronoscope.app.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "dev.chronoscope.app.view..",
                    "dev.chronoscope.app.dashboard..")
            .because("view-models must be testable without building views");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.chronoscope.app.(**)")
            .should().beFreeOfCycles()
            .because("each package is a layer: data (runs, timeline, report) below view-models below views");

    @ArchTest
    static final ArchRule runDataKnowsNoJavaFx = noClasses()
            .that().resideInAPackage("dev.chronoscope.app.runs..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the run model is fed from any thread and must not touch the UI toolkit");
}
