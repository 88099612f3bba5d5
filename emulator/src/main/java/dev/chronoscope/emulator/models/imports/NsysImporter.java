package dev.chronoscope.emulator.models.imports;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.store.NewSample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel durations from an Nsight Systems SQLite export ({@code nsys export --type sqlite}): rows of
 * CUPTI_ACTIVITY_KIND_KERNEL joined to StringIds for the kernel's short name. The launch
 * configuration (grid and block sizes) becomes the features, since CUDA kernel names carry no
 * tensor shapes.
 */
public final class NsysImporter {
    private NsysImporter() {}

    private static final String[] DIMS = {"gridX", "gridY", "gridZ", "blockX", "blockY", "blockZ"};
    private static final String[] FEATURES = {"grid_x", "grid_y", "grid_z", "block_x", "block_y", "block_z"};

    public static List<NewSample> read(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new ImportException(name, 0, null, "no such file");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), readOnly())) {
            requireTable(c, name, "CUPTI_ACTIVITY_KIND_KERNEL");
            requireTable(c, name, "StringIds");
            List<NewSample> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT k.rowid, k.start, k."end", s.value, k.gridX, k.gridY, k.gridZ, k.blockX, k.blockY, k.blockZ
                    FROM CUPTI_ACTIVITY_KIND_KERNEL k LEFT JOIN StringIds s ON s.id = k.shortName ORDER BY k.rowid""")) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    long start = rs.getLong(2), end = rs.getLong(3);
                    String kernel = rs.getString(4);
                    if (kernel == null || kernel.isBlank()) {
                        throw new ImportException(name, row, "shortName", "CUPTI_ACTIVITY_KIND_KERNEL row " + row + " names no string in StringIds");
                    }
                    if (end <= start) {
                        throw new ImportException(name, row, "end", "CUPTI_ACTIVITY_KIND_KERNEL row " + row + ": end " + end + " is not after start " + start);
                    }
                    double[] v = new double[DIMS.length];
                    for (int i = 0; i < DIMS.length; i++) {
                        v[i] = rs.getLong(5 + i);
                        if (v[i] <= 0) throw new ImportException(name, row, DIMS[i], "CUPTI_ACTIVITY_KIND_KERNEL row " + row + ": " + (long) v[i] + " must be at least 1");
                    }
                    out.add(new NewSample(kernel, Features.of(FEATURES, v), end - start, "nsys:" + file));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ImportException(name, 0, null, "not a readable Nsight Systems SQLite export: " + e.getMessage());
        }
    }

    private static java.util.Properties readOnly() {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        return config.toProperties();
    }

    private static void requireTable(Connection c, String file, String table) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new ImportException(file, 0, null, "no table " + table + "; export with 'nsys export --type sqlite' from a trace that has CUDA kernels");
            }
        }
    }
}
