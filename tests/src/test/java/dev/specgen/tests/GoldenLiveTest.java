package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.DbOptions;
import dev.specgen.diag.Diagnostic;
import dev.specgen.verify.Progress;
import dev.specgen.verify.VerifyOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every valid golden case (one with {@code expected/}) proven live: applied twice in a scratch database, catalog
 * compared with the plan, generated tests run. The golden test pins the text; this one proves that text works.
 * One embedded server for the whole class; each case gets its own scratch database.
 */
class GoldenLiveTest {
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
    Stream<DynamicTest> validCasesVerify() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(GoldenTest.CASES)) {
            dirs = s.filter(d -> Files.isDirectory(d.resolve("expected"))).sorted().toList();
        }
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> verify(d)));
    }

    static void verify(Path dir) {
        Result r = Specgen.verify(Options.of(dir, Path.of("specs"), Path.of("expected")),
                new VerifyOptions(DbOptions.url(url), true), Progress.NONE);
        String errors = r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format)
                .collect(Collectors.joining("\n"));
        assertTrue(r.verification().isPresent() && r.verification().get().passed() && errors.isEmpty(),
                dir + " does not verify:\n" + errors);
    }
}
