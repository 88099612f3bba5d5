package dev.chronoscope.emulator.gpu.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class DeviceCatalogTest {
    private static final long GIB = 1L << 30;
    private final DeviceCatalog catalog = DeviceCatalog.withCpu(new CpuMeasurement(4, 16 * GIB, 200e9, 20e9, "configured for this test"));

    @Test
    void namesTheDevicesOfDesignSection7() {
        assertThat(catalog.names()).containsExactly("a100-80gb", "a40", "b200", "cpu-local", "h100-sxm", "h200", "l40s");
    }

    @Test
    void anUnknownDeviceNameListsTheValidOnes() {
        assertThatThrownBy(() -> catalog.get("h100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown device type 'h100'; valid device types: a100-80gb, a40, b200, cpu-local, h100-sxm, h200, l40s");
        assertThatThrownBy(() -> catalog.get(null)).hasMessageStartingWith("unknown device type 'null'");
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(catalog.get(" H100-SXM ").name()).isEqualTo("h100-sxm");
    }

    @Test
    void exposesRooflinePeaksPerDevice() {
        RooflinePeaks h100 = catalog.roofline("h100-sxm");
        assertThat(h100.denseBf16FlopsPerSec()).isEqualTo(989.4e12);
        assertThat(h100.denseFp8FlopsPerSec()).isEqualTo(1_978.9e12);
        assertThat(h100.memoryBytesPerSec()).isEqualTo(3.35e12);
        assertThat(catalog.roofline("a100-80gb").hasFp8()).as("Ampere has no FP8 tensor cores").isFalse();
        assertThat(catalog.roofline("b200").denseBf16FlopsPerSec()).isEqualTo(2.25e15);
        assertThat(catalog.get("h200").memoryBytes()).isEqualTo(141 * GIB);
        assertThat(catalog.get("a40").interconnect().scaleUpDomain()).as("an NVLink bridge joins two A40s").isEqualTo(2);
    }

    @Test
    void everyDeviceCitesItsSourceAndHasPlausibleNumbers() {
        for (String name : catalog.names()) {
            DeviceSpec d = catalog.get(name);
            assertThat(d.source()).as(name).isNotBlank();
            assertThat(d.roofline().denseBf16FlopsPerSec()).as(name).isPositive();
            // Dense FP8 is about twice dense BF16 on every device that has it (L40S: 733 vs 362.05).
            if (d.roofline().hasFp8()) {
                assertThat(d.roofline().denseFp8FlopsPerSec()).as(name).isCloseTo(2 * d.roofline().denseBf16FlopsPerSec(), withinPercentage(3));
            }
        }
        assertThat(catalog.get("a100-80gb").source()).contains("A100").contains("datasheet");
    }

    @Test
    void cpuLocalCanBeConfigured() {
        DeviceSpec cpu = catalog.get("cpu-local");
        assertThat(cpu.smCount()).isEqualTo(4);
        assertThat(cpu.memoryBytes()).isEqualTo(16 * GIB);
        assertThat(cpu.roofline()).isEqualTo(new RooflinePeaks(200e9, 0, 20e9));
        assertThat(cpu.interconnect().scaleUpKind()).isEqualTo(LinkKind.SHARED_MEMORY);
        assertThat(cpu.source()).isEqualTo("configured for this test");
    }

    @Test
    void cpuLocalIsMeasuredOnThisMachineWhenNotConfigured() {
        DeviceSpec cpu = DeviceCatalog.standard().get("cpu-local");
        assertThat(cpu.smCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(cpu.memoryBytes()).isPositive();
        assertThat(cpu.roofline().denseBf16FlopsPerSec()).isPositive();
        assertThat(cpu.roofline().memoryBytesPerSec()).isPositive();
        assertThat(cpu.source()).startsWith("measured by CpuLocalProbe at ");
    }

    @Test
    void badConfigurationNamesTheField() {
        assertThatThrownBy(() -> new CpuMeasurement(0, GIB, 1, 1, "x")).hasMessage("cpu-local: cores must be ≥ 1 but was 0");
        assertThatThrownBy(() -> new Interconnect(LinkKind.NVLINK, -1, 8, 1, 1, 8))
                .hasMessage("interconnect: scaleUpBytesPerSec must be a positive number but was -1.0");
    }
}
