package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.ApplyResult;
import dev.specgen.db.Database;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.db.Stmt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The loader tests' database: one spec file rendered in {@code dir}, its SQL applied to a scratch database of the
 * shared embedded server, and the few queries the tests run on it.
 */
record ScratchSpecs(Options specs, Database db, String scratch) {

    /** Writes {@code spec} as {@code specs/<file>} in {@code dir}, renders it and applies it to a new scratch database. */
    static ScratchSpecs apply(Path dir, String file, String spec) throws IOException {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs").resolve(file), spec, StandardCharsets.UTF_8);
        Options specs = Options.of(dir, Path.of("specs"), Path.of("out"));
        Result r = Specgen.render(specs);
        assertTrue(!r.hasErrors(), () -> r.diagnostics().toString());
        Database db = SharedEmbedded.get();
        String scratch = db.createScratchDatabase();
        try (Connection c = db.connect(scratch)) {
            List<Stmt> stmts = r.rendered().orElseThrow().statements().stream()
                    .map(s -> new Stmt(s.sql(), s.object(), false)).toList();
            ApplyResult applied = ScriptRunner.apply(c, stmts, ScriptRunner.Mode.ROLLOUT);
            assertTrue(applied.ok(), () -> applied.failure().toString());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ScratchSpecs(specs, db, scratch);
    }

    void drop() {
        db.dropDatabase(scratch);
    }

    Connection connect() throws SQLException {
        return db.connect(scratch);
    }

    ConnectionSource source() {
        return () -> db.connect(scratch);
    }

    /** The first column of the first row, as text. */
    String query(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as a number (0 for NULL). */
    long queryLong(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void exec(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
