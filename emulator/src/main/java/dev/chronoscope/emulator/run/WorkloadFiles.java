package dev.chronoscope.emulator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a workload file before the engine starts, so that a malformed trace fails the run at once
 * with its file, line and column instead of after the engine has loaded.
 */
final class WorkloadFiles {
    private static final List<String> TRACE_COLUMNS = List.of("arrived_at", "num_prefill_tokens", "num_decode_tokens");

    private WorkloadFiles() {}

    static void check(String dataset, Path path) {
        switch (dataset) {
            case "random" -> { }
            case "trace" -> checkTrace(require(dataset, path));
            case "sharegpt" -> checkShareGpt(require(dataset, path));
            default -> throw new ScenarioException("--dataset must be random, sharegpt or trace, got '" + dataset + "'");
        }
    }

    private static Path require(String dataset, Path path) {
        if (path == null) throw new ScenarioException("--dataset " + dataset + " needs --dataset-path");
        if (!Files.isRegularFile(path)) throw new ScenarioException("--dataset-path " + path + ": no such file");
        return path;
    }

    /** Vidur/Splitwise CSV: the three columns by header name, a number in each, at least one row. */
    static void checkTrace(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) throw new ScenarioException(file + ": empty file, expected a header with " + String.join(",", TRACE_COLUMNS));
            List<String> columns = Arrays.stream(header.split(",")).map(String::strip).toList();
            int[] index = new int[TRACE_COLUMNS.size()];
            for (int c = 0; c < index.length; c++) {
                index[c] = columns.indexOf(TRACE_COLUMNS.get(c));
                if (index[c] < 0) throw new ScenarioException(file + ": line 1: no '" + TRACE_COLUMNS.get(c) + "' column");
            }
            int rows = 0, lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                for (int c = 0; c < index.length; c++) {
                    String cell = index[c] < cells.length ? cells[index[c]].strip() : "";
                    double value;
                    try {
                        value = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new ScenarioException(file + ": line " + lineNo + ": column '" + TRACE_COLUMNS.get(c)
                                + "': expected a number but found '" + cell + "'");
                    }
                    if (c > 0 && !(value >= 1)) {
                        throw new ScenarioException(file + ": line " + lineNo + ": column '" + TRACE_COLUMNS.get(c)
                                + "': expected at least 1 token but found '" + cell + "'");
                    }
                }
                rows++;
            }
            if (rows == 0) throw new ScenarioException(file + ": the trace has a header but no requests");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static void checkShareGpt(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isArray()) throw new ScenarioException(file + ": expected a JSON array of conversations");
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
    }
}
