package dev.chronoscope.app.runs.demo;

/**
 * Rough spec-sheet figures per GPU type, used only to give the DEMO feed plausible kernel
 * durations (roofline: max(flops / peak, bytes / bandwidth)). Real runs get durations from the
 * emulator's fitted kernel models, never from here.
 */
record DemoDevice(double peakFlops, double bandwidthBytes, double interconnectBytes) {

    static DemoDevice of(String gpu) {
        return switch (gpu) {
            case "a100-80gb" -> new DemoDevice(312e12, 2.0e12, 300e9);
            case "a40" -> new DemoDevice(150e12, 0.7e12, 32e9);
            case "h100-sxm" -> new DemoDevice(989e12, 3.35e12, 450e9);
            case "h200" -> new DemoDevice(989e12, 4.8e12, 450e9);
            case "l40s" -> new DemoDevice(362e12, 0.86e12, 32e9);
            case "b200" -> new DemoDevice(2250e12, 8.0e12, 900e9);
            default -> new DemoDevice(1e12, 0.05e12, 10e9);
        };
    }
}
