package dev.chronoscope.agent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.emulator.run.EmulatedRun;
import dev.chronoscope.emulator.run.Scenario;
import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The agent's kv_blocks events from a real emulation whose prompts share a system-prompt prefix. */
class KvBlocksEmulationTest {
    /** 64 byte-level tokens: exactly four 16-token KV blocks that every prompt starts with. */
    static final String SYSTEM_PROMPT = "You are a careful assistant. Answer briefly and cite the manual!";

    @Test
    void promptsSharingAPrefixHoldTheSameFourBlocksAndGiveThemBack(@TempDir Path dir) throws Exception {
        List<StreamEvent> events = emulate(dir);
        List<StreamEvent.KvBlocks> kv = events.stream().filter(e -> e instanceof StreamEvent.KvBlocks)
                .map(StreamEvent.KvBlocks.class::cast).toList();
        List<StreamEvent.SchedulerStep> steps = events.stream().filter(e -> e instanceof StreamEvent.SchedulerStep)
                .map(StreamEvent.SchedulerStep.class::cast).toList();
        long firstStep = steps.getFirst().time();
        // 105-token prompts: the shared four blocks and three of their own; the 113th token of the
        // 12-token outputs needs an eighth block. Unchanged tables in between send nothing.
        assertThat(kv).extracting(StreamEvent.KvBlocks::requestId, k -> toList(k.blockIds()), StreamEvent.KvBlocks::sharedBlocks)
                .containsExactly(
                        tuple("cmpl-1", List.of(0, 1, 2, 3, 4, 5, 6), 4), tuple("cmpl-2", List.of(0, 1, 2, 3, 7, 8, 9), 4),
                        tuple("cmpl-3", List.of(0, 1, 2, 3, 10, 11, 12), 4), tuple("cmpl-4", List.of(0, 1, 2, 3, 13, 14, 15), 4),
                        tuple("cmpl-1", List.of(0, 1, 2, 3, 4, 5, 6, 16), 4), tuple("cmpl-2", List.of(0, 1, 2, 3, 7, 8, 9, 17), 4),
                        tuple("cmpl-3", List.of(0, 1, 2, 3, 10, 11, 12, 18), 4), tuple("cmpl-4", List.of(0, 1, 2, 3, 13, 14, 15, 19), 4),
                        tuple("cmpl-1", List.of(), 0), tuple("cmpl-2", List.of(), 0),
                        tuple("cmpl-3", List.of(), 0), tuple("cmpl-4", List.of(), 0));
        assertThat(kv.subList(0, 4)).allSatisfy(k -> assertThat(k.time()).isEqualTo(firstStep));
        assertThat(steps).anySatisfy(s -> assertThat(s.time()).isEqualTo(kv.get(4).time()));
        Map<String, Long> finishedAt = new HashMap<>();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.Request r && r.phase() == StreamEvent.RequestPhase.FINISHED) finishedAt.put(r.requestId(), r.time());
        }
        assertThat(kv.subList(8, 12)).allSatisfy(k -> assertThat(k.time()).isEqualTo(finishedAt.get(k.requestId())));
    }

    private static List<Integer> toList(int[] a) {
        return Arrays.stream(a).boxed().toList();
    }

    static List<StreamEvent> emulate(Path dir) throws Exception {
        Files.createDirectories(dir);
        assertThat(SYSTEM_PROMPT).hasSize(64);
        List<Map<String, Object>> conversations = new ArrayList<>();
        for (char c = 'A'; c < 'E'; c++) {
            conversations.add(Map.of("conversations", List.of(
                    Map.of("from", "human", "value", SYSTEM_PROMPT + c + ": which page explains topic " + c + " in detail?"),
                    Map.of("from", "gpt", "value", "Page " + c + "."))));
        }
        Path dataset = dir.resolve("shared-prefix.json");
        new ObjectMapper().writeValue(dataset.toFile(), conversations);
        Scenario scenario = new Scenario("tiny", "h100-sxm", 1, 1, "modeled", "single", 7, null,
                new Scenario.EngineKnobs(16, null, 16, 0.9, true, true, null, "fcfs"),
                new Scenario.Workload("sharegpt", dataset, 0, 0, 0.5, 12, Double.POSITIVE_INFINITY, 1, null, 4, null,
                        "ttft,tpot,itl,e2el", "99"));
        Path out = dir.resolve("run");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new EmulatedRun(scenario, TestInstallation.create(dir), out, 100_000)
                .run(new PrintStream(console, true, StandardCharsets.UTF_8), System.err, p -> { });
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Successful requests:                     4");
        List<StreamEvent> events = new ArrayList<>();
        try (StreamReader reader = RunFolder.at(out).openEvents()) {
            reader.forEachRemaining(events::add);
        }
        return events;
    }
}
