package dev.chronoscope.engine.model;

/** A model configuration that cannot be used; the message names the file and the field. */
public class ModelConfigException extends RuntimeException {
    public ModelConfigException(String message) { super(message); }
    public ModelConfigException(String message, Throwable cause) { super(message, cause); }
}
