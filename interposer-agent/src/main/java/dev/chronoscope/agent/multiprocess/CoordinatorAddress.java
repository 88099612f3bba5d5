package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.agent.AgentOptions;
import dev.chronoscope.emulator.coord.JoinEnvironment;

import java.util.HashMap;
import java.util.Map;

/** Where the coordinator is: the launcher's environment ({@code coordinator=env}) or the agent's {@code coordinator=H:P,token=T}. */
public final class CoordinatorAddress {
    private CoordinatorAddress() {}

    /** The five join variables for this process: address and token from the options or environment, id and name from the role. */
    public static Map<String, String> environment(AgentOptions options, ProcessRole role) {
        Map<String, String> env = new HashMap<>();
        if ("env".equals(options.coordinator())) {
            env.putAll(System.getenv());
        } else {
            int colon = options.coordinator().lastIndexOf(':');
            env.put(JoinEnvironment.HOST, options.coordinator().substring(0, colon));
            env.put(JoinEnvironment.PORT, options.coordinator().substring(colon + 1));
            env.put(JoinEnvironment.TOKEN, options.token());
        }
        env.put(JoinEnvironment.ID, String.valueOf(role.clientId()));
        env.put(JoinEnvironment.NAME, role.name());
        return env;
    }
}
