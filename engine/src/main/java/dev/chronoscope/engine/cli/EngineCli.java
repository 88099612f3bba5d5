package dev.chronoscope.engine.cli;

/** Entry point of the engine jar ({@code chronoscope serve}, {@code chronoscope bench}). */
public final class EngineCli {
    private EngineCli() {}

    public static void main(String[] args) {
        System.err.println("chronoscope: 'serve' and 'bench' are not built yet; they arrive with issue #3.");
        System.exit(2);
    }
}
