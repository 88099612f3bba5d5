package dev.chronoscope.agent.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DESIGN §2: app → model-editor → emulator; interposer-agent → emulator; engine → nothing of ours. The
 * agent may see the engine's device-runtime API and nothing else of the engine: the analogue of an
 * interposer compiled against CUDA's headers.
 */
@AnalyzeClasses(packages = "dev.chronoscope.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyDirectionTest {

    @ArchTest
    static final ArchRule respectsModuleDirection = noClasses()
            .that().resideInAPackage("dev.chronoscope.agent..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chronoscope.modeleditor..", "dev.chronoscope.app..", "javafx..")
            .because("modules depend only in the direction of DESIGN §2");

    @ArchTest
    static final ArchRule seesOnlyTheEnginesDeviceRuntime = noClasses()
            .that().resideInAPackage("dev.chronoscope.agent..")
            .should().dependOnClassesThat(resideInAPackage("dev.chronoscope.engine..")
                    .and(not(resideInAPackage("dev.chronoscope.engine.device"))))
            .because("the agent implements the engine's device runtime and knows nothing else of the engine");
}
