package dev.chronoscope.emulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The worker JVMs' own accounts in a per-rank run ({@code ranks/rank<r>/agent-summary.json}): their
 * kernels, model versions, CPU time and memory are added to the run's result, so that
 * {@code kernel_events} counts every rank's kernels as in a single-process run.
 */
record RankSummaries(List<JsonNode> ranks) {
    static final String RANKS_FOLDER = "ranks";
    private static final ObjectMapper JSON = new ObjectMapper();

    static RankSummaries read(Path runFolder) {
        Path dir = runFolder.resolve(RANKS_FOLDER);
        List<JsonNode> summaries = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> ranks = Files.list(dir)) {
                for (Path rank : ranks.sorted(Comparator.comparingInt(RankSummaries::rankNumber)).toList()) {
                    Path file = rank.resolve(EmulatedRun.SUMMARY_FILE);
                    if (!Files.isRegularFile(file)) {
                        throw new RunFailedException("the worker of " + rank.getFileName() + " wrote no " + file
                                + " (it did not finish its emulation)", 1);
                    }
                    ObjectNode summary = (ObjectNode) JSON.readTree(file.toFile());
                    summary.put("process", rank.getFileName().toString());
                    summaries.add(summary);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RankSummaries(summaries);
    }

    private static int rankNumber(Path rankFolder) {
        String name = rankFolder.getFileName().toString();
        return name.startsWith("rank") && name.substring(4).matches("\\d+") ? Integer.parseInt(name.substring(4)) : Integer.MAX_VALUE;
    }

    /** Sums kernels and CPU time over the driver and the ranks, unions model versions, lists each rank's figures. */
    void addTo(ObjectNode result) {
        long kernels = result.get("kernel_events").asLong();
        double cpu = result.get("engine_cpu_s").asDouble();
        TreeSet<String> versions = new TreeSet<>();
        result.get("model_versions").forEach(v -> versions.add(v.asText()));
        ArrayNode perRank = JsonNodeFactory.instance.arrayNode();
        for (JsonNode rank : ranks) {
            kernels += rank.get("kernel_events").asLong();
            cpu += rank.get("process_cpu_ns").asLong() / 1e9;
            rank.get("model_versions").forEach(v -> versions.add(v.asText()));
            ObjectNode entry = perRank.addObject();
            entry.put("process", rank.get("process").asText());
            entry.put("kernel_events", rank.get("kernel_events").asLong());
            entry.put("virtual_duration_s", rank.get("virtual_duration_ns").asLong() / 1e9);
            entry.put("cpu_s", rank.get("process_cpu_ns").asLong() / 1e9);
            entry.set("peak_rss_bytes", rank.get("peak_rss_bytes"));
        }
        result.put("kernel_events", kernels);
        result.put("engine_cpu_s", cpu);
        ArrayNode versionArray = result.putArray("model_versions");
        versions.forEach(versionArray::add);
        result.set("rank_processes", perRank);
    }
}
