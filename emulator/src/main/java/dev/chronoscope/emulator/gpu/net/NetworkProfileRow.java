package dev.chronoscope.emulator.gpu.net;

/**
 * One measured collective timing, as in Vidur's {@code profiling/network/<topology>/*.csv}.
 *
 * @param op             the collective
 * @param sizeBytes      message size, bytes
 * @param numWorkers     ranks taking part
 * @param devicesPerNode ranks per node during the measurement
 * @param millis         measured time (median), milliseconds
 */
public record NetworkProfileRow(CollectiveOp op, long sizeBytes, int numWorkers, int devicesPerNode, double millis) {
    public NetworkProfileRow {
        if (op == null) throw new IllegalArgumentException("network profile row: collective is required");
        if (sizeBytes < 1) throw new IllegalArgumentException("network profile row: size must be ≥ 1 byte but was " + sizeBytes);
        if (numWorkers < 1) throw new IllegalArgumentException("network profile row: num_workers must be ≥ 1 but was " + numWorkers);
        if (devicesPerNode < 1) throw new IllegalArgumentException("network profile row: devices_per_node must be ≥ 1 but was " + devicesPerNode);
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException("network profile row: time must be a non-negative number of ms but was " + millis);
        }
    }
}
