package dev.chronoscope.emulator.models.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file read whole, with a header row, that reports bad cells by file, line and column.
 * Handles double-quoted cells; profile CSVs have no embedded newlines.
 */
final class CsvTable {
    private final String file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<Long> lineNumbers = new ArrayList<>();

    private CsvTable(String file, List<String> header) {
        this.file = file;
        this.header = header;
        for (int i = 0; i < header.size(); i++) index.putIfAbsent(header.get(i).trim(), i);
    }

    static CsvTable read(Path path) {
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) throw new ImportException(path.toString(), 1, null, "empty file; expected a CSV header row");
            CsvTable t = new CsvTable(path.toString(), split(first.startsWith("\uFEFF") ? first.substring(1) : first));
            String line;
            long n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] cells = split(line).toArray(String[]::new);
                if (cells.length != t.header.size()) {
                    throw new ImportException(t.file, n, null, "has " + cells.length + " cells but the header has " + t.header.size());
                }
                t.rows.add(cells);
                t.lineNumbers.add(n);
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    String file() { return file; }

    List<String> header() { return header; }

    int size() { return rows.size(); }

    long line(int row) { return lineNumbers.get(row); }

    boolean has(String column) { return index.containsKey(column); }

    void require(String... columns) {
        for (String c : columns) {
            if (!has(c)) throw new ImportException(file, 1, c, "required column missing from the header");
        }
    }

    String text(int row, String column) {
        Integer i = index.get(column);
        if (i == null) throw new ImportException(file, 1, column, "required column missing from the header");
        return rows.get(row)[i].trim();
    }

    /** A finite number; {@code positive} also rejects zero and negatives. */
    double number(int row, String column, boolean positive) {
        String s = text(row, column);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ImportException(file, line(row), column, "'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) throw new ImportException(file, line(row), column, "'" + s + "' is not a finite number");
        if (positive && v <= 0) throw new ImportException(file, line(row), column, s + " must be greater than zero");
        if (!positive && v < 0) throw new ImportException(file, line(row), column, s + " must not be negative");
        return v;
    }

    /** True/False (Python's spelling), 1/0. */
    double bool(int row, String column) {
        String s = text(row, column).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "1", "1.0" -> 1;
            case "false", "0", "0.0" -> 0;
            default -> throw new ImportException(file, line(row), column, "'" + text(row, column) + "' is not True or False");
        };
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cell.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { cells.add(cell.toString()); cell.setLength(0); }
            else cell.append(c);
        }
        cells.add(cell.toString());
        return cells;
    }
}
