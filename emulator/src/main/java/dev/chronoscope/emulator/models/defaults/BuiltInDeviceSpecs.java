package dev.chronoscope.emulator.models.defaults;

import dev.chronoscope.emulator.models.form.RooflineSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Public spec-sheet figures of the catalogue's devices, used when the device catalogue does not
 * supply a {@link RooflineSpec}. FLOP/s are dense bf16 tensor-core peaks (the sheets' sparse
 * figures halved); link bandwidth is one direction of the per-GPU interconnect.
 */
public final class BuiltInDeviceSpecs {
    private BuiltInDeviceSpecs() {}

    private static final double MB = 1 << 20;

    public static final List<RooflineSpec> ALL = List.of(
            new RooflineSpec("a100-80gb", 312e12, 2.039e12, 40 * MB, 300e9, 5_000,
                    "NVIDIA A100 Tensor Core GPU datasheet (SXM4 80GB: 312 TF bf16 dense, 2,039 GB/s HBM2e, NVLink 600 GB/s); A100 whitepaper (40 MB L2)"),
            new RooflineSpec("a40", 149.7e12, 696e9, 6 * MB, 56.25e9, 8_000,
                    "NVIDIA A40 datasheet (149.7 TF bf16 dense, 696 GB/s GDDR6, NVLink bridge 112.5 GB/s); GA102 whitepaper (6 MB L2)"),
            new RooflineSpec("h100-sxm", 989.4e12, 3.35e12, 50 * MB, 450e9, 5_000,
                    "NVIDIA H100 Tensor Core GPU datasheet (SXM5: 989 TF bf16 dense, 3.35 TB/s HBM3, NVLink 900 GB/s); H100 whitepaper (50 MB L2)"),
            new RooflineSpec("h200", 989.4e12, 4.8e12, 50 * MB, 450e9, 5_000,
                    "NVIDIA H200 Tensor Core GPU product brief (SXM: 989 TF bf16 dense, 4.8 TB/s HBM3e, NVLink 900 GB/s); Hopper L2 50 MB"),
            new RooflineSpec("l40s", 362.05e12, 864e9, 96 * MB, 32e9, 10_000,
                    "NVIDIA L40S datasheet (362 TF bf16 dense, 864 GB/s GDDR6, PCIe Gen4 x16 64 GB/s, no NVLink); Ada whitepaper (96 MB L2)"),
            new RooflineSpec("b200", 2.25e15, 8e12, 126 * MB, 900e9, 5_000,
                    "NVIDIA HGX B200 spec sheet (per GPU: 2.25 PF bf16 dense, 8 TB/s HBM3e, NVLink 5 1.8 TB/s); L2 size an estimate"),
            new RooflineSpec("cpu-local", 2e11, 2e10, 32 * MB, 1e10, 20_000,
                    "nominal placeholder for this machine's CPU; 'chronoscope calibrate --device cpu-local' replaces it with fitted models"));

    private static final Map<String, RooflineSpec> BY_NAME = ALL.stream().collect(Collectors.toMap(RooflineSpec::device, Function.identity()));

    public static Optional<RooflineSpec> find(String device) {
        return Optional.ofNullable(BY_NAME.get(device));
    }

    /** The spec for a catalogue device; unknown names are an error naming the known ones. */
    public static RooflineSpec get(String device) {
        return find(device).orElseThrow(() -> new IllegalArgumentException(
                "unknown device '" + device + "'; known devices: " + String.join(", ", BY_NAME.keySet().stream().sorted().toList())));
    }

    /**
     * The spec of {@code device}: from the catalogue if it knows the name, else from this table. A
     * topology variant such as {@code a100-80gb:pairwise-nvlink} uses its base device's figures.
     */
    public static RooflineSpec resolve(Function<String, Optional<RooflineSpec>> catalogue, String device) {
        String base = device.contains(":") ? device.substring(0, device.indexOf(':')) : device;
        return catalogue.apply(device).or(() -> catalogue.apply(base)).or(() -> find(base)).orElseGet(() -> get(base));
    }
}
