package dev.chronoscope.emulator.coord.client;

import dev.chronoscope.emulator.coord.JoinEnvironment;

import java.time.Duration;
import java.util.Map;

/**
 * How a client reaches and introduces itself to the coordinator.
 *
 * @param host           the coordinator's address, normally 127.0.0.1
 * @param port           the coordinator's port
 * @param token          the run's token, from the launcher
 * @param name           unique name of this process in the run, e.g. {@code "rank1"}
 * @param pid            operating-system process id, for failure messages
 * @param requestedId    client id chosen by the launcher (needed for deterministic replays), or -1
 * @param connectTimeout bound on connecting and on waiting for WELCOME
 */
public record ClientOptions(String host, int port, String token, String name, long pid, int requestedId,
                            Duration connectTimeout) {

    /** Joins the run described by the launcher's {@link JoinEnvironment} variables, e.g. {@code System.getenv()}. */
    public static ClientOptions fromEnvironment(Map<String, String> env) {
        JoinEnvironment join = JoinEnvironment.from(env);
        return new ClientOptions(join.host(), join.port(), join.token(), join.name(), ProcessHandle.current().pid(),
                join.clientId(), Duration.ofSeconds(10));
    }

    /** A client on this machine, in this process, with the id the launcher gave it. */
    public static ClientOptions local(int port, String token, String name, int requestedId) {
        return new ClientOptions("127.0.0.1", port, token, name, ProcessHandle.current().pid(), requestedId,
                Duration.ofSeconds(10));
    }
}
