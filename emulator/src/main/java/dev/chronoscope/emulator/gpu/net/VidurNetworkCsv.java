package dev.chronoscope.emulator.gpu.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Vidur's network profiles ({@code all_reduce.csv}, {@code send_recv.csv}): columns
 * {@code time_stats.<op>.median} (ms), {@code num_workers}, {@code size} (bytes),
 * {@code collective}, {@code devices_per_node}. Bad input names the source, line and column.
 */
public final class VidurNetworkCsv {
    private VidurNetworkCsv() {}

    public static List<NetworkProfileRow> read(Reader in, String sourceName) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        String header = lines.readLine();
        if (header == null) throw new IllegalArgumentException(sourceName + ": empty file, expected a CSV header");
        Map<String, Integer> columns = new HashMap<>();
        String[] names = header.split(",", -1);
        for (int i = 0; i < names.length; i++) columns.put(names[i].trim(), i);
        int collective = require(columns, "collective", sourceName);
        int workers = require(columns, "num_workers", sourceName);
        int size = require(columns, "size", sourceName);
        int perNode = require(columns, "devices_per_node", sourceName);

        List<NetworkProfileRow> rows = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            String[] cells = line.split(",", -1);
            if (cells.length != names.length) {
                throw new IllegalArgumentException(sourceName + ":" + lineNo + ": expected " + names.length + " cells but found " + cells.length);
            }
            Cell at = new Cell(sourceName, lineNo, names, cells);
            CollectiveOp op;
            try {
                op = CollectiveOp.fromKernelName(cells[collective].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at.where(collective) + ": " + e.getMessage(), e);
            }
            Integer median = columns.get("time_stats." + op.kernelName() + ".median");
            if (median == null) {
                throw new IllegalArgumentException(sourceName + ":" + lineNo + ": no column time_stats." + op.kernelName() + ".median for this row's collective");
            }
            try {
                rows.add(new NetworkProfileRow(op, at.longAt(size), (int) at.longAt(workers), (int) at.longAt(perNode), at.doubleAt(median)));
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith(sourceName)) throw e;
                throw new IllegalArgumentException(sourceName + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    private static int require(Map<String, Integer> columns, String name, String sourceName) {
        Integer i = columns.get(name);
        if (i == null) throw new IllegalArgumentException(sourceName + ":1: missing column '" + name + "'");
        return i;
    }

    private record Cell(String source, int line, String[] names, String[] cells) {
        String where(int column) {
            return source + ":" + line + ": column '" + names[column] + "'";
        }

        long longAt(int column) {
            String text = cells[column].trim();
            try {
                double v = Double.parseDouble(text);
                if (v != Math.rint(v)) throw new NumberFormatException();
                return (long) v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(column) + ": expected a whole number but found '" + text + "'");
            }
        }

        double doubleAt(int column) {
            String text = cells[column].trim();
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(column) + ": expected a number but found '" + text + "'");
            }
        }
    }
}
