package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.DbOptions;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.sql.Keywords;
import dev.specgen.verify.Progress;
import dev.specgen.verify.VerifyOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 11: every PostgreSQL key word works as a schema, table, column and index name. The words are frozen in
 * {@code keywords-pg17.txt} ({@code word catcode} of {@code pg_get_keywords()}), which a test compares with the
 * embedded server's list, so a new PostgreSQL version's words are noticed (rewrite the file with
 * {@code -Dspecgen.keywords.update=true} and review the diff).
 *
 * <p>Not only the non-reserved words (catcode U and C): specgen quotes every key word that is not unreserved
 * exactly as {@code quote_ident()} does, so reserved words (R, and T: reserved but usable as function or type
 * names) work as names too, with an SG212 warning. All of them run: a word that fails is a specgen bug.
 *
 * <p>Words are batched, {@value #BATCH} to a verify run. For each word w of a batch: schema w, table w, an integer
 * column w that is the table's HASH partition key and part of its primary key, an index named after the next word
 * of the batch. And one wide table per batch has every word of the batch as a column (so as parameters and columns
 * of its upsert functions), the first word as its RANGE partition key kept by maintenance (premake) and as the
 * upsert's conflict column, and the second in a foreign key on both sides. Verify runs the parse gate (SG401 would
 * be "a specgen bug"), installs twice, compares the catalog with the plan and runs the generated tests (bulk
 * functions, maintenance, health included).
 */
class KeywordNamesLiveTest {
    static final int BATCH = 50;
    static final Path LIST = Path.of("tests", "src", "test", "resources", "keywords-pg17.txt");
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

    /** {@code word -> catcode}, sorted by word. */
    static TreeMap<String, String> frozen() throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(LIST, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] p = line.split(" ");
                out.put(p[0], p[1]);
            }
        }
        return out;
    }

    @Test
    void frozenListIsTheServersKeywordList() throws IOException, SQLException {
        TreeMap<String, String> live = new TreeMap<>();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT word, catcode FROM pg_get_keywords()")) {
            while (rs.next()) {
                live.put(rs.getString(1), rs.getString(2));
            }
        }
        if (Boolean.getBoolean("specgen.keywords.update")) {
            String text = "# SELECT word, catcode FROM pg_get_keywords() of the embedded PostgreSQL "
                    + "(U unreserved, C unreserved (cannot be function or type), T reserved (can be function or type),"
                    + " R reserved)\n" + live.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "\n")
                    .collect(Collectors.joining());
            Files.writeString(LIST, text, StandardCharsets.UTF_8);
        }
        assertEquals(live, frozen(), "pg_get_keywords() differs from " + LIST
                + " (new PostgreSQL version?): rerun with -Dspecgen.keywords.update=true and review the diff");
    }

    /** specgen's own key word sets ({@link Keywords}, used for quoting and the parse gate) match the list. */
    @Test
    void specgenKeywordSetsAreTheFrozenList() throws IOException {
        TreeMap<String, String> words = frozen();
        assertEquals(byCode(words, "U"), new TreeSet<>(Keywords.UNRESERVED));
        assertEquals(byCode(words, "C"), new TreeSet<>(Keywords.COLUMN_NAME));
        assertEquals(byCode(words, "T"), new TreeSet<>(Keywords.TYPE_FUNC_NAME));
        assertEquals(byCode(words, "R"), new TreeSet<>(Keywords.RESERVED));
    }

    private static TreeSet<String> byCode(TreeMap<String, String> words, String code) {
        return words.entrySet().stream().filter(e -> e.getValue().equals(code)).map(e -> e.getKey())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @TestFactory
    Stream<DynamicTest> everyKeywordIsASchemaTableColumnAndIndexName() throws IOException {
        List<String> words = List.copyOf(frozen().keySet());
        int batches = (words.size() + BATCH - 1) / BATCH;
        // -Dspecgen.keywords.batch=N runs batch N alone (while fixing what it finds)
        String only = System.getProperty("specgen.keywords.batch", "");
        return IntStream.range(0, batches).filter(b -> only.isEmpty() || b == Integer.parseInt(only)).mapToObj(b -> {
            List<String> batch = words.subList(b * BATCH, Math.min(words.size(), (b + 1) * BATCH));
            return DynamicTest.dynamicTest(batch.get(0) + " .. " + batch.get(batch.size() - 1),
                    () -> verify(b, batch));
        });
    }

    private static void verify(int b, List<String> batch) throws IOException {
        Path dir = Files.createTempDirectory("specgen-keywords");
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/keywords.yaml"), spec(b, batch), StandardCharsets.UTF_8);
        Result r;
        try {
            r = Specgen.verify(Options.of(dir, Path.of("specs"), Path.of("out")),
                    new VerifyOptions(DbOptions.url(url), !Boolean.getBoolean("specgen.keywords.notests")),
                    Progress.NONE);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        String problems = r.diagnostics().stream()
                .filter(d -> d.isError() || d.code() != Code.SG212)
                .map(Diagnostic::format).collect(Collectors.joining("\n"));
        assertTrue(problems.isEmpty() && r.verification().isPresent() && r.verification().get().passed(),
                "key words " + batch + " as names:\n" + problems);
    }

    /** One entity per word and one wide entity per batch; see the class comment. Words are YAML-quoted. */
    static String spec(int b, List<String> batch) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < batch.size(); k++) {
            String w = q(batch.get(k));
            s.append("entity: ").append(entity(b, k)).append('\n')
                    .append("schema: ").append(w).append('\n')
                    .append("table: ").append(w).append('\n')
                    .append("fields:\n")
                    .append("  id: {type: bigint, nullable: false}\n")
                    .append("  ").append(w).append(": {type: integer, nullable: false}\n")
                    .append("primary_key: [id, ").append(w).append("]\n")
                    .append("indexes:\n")
                    .append("  - name: ").append(q(batch.get((k + 1) % batch.size()))).append('\n')
                    .append("    columns: [").append(w).append("]\n")
                    .append("partitioning: {strategy: hash, column: ").append(w).append(", modulus: 2}\n")
                    // the generated tests' default of 10,000 rows per table proves nothing more about names
                    .append("performance_hints: {seed_rows: 100}\n")
                    .append("---\n");
        }
        // the wide entity: every word a column of bulk functions; the first the RANGE key that maintenance keeps
        // and the upsert's conflict column, the second a column of a foreign key on both sides
        String first = q(batch.get(0));
        String second = q(batch.get(1));
        s.append("entity: Wide").append(String.format(Locale.ROOT, "%02d", b)).append('\n')
                .append("schema: kw_wide\n")
                .append("table: wide_").append(b).append('\n')
                .append("fields:\n")
                .append("  id: {type: bigint, nullable: false}\n")
                .append("  ").append(first).append(": {type: date, nullable: false}\n")
                .append("  ref_id: bigint\n");
        for (int k = 1; k < batch.size(); k++) {
            s.append("  ").append(q(batch.get(k))).append(": integer\n");
        }
        s.append("primary_key: [id, ").append(first).append("]\n")
                .append("foreign_keys:\n")
                .append("  - columns: [ref_id, ").append(second).append("]\n")
                .append("    references: {entity: ").append(entity(b, 1)).append("}\n")
                .append("partitioning:\n")
                .append("  strategy: range\n")
                .append("  column: ").append(first).append('\n')
                .append("  interval: monthly\n")
                .append("  from: 2024-01-01\n")
                .append("  to: 2024-02-01\n")
                .append("  premake: 1\n")
                .append("actions:\n")
                .append("  - name: upsert_rows\n")
                .append("    pattern: batch/bulk_operation\n")
                .append("    operation: upsert\n")
                .append("    conflict_columns: [id, ").append(first).append("]\n")
                .append("performance_hints: {seed_rows: 100}\n");
        return s.toString();
    }

    private static String entity(int b, int k) {
        return String.format(Locale.ROOT, "Kw%02d%02d", b, k);
    }

    private static String q(String word) {
        return "\"" + word + "\"";
    }
}
