package dev.chronoscope.emulator.validate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine the real runs ran on: what the numbers mean depends on it (cores, CPU, and how busy
 * other processes kept it).
 *
 * @param loadAverageAtStart the 1-minute load average when the validation started; negative where the OS has none
 */
public record MachineState(int cores, String cpu, String os, String java, double loadAverageAtStart) {

    public static MachineState now() {
        return new MachineState(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + Runtime.version(), currentLoadAverage());
    }

    /** The 1-minute load average now. */
    public static double currentLoadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) return System.getProperty("os.arch");
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
