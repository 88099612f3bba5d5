package dev.chronoscope.engine.client;

/** A request the engine cannot serve as asked; {@code param} names the offending field (OpenAI's "param"). */
public final class InvalidRequestException extends Exception {
    private final String param;

    public InvalidRequestException(String message, String param) {
        super(message);
        this.param = param;
    }

    public String param() { return param; }
}
