package dev.chronoscope.emulator.gpu.catalog;

/**
 * The GPU entries of the catalogue, transcribed from NVIDIA's public spec sheets. FLOP/s are the
 * dense figures (the sheets print sparse ones with an asterisk: halved here); NVLink totals are
 * bidirectional on the sheets (halved here: one direction); HBM "GB" sizes are read as GiB, which
 * is what CUDA reports within about 1% (an A100-80GB shows 81920 MiB in nvidia-smi).
 */
final class NvidiaDatasheets {
    private NvidiaDatasheets() {}

    private static final double TERA = 1e12;
    private static final double GIGA = 1e9;
    private static final long GIB = 1L << 30;
    /** PCIe x16, one direction: Gen4 32 GB/s, Gen5 64 GB/s (the sheets print 64 / 128 GB/s bidirectional). */
    private static final double PCIE_GEN4 = 32 * GIGA;
    private static final double PCIE_GEN5 = 64 * GIGA;
    /** One 200 Gb/s HDR InfiniBand port per GPU (DGX A100), and one 400 Gb/s NDR port per GPU (DGX H100/B200). */
    private static final double IB_HDR_PER_GPU = 25 * GIGA;
    private static final double IB_NDR_PER_GPU = 50 * GIGA;

    static DeviceSpec a100() {
        return new DeviceSpec("a100-80gb", "NVIDIA A100 SXM4 80GB", 108, 80 * GIB,
                // BF16 312 TFLOPS dense (624 sparse); no FP8 tensor cores on Ampere; HBM2e 2,039 GB/s.
                new RooflinePeaks(312 * TERA, 0, 2_039 * GIGA),
                // NVLink 3: 600 GB/s bidirectional across 8 GPUs (NVSwitch); PCIe Gen4; DGX A100: 8x ConnectX-6 HDR.
                new Interconnect(LinkKind.NVLINK, 300 * GIGA, 8, PCIE_GEN4, IB_HDR_PER_GPU, 8),
                "NVIDIA A100 Tensor Core GPU datasheet (nvidia-a100-datasheet-us-nvidia-1758950-r4), SXM 80GB column; "
                        + "108 SMs: NVIDIA A100 Tensor Core GPU Architecture whitepaper; "
                        + "network: NVIDIA DGX A100 datasheet (8x ConnectX-6 200 Gb/s HDR)");
    }

    static DeviceSpec a40() {
        return new DeviceSpec("a40", "NVIDIA A40 48GB", 84, 48 * GIB,
                // BF16 149.7 TFLOPS dense (299.4 sparse); no FP8; GDDR6 696 GB/s.
                new RooflinePeaks(149.7 * TERA, 0, 696 * GIGA),
                // NVLink bridge 112.5 GB/s bidirectional between two cards; beyond a pair, PCIe Gen4.
                new Interconnect(LinkKind.NVLINK, 56.25 * GIGA, 2, PCIE_GEN4, IB_HDR_PER_GPU, 8),
                "NVIDIA A40 datasheet (nvidia-a40-datasheet); 84 SMs: GA102 with 10,752 CUDA cores (128 per SM); "
                        + "network share per GPU: assumption (one 200 Gb/s HDR port per GPU), no vendor system sheet");
    }

    static DeviceSpec h100Sxm() {
        return new DeviceSpec("h100-sxm", "NVIDIA H100 SXM5 80GB", 132, 80 * GIB,
                // BF16 989.4 TFLOPS dense (1,979 sparse); FP8 1,978.9 dense (3,958 sparse); HBM3 3.35 TB/s.
                new RooflinePeaks(989.4 * TERA, 1_978.9 * TERA, 3_350 * GIGA),
                // NVLink 4: 900 GB/s bidirectional; PCIe Gen5; DGX H100: 8x ConnectX-7 400 Gb/s NDR.
                new Interconnect(LinkKind.NVLINK, 450 * GIGA, 8, PCIE_GEN5, IB_NDR_PER_GPU, 8),
                "NVIDIA H100 Tensor Core GPU datasheet, H100 SXM column; 132 SMs: NVIDIA H100 Tensor Core GPU "
                        + "Architecture whitepaper; network: NVIDIA DGX H100 datasheet (8x ConnectX-7 400 Gb/s)");
    }

    static DeviceSpec h200() {
        return new DeviceSpec("h200", "NVIDIA H200 SXM 141GB", 132, 141 * GIB,
                // Same GH100 compute as H100 SXM; HBM3e 141 GB at 4.8 TB/s.
                new RooflinePeaks(989.4 * TERA, 1_978.9 * TERA, 4_800 * GIGA),
                new Interconnect(LinkKind.NVLINK, 450 * GIGA, 8, PCIE_GEN5, IB_NDR_PER_GPU, 8),
                "NVIDIA H200 Tensor Core GPU datasheet, H200 SXM column (BF16 1,979 / FP8 3,958 TFLOPS with sparsity, "
                        + "141 GB HBM3e, 4.8 TB/s, NVLink 900 GB/s, PCIe Gen5); 132 SMs (GH100, as H100 SXM); "
                        + "network: NVIDIA HGX H200 reference (400 Gb/s per GPU)");
    }

    static DeviceSpec l40s() {
        return new DeviceSpec("l40s", "NVIDIA L40S 48GB", 142, 48 * GIB,
                // BF16 362.05 TFLOPS dense (733 sparse); FP8 733 dense (1,466 sparse); GDDR6 864 GB/s.
                new RooflinePeaks(362.05 * TERA, 733 * TERA, 864 * GIGA),
                // No NVLink: peers talk over PCIe Gen4.
                new Interconnect(LinkKind.PCIE, PCIE_GEN4, 8, PCIE_GEN4, IB_HDR_PER_GPU, 8),
                "NVIDIA L40S datasheet; 142 SMs: AD102 with 18,176 CUDA cores (128 per SM); "
                        + "network share per GPU: assumption (one 200 Gb/s HDR port per GPU), no vendor system sheet");
    }

    static DeviceSpec b200() {
        return new DeviceSpec("b200", "NVIDIA B200 180GB (HGX B200)", 148, 180 * GIB,
                // HGX B200 (8 GPUs): FP8 72 PFLOPS and BF16 36 PFLOPS with sparsity, so per GPU dense 4.5 / 2.25 PFLOPS;
                // 1,440 GB HBM3e and 64 TB/s in total, so 180 GB and 8 TB/s per GPU.
                new RooflinePeaks(2_250 * TERA, 4_500 * TERA, 8_000 * GIGA),
                // NVLink 5: 1.8 TB/s bidirectional per GPU; DGX B200: 8x ConnectX-7 400 Gb/s.
                new Interconnect(LinkKind.NVLINK, 900 * GIGA, 8, PCIE_GEN5, IB_NDR_PER_GPU, 8),
                "NVIDIA HGX B200 and DGX B200 datasheets (per-GPU figures = 8-GPU totals / 8, dense = sparse / 2); "
                        + "148 SMs as reported by cudaGetDeviceProperties on B200 (public device queries)");
    }
}
