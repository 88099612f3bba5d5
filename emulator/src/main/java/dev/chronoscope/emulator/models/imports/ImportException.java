package dev.chronoscope.emulator.models.imports;

/** A bad input file: the message names the file, line and column (or field) and what was expected. */
public final class ImportException extends RuntimeException {
    private final String file;
    private final long line;
    private final String column;

    public ImportException(String file, long line, String column, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (column != null ? ": column '" + column + "'" : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() { return file; }

    public long line() { return line; }

    public String column() { return column; }
}
