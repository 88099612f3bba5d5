package dev.chronoscope.emulator.models.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.form.ModelCodec;
import dev.chronoscope.emulator.models.form.ModelForm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite store of devices, kernels, samples and immutable model versions (DESIGN §8). WAL
 * journal and one transaction per change, so a process killed at any point leaves the store at its
 * last committed state. Not thread-safe: one store per thread, or synchronise outside.
 */
public final class ModelStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Connection connection;

    private ModelStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating and migrating as needed) the store at {@code file}. */
    public static ModelStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("PRAGMA synchronous = NORMAL");
            }
            Migrations.migrate(c);
            return new ModelStore(file, c);
        } catch (SQLException e) {
            throw new StoreException("cannot open models store " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of models store " + file, e);
        }
    }

    public Path file() { return file; }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    public <T> T inTransaction(SqlWork<T> work) {
        try {
            boolean outer = connection.getAutoCommit();
            if (!outer) return work.run();
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("models store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Adds samples in one transaction; returns how many. */
    public int addSamples(String device, Collection<NewSample> samples) {
        return inTransaction(() -> {
            String now = Instant.now().toString();
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO samples(kernel_id, features, duration_ns, source, added_at) VALUES (?, ?, ?, ?, ?)")) {
                for (NewSample s : samples) {
                    ps.setLong(1, kernelId(device, s.kernel()));
                    ps.setString(2, featuresJson(s.features()));
                    ps.setDouble(3, s.nanos());
                    ps.setString(4, s.source());
                    ps.setString(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return samples.size();
        });
    }

    public List<StoredSample> samples(String device, String kernel, boolean includeExcluded) {
        return inTransaction(() -> {
            List<StoredSample> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT s.id, s.features, s.duration_ns, s.source, s.excluded, s.exclude_reason
                    FROM samples s JOIN kernels k ON k.id = s.kernel_id JOIN devices d ON d.id = k.device_id
                    WHERE d.name = ? AND k.name = ? AND (? OR s.excluded = 0) ORDER BY s.id""")) {
                ps.setString(1, device);
                ps.setString(2, kernel);
                ps.setBoolean(3, includeExcluded);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredSample(rs.getLong(1), device, kernel, features(rs.getString(2)), rs.getDouble(3),
                                rs.getString(4), rs.getInt(5) == 1, rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** Marks samples excluded from fits, with the reason; they stay in the store. */
    public void exclude(Collection<Long> sampleIds, String reason) {
        setExcluded(sampleIds, true, reason);
    }

    public void include(Collection<Long> sampleIds) {
        setExcluded(sampleIds, false, null);
    }

    private void setExcluded(Collection<Long> ids, boolean excluded, String reason) {
        inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE samples SET excluded = ?, exclude_reason = ? WHERE id = ?")) {
                for (long id : ids) {
                    ps.setInt(1, excluded ? 1 : 0);
                    ps.setString(2, reason);
                    ps.setLong(3, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Saves a new immutable version (not yet active); returns it with its id. */
    public ModelVersion saveVersion(NewVersion v) {
        return inTransaction(() -> {
            long kernelId = kernelId(v.device(), v.kernel());
            if (v.parentId() != null) {
                ModelVersion parent = version(v.parentId()).orElseThrow(() -> new StoreException("parent version " + v.parentId() + " does not exist"));
                if (!parent.device().equals(v.device()) || !parent.kernel().equals(v.kernel())) {
                    throw new StoreException("parent version " + parent.label() + " belongs to another kernel than " + v.device() + "/" + v.kernel());
                }
            }
            Instant now = Instant.now();
            long id;
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO model_versions(kernel_id, parent_id, form, parameters, ranges, data_hash, r2, mape, cv_mape,
                      max_error_pct, sample_count, author, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, kernelId);
                if (v.parentId() == null) ps.setNull(2, Types.INTEGER); else ps.setLong(2, v.parentId());
                ps.setString(3, v.model().form().id());
                ps.setString(4, ModelCodec.text(ModelCodec.parameters(v.model())));
                ps.setString(5, ModelCodec.text(ModelCodec.ranges(v.ranges())));
                ps.setString(6, v.dataHash());
                FitMetrics m = v.metrics();
                setNullable(ps, 7, m.r2());
                setNullable(ps, 8, m.mape());
                setNullable(ps, 9, m.cvMape());
                setNullable(ps, 10, m.maxErrorPct());
                ps.setInt(11, m.samples());
                ps.setString(12, v.author());
                ps.setString(13, v.note());
                ps.setString(14, now.toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return new ModelVersion(id, v.device(), v.kernel(), v.parentId(), v.model(), v.ranges(), v.dataHash(), v.metrics(), v.author(), v.note(), now);
        });
    }

    /** Makes {@code versionId} the active version of its kernel: a pointer swap. */
    public ModelVersion activate(long versionId) {
        return inTransaction(() -> {
            ModelVersion v = version(versionId).orElseThrow(() -> new StoreException(
                    "no model version " + versionId + "; 'chronoscope models list' shows the versions"));
            try (PreparedStatement ps = connection.prepareStatement("UPDATE kernels SET active_version_id = ? WHERE id = ?")) {
                ps.setLong(1, versionId);
                ps.setLong(2, kernelId(v.device(), v.kernel()));
                ps.executeUpdate();
            }
            return v;
        });
    }

    /**
     * Leaves the kernel of {@code versionId} with no active version, so its predictions fall back to
     * the roofline default again (undoing the first activation of a kernel). The versions stay.
     */
    public void deactivateKernelOf(long versionId) {
        inTransaction(() -> {
            ModelVersion v = version(versionId).orElseThrow(() -> new StoreException(
                    "no model version " + versionId + "; 'chronoscope models list' shows the versions"));
            try (PreparedStatement ps = connection.prepareStatement("UPDATE kernels SET active_version_id = NULL WHERE id = ?")) {
                ps.setLong(1, kernelId(v.device(), v.kernel()));
                ps.executeUpdate();
            }
            return v;
        });
    }

    public Optional<ModelVersion> version(long id) {
        return inTransaction(() -> first(queryVersions("v.id = ?", ps -> ps.setLong(1, id))));
    }

    public Optional<ModelVersion> active(String device, String kernel) {
        return inTransaction(() -> first(queryVersions("v.id = k.active_version_id AND d.name = ? AND k.name = ?", ps -> {
            ps.setString(1, device);
            ps.setString(2, kernel);
        })));
    }

    /** Every active version in the store. */
    public List<ModelVersion> activeVersions() {
        return inTransaction(() -> queryVersions("v.id = k.active_version_id", ps -> {}));
    }

    public List<ModelVersion> versions(String device, String kernel) {
        return inTransaction(() -> queryVersions("d.name = ? AND k.name = ?", ps -> {
            ps.setString(1, device);
            ps.setString(2, kernel);
        }));
    }

    public List<ModelVersion> allVersions() {
        return inTransaction(() -> queryVersions("1 = 1", ps -> {}));
    }

    public List<KernelEntry> kernels() {
        return inTransaction(() -> {
            List<KernelEntry> out = new ArrayList<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT d.name, k.name,
                      (SELECT count(*) FROM samples WHERE kernel_id = k.id),
                      (SELECT count(*) FROM samples WHERE kernel_id = k.id AND excluded = 1),
                      (SELECT count(*) FROM model_versions WHERE kernel_id = k.id),
                      coalesce(k.active_version_id, 0)
                    FROM kernels k JOIN devices d ON d.id = k.device_id ORDER BY d.name, k.name""")) {
                while (rs.next()) {
                    out.add(new KernelEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getLong(6)));
                }
            }
            return out;
        });
    }

    /** True when the store holds no model version at all (a fresh store, to seed). */
    public boolean isEmpty() {
        return inTransaction(() -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM model_versions")) {
                return rs.getLong(1) == 0;
            }
        });
    }

    /** SQLite's own consistency check: "ok" for a sound file. */
    public String integrityCheck() {
        return inTransaction(() -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                return rs.getString(1);
            }
        });
    }

    @Override public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing models store " + file + ": " + e.getMessage(), e);
        }
    }

    private long kernelId(String device, String kernel) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO devices(name) VALUES (?)")) {
            ps.setString(1, device);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR IGNORE INTO kernels(device_id, name) SELECT id, ? FROM devices WHERE name = ?")) {
            ps.setString(1, kernel);
            ps.setString(2, device);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT k.id FROM kernels k JOIN devices d ON d.id = k.device_id WHERE d.name = ? AND k.name = ?")) {
            ps.setString(1, device);
            ps.setString(2, kernel);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<ModelVersion> queryVersions(String where, Binder binder) throws SQLException {
        List<ModelVersion> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT v.id, d.name, k.name, v.parent_id, v.form, v.parameters, v.ranges, v.data_hash, v.r2, v.mape, v.cv_mape,
                  v.max_error_pct, v.sample_count, v.author, v.note, v.created_at
                FROM model_versions v JOIN kernels k ON k.id = v.kernel_id JOIN devices d ON d.id = k.device_id
                WHERE\s""" + where + " ORDER BY v.id")) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long parent = rs.getLong(4);
                    Long parentId = rs.wasNull() ? null : parent;
                    ModelForm form = ModelForm.parse(rs.getString(5));
                    FitMetrics metrics = new FitMetrics(nullable(rs, 9), nullable(rs, 10), nullable(rs, 11), nullable(rs, 12), rs.getInt(13));
                    out.add(new ModelVersion(rs.getLong(1), rs.getString(2), rs.getString(3), parentId,
                            ModelCodec.model(form, rs.getString(6)), ModelCodec.ranges(rs.getString(7)), rs.getString(8), metrics,
                            rs.getString(14), rs.getString(15), Instant.parse(rs.getString(16))));
                }
            }
        }
        return out;
    }

    private static <T> Optional<T> first(List<T> list) { return list.stream().findFirst(); }

    private static void setNullable(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) ps.setNull(i, Types.REAL); else ps.setDouble(i, v);
    }

    private static double nullable(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** Features as a JSON object, names in launch order. */
    public static String featuresJson(Features f) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < f.size(); i++) n.put(f.name(i), f.value(i));
        return n.toString();
    }

    public static Features features(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            n.properties().forEach(e -> { names.add(e.getKey()); values.add(e.getValue().asDouble()); });
            return Features.of(names.toArray(String[]::new), values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IOException e) {
            throw new StoreException("unreadable sample features " + json + ": " + e.getMessage(), e);
        }
    }
}
