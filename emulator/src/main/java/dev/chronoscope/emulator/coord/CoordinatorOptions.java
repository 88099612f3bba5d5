package dev.chronoscope.emulator.coord;

import java.time.Duration;

/**
 * How a coordinator runs.
 *
 * @param expectedClients     how many clients the run has; time stays at 0 until all registered
 * @param mode                see {@link AdvanceMode}
 * @param port                TCP port on 127.0.0.1, 0 for any free one
 * @param heartbeatInterval   how often each side sends HEARTBEAT
 * @param clientTimeout       silence after which a peer counts as dead; also how long a message may
 *                            stay in flight while everyone else waits
 * @param registrationTimeout how long to wait for all clients to register
 * @param maxFrameBytes       largest accepted frame payload
 * @param costModel           durations of collectives
 */
public record CoordinatorOptions(int expectedClients, AdvanceMode mode, int port, Duration heartbeatInterval,
                                 Duration clientTimeout, Duration registrationTimeout, int maxFrameBytes,
                                 CollectiveCostModel costModel) {

    public CoordinatorOptions {
        if (expectedClients < 1) {
            throw new IllegalArgumentException("expectedClients must be >= 1, got " + expectedClients);
        }
        if (heartbeatInterval.compareTo(clientTimeout) >= 0) {
            throw new IllegalArgumentException("heartbeatInterval " + heartbeatInterval
                    + " must be shorter than clientTimeout " + clientTimeout);
        }
        if (maxFrameBytes < 256) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 256, got " + maxFrameBytes);
        }
    }

    /** Deterministic mode, any port, 250 ms heartbeats, 3 s timeout, 30 s to register, 1 MiB frames. */
    public static CoordinatorOptions defaults(int expectedClients) {
        return new CoordinatorOptions(expectedClients, AdvanceMode.DETERMINISTIC, 0, Duration.ofMillis(250),
                Duration.ofSeconds(3), Duration.ofSeconds(30), 1 << 20, AlphaBetaCostModel.NVLINK_PLACEHOLDER);
    }

    public CoordinatorOptions withMode(AdvanceMode newMode) {
        return new CoordinatorOptions(expectedClients, newMode, port, heartbeatInterval, clientTimeout,
                registrationTimeout, maxFrameBytes, costModel);
    }

    public CoordinatorOptions withLiveness(Duration newHeartbeat, Duration newTimeout) {
        return new CoordinatorOptions(expectedClients, mode, port, newHeartbeat, newTimeout,
                registrationTimeout, maxFrameBytes, costModel);
    }

    public CoordinatorOptions withRegistrationTimeout(Duration newTimeout) {
        return new CoordinatorOptions(expectedClients, mode, port, heartbeatInterval, clientTimeout,
                newTimeout, maxFrameBytes, costModel);
    }

    public CoordinatorOptions withCostModel(CollectiveCostModel newModel) {
        return new CoordinatorOptions(expectedClients, mode, port, heartbeatInterval, clientTimeout,
                registrationTimeout, maxFrameBytes, newModel);
    }
}
