package dev.chronoscope.app.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** DESIGN §2: app → model-editor → emulator; interposer-agent → emulator; engine → nothing of ours. */
@AnalyzeClasses(packages = "dev.chronoscope.app", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyDirectionTest {

    @ArchTest
    static final ArchRule respectsModuleDirection = noClasses()
            .that().resideInAPackage("dev.chronoscope.app..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chronoscope.engine..", "dev.chronoscope.agent..")
            .allowEmptyShould(true)
            .because("modules depend only in the direction of DESIGN §2");
}
