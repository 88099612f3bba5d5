package dev.chronoscope.agent.run;

import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A console that opens a latch once a line containing {@code text} has been printed. */
final class ConsoleWatch extends OutputStream {
    private final String text;
    private final CountDownLatch seen = new CountDownLatch(1);
    private final StringBuilder line = new StringBuilder();

    ConsoleWatch(String text) {
        this.text = text;
    }

    @Override
    public void write(int b) {
        line.append((char) b);
        if (line.indexOf(text) >= 0) seen.countDown();
        if (b == '\n') line.setLength(0);
    }

    /** True once the text was printed, false if it was not within {@code minutes}. */
    boolean await(long minutes) throws InterruptedException {
        return seen.await(minutes, TimeUnit.MINUTES);
    }
}
