package dev.chronoscope.emulator.coord.wire;

/** A frame that breaks the protocol; the message names the frame and what was wrong with it. */
public class ProtocolException extends Exception {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
