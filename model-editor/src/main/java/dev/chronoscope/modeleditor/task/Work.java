package dev.chronoscope.modeleditor.task;

/** Background work that produces a value. */
@FunctionalInterface
public interface Work<T> {
    T run(TaskContext context) throws Exception;
}
