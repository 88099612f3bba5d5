package dev.chronoscope.emulator.gpu.catalog;

/**
 * How a device talks to its peers and its host. Bandwidths are per device and per direction, in
 * bytes per second (vendor sheets quote NVLink as the bidirectional total: halved here).
 *
 * @param scaleUpKind          the in-node peer link (NVLink, or PCIe where a card has none)
 * @param scaleUpBytesPerSec   in-node peer bandwidth of one device, one direction
 * @param scaleUpDomain        how many devices share that link (8 on an HGX board, 2 for an NVLink bridge);
 *                             an in-node group larger than this falls back to PCIe
 * @param hostLinkBytesPerSec  host↔device bandwidth (PCIe), one direction: memcpy H2D/D2H
 * @param scaleOutBytesPerSec  network bandwidth per device between nodes (InfiniBand NIC share)
 * @param devicesPerNode       devices in one node; ranks are packed onto nodes in rank order
 */
public record Interconnect(LinkKind scaleUpKind, double scaleUpBytesPerSec, int scaleUpDomain,
                           double hostLinkBytesPerSec, double scaleOutBytesPerSec, int devicesPerNode) {
    public Interconnect {
        if (scaleUpKind == null) throw new IllegalArgumentException("interconnect: scaleUpKind is required");
        requirePositive("scaleUpBytesPerSec", scaleUpBytesPerSec);
        requirePositive("hostLinkBytesPerSec", hostLinkBytesPerSec);
        requirePositive("scaleOutBytesPerSec", scaleOutBytesPerSec);
        if (scaleUpDomain < 1) throw new IllegalArgumentException("interconnect: scaleUpDomain must be ≥ 1 but was " + scaleUpDomain);
        if (devicesPerNode < 1) throw new IllegalArgumentException("interconnect: devicesPerNode must be ≥ 1 but was " + devicesPerNode);
    }

    private static void requirePositive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("interconnect: " + field + " must be a positive number but was " + value);
        }
    }
}
