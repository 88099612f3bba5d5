package dev.chronoscope.engine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A request trace in Vidur/Splitwise CSV form: {@code arrived_at} (seconds), {@code num_prefill_tokens},
 * {@code num_decode_tokens}, columns found by header name. Requests keep the trace's arrival times
 * (shifted so the first arrives at zero) and get random prompts of the traced length.
 */
public final class TraceDataset implements Dataset {
    private record Row(double arrivedAt, int prefill, int decode) {}

    private final List<Row> rows;

    private TraceDataset(List<Row> rows) {
        this.rows = rows;
    }

    public static TraceDataset load(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(file + ": empty file, expected a header with arrived_at,"
                        + "num_prefill_tokens,num_decode_tokens");
            }
            List<String> columns = Arrays.stream(header.split(",")).map(String::strip).toList();
            int arrived = column(file, columns, "arrived_at");
            int prefill = column(file, columns, "num_prefill_tokens");
            int decode = column(file, columns, "num_decode_tokens");
            List<Row> rows = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                rows.add(new Row(number(file, lineNo, cells, arrived, "arrived_at"),
                        positive(file, lineNo, cells, prefill, "num_prefill_tokens"),
                        positive(file, lineNo, cells, decode, "num_decode_tokens")));
            }
            if (rows.isEmpty()) {
                throw new IOException(file + ": the trace has a header but no requests");
            }
            return new TraceDataset(rows);
        }
    }

    private static int column(Path file, List<String> columns, String name) throws IOException {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IOException(file + ": line 1: no '" + name + "' column in header " + columns);
        }
        return index;
    }

    private static double number(Path file, int lineNo, String[] cells, int index, String name) throws IOException {
        if (index >= cells.length) {
            throw new IOException(file + ": line " + lineNo + ": missing column '" + name + "'");
        }
        try {
            double value = Double.parseDouble(cells[index].strip());
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException("negative or not finite");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": line " + lineNo + ": column '" + name + "' must be a non-negative number,"
                    + " got '" + cells[index] + "'");
        }
    }

    private static int positive(Path file, int lineNo, String[] cells, int index, String name) throws IOException {
        double value = number(file, lineNo, cells, index, name);
        if (value < 1 || value != Math.rint(value)) {
            throw new IOException(file + ": line " + lineNo + ": column '" + name + "' must be a positive integer,"
                    + " got '" + cells[index] + "'");
        }
        return (int) value;
    }

    @Override
    public List<BenchRequest> sample(int n, RandomGenerator rng) {
        if (n > rows.size()) {
            throw new IllegalArgumentException("the trace has " + rows.size() + " requests, " + n
                    + " asked for (--num-prompts)");
        }
        double start = rows.getFirst().arrivedAt();
        List<BenchRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            requests.add(new BenchRequest(i, RandomTokens.prompt(row.prefill(), rng), row.prefill(), row.decode(),
                    Math.max(0, row.arrivedAt() - start)));
        }
        return requests;
    }

    @Override
    public boolean hasArrivalTimes() { return true; }

    public int size() { return rows.size(); }
}
