package dev.chronoscope.emulator.time;

import java.util.List;

/** One emulated thread as a report shows it: name, JDK state and stack. */
public record ThreadSnapshot(String name, Thread.State state, List<StackTraceElement> stack) {

    public ThreadSnapshot {
        stack = List.copyOf(stack);
    }

    static ThreadSnapshot of(EmulatedThread thread) {
        return new ThreadSnapshot(thread.name(), thread.thread.getState(), List.of(thread.thread.getStackTrace()));
    }

    /** In the layout of a thread dump. */
    String render() {
        StringBuilder text = new StringBuilder().append('"').append(name).append("\" ").append(state).append('\n');
        for (StackTraceElement frame : stack) {
            text.append("    at ").append(frame).append('\n');
        }
        return text.toString();
    }

    static String render(List<ThreadSnapshot> threads) {
        StringBuilder text = new StringBuilder();
        threads.forEach(thread -> text.append(thread.render()));
        return text.toString();
    }
}
