package dev.chronoscope.agent.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN §2: app → model-editor → emulator; interposer-agent → emulator; engine → nothing of ours. */
@AnalyzeClasses(packages = "dev.chronoscope.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyDirectionTest {

    @ArchTest
    static final ArchRule respectsModuleDirection = noClasses()
            .that().resideInAPackage("dev.chronoscope.agent..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chronoscope.engine..", "dev.chronoscope.modeleditor..", "dev.chronoscope.app..", "javafx..")
            .allowEmptyShould(true)
            .because("modules depend only in the direction of DESIGN §2");
}
