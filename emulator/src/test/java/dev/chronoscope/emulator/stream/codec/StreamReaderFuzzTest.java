package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.stream.SampleEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static dev.chronoscope.emulator.stream.codec.EncodingRoundTripTest.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random bytes and random mutations of valid streams: the reader may accept a mutation that is
 * still valid, but otherwise may only throw {@link StreamFormatException}, and must not hang.
 */
class StreamReaderFuzzTest {
    private static final int CASES = 4_000;

    private static int read(byte[] input) {
        try {
            decode(input);
            return 0;
        } catch (StreamFormatException e) {
            assertThat(e.byteOffset() >= 0 || e.line() >= 1).as("position in %s", e.getMessage()).isTrue();
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("reader threw " + e + " for input " + Arrays.toString(input), e);
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            switch (random.nextInt(5)) {
                case 0 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 1 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
                case 3 -> {
                    int at = random.nextInt(b.length + 1);
                    byte[] grown = new byte[b.length + 1];
                    System.arraycopy(b, 0, grown, 0, at);
                    grown[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, grown, at + 1, b.length - at);
                    b = grown;
                }
                default -> {
                    int at = random.nextInt(b.length);
                    byte[] shrunk = new byte[b.length - 1];
                    System.arraycopy(b, 0, shrunk, 0, at);
                    System.arraycopy(b, at + 1, shrunk, at, b.length - at - 1);
                    b = shrunk;
                }
            }
            if (b.length == 0) break;
        }
        return b;
    }

    @Test
    void randomBytesOnlyEverRaiseTheFormatException() {
        Random random = new Random(20261127);
        byte[] header = Arrays.copyOf(EncodingRoundTripTest.encode(Encoding.BINARY, SampleEvents.everyType()), 12);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int rejected = 0;
            for (int i = 0; i < CASES; i++) {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                // Half the cases get a valid header so the noise reaches the frame decoder.
                if (i % 2 == 0 && noise.length >= 12) System.arraycopy(header, 0, noise, 0, 12);
                if (i % 7 == 0 && noise.length > 0) noise[0] = '{';
                rejected += read(noise);
            }
            assertThat(rejected).isEqualTo(CASES);
        });
    }

    @Test
    void mutationsOfValidStreamsOnlyEverRaiseTheFormatException() {
        Random random = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (Encoding encoding : Encoding.values()) {
                byte[] valid = EncodingRoundTripTest.encode(encoding, SampleEvents.everyType());
                int rejected = 0;
                for (int i = 0; i < CASES; i++) rejected += read(mutate(valid, random));
                assertThat(rejected).as("%s mutations rejected", encoding).isGreaterThan(CASES / 2);
            }
        });
    }
}
