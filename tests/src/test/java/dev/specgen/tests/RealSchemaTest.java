package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.ApplyResult;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.db.DbOptions;
import dev.specgen.db.ScriptRunner;
import dev.specgen.diag.Diagnostic;
import dev.specgen.verify.Progress;
import dev.specgen.verify.VerifyOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 11's proof on real public schemas. Each {@code tests/real/<name>/} holds {@code original.sql} (DDL taken from
 * a public project; {@code SOURCE.md} names repository, path and commit), {@code specs/} (the same schema written for
 * specgen, with no hand-written {@code seed:}) and {@code catalog.diff}. The original is applied to one database and
 * specgen's install script to another, on the same server; the catalog facts of every user schema of both are read
 * with {@code tests/real/catalog_facts.sql} (plain catalog queries, independent of specgen's own catalog reader:
 * tables, partitions by parent and bound, columns, constraints, indexes, policies, triggers, types, sequences,
 * functions, comments, extensions, storage, replica identity, row security) and the difference must equal
 * {@code catalog.diff}: empty when the spec reproduces the schema exactly, otherwise the accepted differences, each
 * justified in the case's {@code GAPS.md}. Objects specgen adds of its own (its {@code specgen_*} helpers and the
 * {@code maintain_<table>()} functions) are left out. An optional {@code setup.sql} holds what the spec presumes
 * exists (functions the user owns, called by triggers or generated columns): it runs first in both databases, and
 * {@code verify} gets it as {@code --setup}. Then {@code specgen verify} must pass on the specs as they are.
 *
 * <p>{@code -Dspecgen.golden.update=true} rewrites {@code catalog.diff}; review it with {@code git diff}.
 */
class RealSchemaTest {
    static final Path REAL = Path.of(System.getProperty("specgen.real.dir", "tests/real"));
    static final Path FACTS = Path.of("tests/real/catalog_facts.sql");
    /** specgen's own objects, absent from any original: helpers named specgen_* and the maintenance functions. */
    private static final Pattern OWN = Pattern.compile("^[-+] (?:\\S+ )*?[^ .]+\\.(?:specgen_\\w+|maintain_\\w+\\()");
    private static final Pattern SEED_KEY = Pattern.compile("(?m)(^|[\\s{,])seed\\s*:");

    static EmbeddedPostgres pg;
    static String url;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("jit", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
        url = pg.getJdbcUrl("postgres", "postgres");
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> realSchemas() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(REAL)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("original.sql"))).sorted().toList();
        }
        assertTrue(dirs.size() >= 5, "issue 11 asks for at least five real schemas, found " + dirs.size());
        return dirs.stream().flatMap(d -> Stream.of(
                DynamicTest.dynamicTest(d.getFileName() + ": catalog equals the original's",
                        () -> compareCatalogs(d)),
                DynamicTest.dynamicTest(d.getFileName() + ": verify passes with no seed:", () -> verify(d))));
    }

    static void compareCatalogs(Path dir) throws Exception {
        String name = dir.getFileName().toString();
        Result r = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out")));
        assertTrue(!r.hasErrors() && r.rendered().isPresent(), name + " does not build:\n" + errors(r));
        String install = r.rendered().get().files().get(Specgen.installFile(Options.of(dir, Path.of("specs"),
                Path.of("out"))));
        String original = Golden.read(dir.resolve("original.sql"));
        Path setup = dir.resolve("setup.sql");
        List<String> first = Files.isRegularFile(setup) ? List.of(Golden.read(setup)) : List.of();
        List<String> a = facts("real_original", Stream.concat(first.stream(), Stream.of(original)).toList());
        List<String> b = facts("real_specgen", Stream.concat(first.stream(), Stream.of(install)).toList());
        String diff = CatalogSnapshot.diff(a, b).stream().filter(l -> !OWN.matcher(l).find())
                .map(l -> l + "\n").collect(Collectors.joining());
        Path expected = dir.resolve("catalog.diff");
        if (Golden.update()) {
            Golden.write(expected, diff);
        } else {
            assertEquals(Files.isRegularFile(expected) ? Golden.read(expected) : "", diff, name
                    + ": catalog of original.sql (-) vs specgen's install (+) differs from catalog.diff");
        }
    }

    static void verify(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("specs"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertTrue(!SEED_KEY.matcher(Golden.read(f)).find(), f + " has a hand-written seed:");
            }
        }
        Path setup = dir.resolve("setup.sql");
        Result r = Specgen.verify(Options.of(dir, Path.of("specs"), Path.of("out")),
                new VerifyOptions(DbOptions.url(url), true).withSetup(Files.isRegularFile(setup) ? List.of(setup)
                        : List.of()), Progress.NONE);
        assertTrue(r.verification().isPresent() && r.verification().get().passed() && !r.hasErrors(),
                dir + " does not verify:\n" + errors(r));
    }

    /** {@code scripts} applied to a new database {@code db}, then its catalog facts, sorted. */
    private static List<String> facts(String db, List<String> scripts) throws SQLException {
        try (Connection c = connect("postgres")) {
            exec(c, "DROP DATABASE IF EXISTS " + db);
            exec(c, "CREATE DATABASE " + db);
        }
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db)) {
            for (String script : scripts) {
                ApplyResult ar = ScriptRunner.runScript(c, script, ScriptRunner.Mode.ROLLOUT);
                assertTrue(ar.ok(), db + ": " + ar.failure().map(f -> f.summary() + " at " + f.origin() + ": "
                        + f.stmt().sql()).orElse(""));
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(Golden.read(FACTS))) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        out.sort(null);
        return out;
    }


    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(pg.getJdbcUrl("postgres", db));
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String errors(Result r) {
        return r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format)
                .collect(Collectors.joining("\n"));
    }
}
