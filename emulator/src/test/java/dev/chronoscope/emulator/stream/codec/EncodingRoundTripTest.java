package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.stream.SampleEvents;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EncodingRoundTripTest {

    static byte[] encode(Encoding encoding, List<StreamEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EventSink w = encoding.writer(out)) {
            events.forEach(w::accept);
        }
        return out.toByteArray();
    }

    static List<StreamEvent> decode(byte[] bytes) {
        List<StreamEvent> read = new ArrayList<>();
        try (StreamReader r = StreamReader.of(new ByteArrayInputStream(bytes), "test")) {
            r.forEachRemaining(read::add);
        }
        return read;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void everyEventTypeSurvivesARoundTrip(Encoding encoding) {
        List<StreamEvent> events = SampleEvents.everyType();
        Set<EventType> covered = events.stream().map(EventType::of).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(EventType.values());

        byte[] bytes = encode(encoding, events);

        try (StreamReader r = StreamReader.of(new ByteArrayInputStream(bytes), "test")) {
            assertThat(r.encoding()).isEqualTo(encoding);
        }
        assertThat(decode(bytes)).isEqualTo(events);
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void anEmptyStreamHasOnlyHeaderAndTrailer(Encoding encoding) {
        assertThat(decode(encode(encoding, List.of()))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void ndjsonLinesCarryTheTypeAndTheRecordFields() {
        String text = new String(encode(Encoding.NDJSON, SampleEvents.everyType().subList(11, 12)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text.split("\n")).containsExactly(
                "{\"format\":\"chronoscope-stream\",\"version\":1}",
                "{\"type\":\"kernel\",\"time\":3100,\"endTime\":15700,\"rank\":0,\"stream\":0,\"name\":\"mlp_up_proj\","
                        + "\"features\":{\"num_tokens\":512,\"n_embd\":4096,\"tp\":2},\"modelVersion\":\"h100-v3\","
                        + "\"outOfRange\":false,\"graphId\":-1}",
                "{\"type\":\"end\",\"events\":1}");
    }
}
