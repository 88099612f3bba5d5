package dev.chronoscope.modeleditor.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.store.ModelStore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN §11: views bind to view-models; only view-models call the store; plots know nothing of models. */
@AnalyzeClasses(packages = "dev.chronoscope.modeleditor", importOptions = ImportOption.DoNotIncludeTests.class)
class MvvmLayersTest {

    @ArchTest
    static final ArchRule viewsDoNotTouchTheStore = noClasses()
            .that().resideInAnyPackage("dev.chronoscope.modeleditor.view..", "dev.chronoscope.modeleditor.plot..")
            .should().dependOnClassesThat().belongToAnyOf(ModelStore.class, KernelModels.class)
            .because("only view-models call the models store");

    @ArchTest
    static final ArchRule viewModelsDoNotKnowViews = noClasses()
            .that().resideInAPackage("dev.chronoscope.modeleditor.viewmodel..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chronoscope.modeleditor.view..", "dev.chronoscope.modeleditor.plot..")
            .because("view-models are tested without views");

    @ArchTest
    static final ArchRule plotsAreGeneric = noClasses()
            .that().resideInAPackage("dev.chronoscope.modeleditor.plot..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chronoscope.modeleditor.viewmodel..", "dev.chronoscope.emulator..")
            .because("plots draw points and curves, whatever they mean");

    @ArchTest
    static final ArchRule commandsAndTasksStandAlone = noClasses()
            .that().resideInAnyPackage("dev.chronoscope.modeleditor.command..", "dev.chronoscope.modeleditor.task..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chronoscope.modeleditor.view..", "dev.chronoscope.modeleditor.viewmodel..",
                    "dev.chronoscope.modeleditor.plot..", "dev.chronoscope.emulator..")
            .because("undo/redo and the task executor are infrastructure the app may reuse");
}
