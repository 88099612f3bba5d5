package dev.chronoscope.emulator.time;

import java.time.Duration;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Installs JDK time instrumentation in a JVM started without {@code --add-opens} (as an agent's
 * users would) and prints the virtual end time of a sleeping emulated thread.
 */
public final class InstalledWithoutAddOpensProbe {

    private InstalledWithoutAddOpensProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
        try (Emulation emulation = Emulation.builder().name("agent-like").build()) {
            emulation.start("sleeper", () -> {
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            System.out.println("ended at " + emulation.awaitCompletion(Duration.ofSeconds(20)));
        }
    }
}
