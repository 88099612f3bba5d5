package dev.chronoscope.emulator.time;

import java.time.Duration;

/**
 * Runs a timed JDK wait in an emulation of a JVM where JDK time instrumentation was never
 * installed, and prints how the emulation ended; started in a child JVM by a test.
 */
public final class WithoutJdkTimeProbe {

    private WithoutJdkTimeProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (Emulation emulation = Emulation.builder().name("uninstrumented").build()) {
            emulation.start("sleeper", () -> {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            emulation.awaitCompletion(Duration.ofSeconds(20));
            System.out.println("completed");
        } catch (EmulationException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
