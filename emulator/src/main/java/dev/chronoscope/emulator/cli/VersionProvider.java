package dev.chronoscope.emulator.cli;

import picocli.CommandLine;

/** Version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ChronoscopeCli.class.getPackage().getImplementationVersion();
        return new String[]{"chronoscope " + (v == null ? "development build" : v),
                "Java " + Runtime.version()};
    }
}
