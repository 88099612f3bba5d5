package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.IOException;

/** One encoding's decoder: the next event, or null once the trailer has been read and checked. */
interface EventDecoder {
    StreamEvent read() throws IOException;
}
