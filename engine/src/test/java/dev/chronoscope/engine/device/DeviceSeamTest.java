package dev.chronoscope.engine.device;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine reaches devices only through the {@code engine.device} API, so that an agent which
 * replaces that API replaces the device: nothing else touches the CPU device or its kernels.
 */
@AnalyzeClasses(packages = "dev.chronoscope.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class DeviceSeamTest {

    @ArchTest
    static final ArchRule onlyTheDeviceFactoryKnowsTheCpuDevice = noClasses()
            .that().resideOutsideOfPackage("dev.chronoscope.engine.device..")
            .should().dependOnClassesThat().resideInAPackage("dev.chronoscope.engine.device.cpu..")
            .because("devices are opened through Devices and used through DeviceRuntime");

    @ArchTest
    static final ArchRule onlyTheCpuDeviceRunsKernels = noClasses()
            .that().resideOutsideOfPackages("dev.chronoscope.engine.device.cpu..", "dev.chronoscope.engine.kernels..")
            .should().dependOnClassesThat().resideInAPackage("dev.chronoscope.engine.kernels..")
            .because("kernels run on a device, launched by name through DeviceRuntime.launch");

    @ArchTest
    static final ArchRule theDeviceApiDependsOnNoEngineLayerAboveIt = noClasses()
            .that().resideInAPackage("dev.chronoscope.engine.device..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.chronoscope.engine.worker..", "dev.chronoscope.engine.executor..",
                    "dev.chronoscope.engine.dist..", "dev.chronoscope.engine.tokenizer..")
            .because("the device runtime is the bottom layer of the engine");
}
