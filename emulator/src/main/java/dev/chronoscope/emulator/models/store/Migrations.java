package dev.chronoscope.emulator.models.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema: migration i brings a store from PRAGMA user_version i to i+1, each in its own
 * transaction, so a store is always at exactly one schema version.
 */
final class Migrations {
    private Migrations() {}

    private static final List<String[]> STEPS = List.<String[]>of(
            new String[]{
                    """
                    CREATE TABLE devices (
                      id   INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE)""",
                    """
                    CREATE TABLE kernels (
                      id                INTEGER PRIMARY KEY,
                      device_id         INTEGER NOT NULL REFERENCES devices(id),
                      name              TEXT NOT NULL,
                      active_version_id INTEGER REFERENCES model_versions(id),
                      UNIQUE (device_id, name))""",
                    """
                    CREATE TABLE samples (
                      id             INTEGER PRIMARY KEY,
                      kernel_id      INTEGER NOT NULL REFERENCES kernels(id),
                      features       TEXT NOT NULL,
                      duration_ns    REAL NOT NULL CHECK (duration_ns > 0),
                      source         TEXT NOT NULL,
                      excluded       INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
                      exclude_reason TEXT,
                      added_at       TEXT NOT NULL)""",
                    "CREATE INDEX samples_by_kernel ON samples(kernel_id)",
                    """
                    CREATE TABLE model_versions (
                      id            INTEGER PRIMARY KEY,
                      kernel_id     INTEGER NOT NULL REFERENCES kernels(id),
                      parent_id     INTEGER REFERENCES model_versions(id),
                      form          TEXT NOT NULL,
                      parameters    TEXT NOT NULL,
                      ranges        TEXT NOT NULL,
                      data_hash     TEXT NOT NULL,
                      r2            REAL,
                      mape          REAL,
                      cv_mape       REAL,
                      max_error_pct REAL,
                      sample_count  INTEGER NOT NULL,
                      author        TEXT NOT NULL,
                      note          TEXT NOT NULL,
                      created_at    TEXT NOT NULL)""",
                    "CREATE INDEX versions_by_kernel ON model_versions(kernel_id)",
                    // Versions are facts: an edit is a new child version, never an update.
                    """
                    CREATE TRIGGER model_versions_immutable BEFORE UPDATE ON model_versions
                    BEGIN SELECT RAISE(ABORT, 'model versions are immutable; save a child version instead'); END""",
                    """
                    CREATE TRIGGER model_versions_kept BEFORE DELETE ON model_versions
                    BEGIN SELECT RAISE(ABORT, 'model versions are never deleted'); END""",
                    """
                    CREATE TRIGGER active_version_of_same_kernel BEFORE UPDATE OF active_version_id ON kernels
                    WHEN NEW.active_version_id IS NOT NULL
                     AND (SELECT kernel_id FROM model_versions WHERE id = NEW.active_version_id) IS NOT NEW.id
                    BEGIN SELECT RAISE(ABORT, 'a kernel can only activate one of its own versions'); END"""
            });

    static int latest() { return STEPS.size(); }

    static void migrate(Connection c) throws SQLException {
        int current;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            current = rs.getInt(1);
        }
        if (current > STEPS.size()) {
            throw new SQLException("this models store has schema version " + current + " but this Chronoscope knows only up to "
                    + STEPS.size() + "; use a newer Chronoscope or another --models file");
        }
        for (int v = current; v < STEPS.size(); v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v)) s.execute(sql);
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
