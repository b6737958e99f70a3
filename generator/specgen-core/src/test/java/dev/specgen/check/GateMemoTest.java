package dev.specgen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject;
import dev.specgen.render.RenderedStatement;
import dev.specgen.render.Renderer;
import dev.specgen.testgen.TestStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: the CLI's memo of statements this jar's parse gate passed. A statement the gate rejects is reported,
 * with its position, whatever the memo holds of the others, and is never remembered.
 */
class GateMemoTest {
    static final Renderer RENDERER = new Renderer(Optional.empty());
    static final SourcePos POS = new SourcePos("specs/a.yaml", 3, 5);
    static final SourcePos BROKEN = new SourcePos("specs/a.yaml", 40, 7);
    static final SourcePos BROKEN_TEST = new SourcePos("specs/b.yaml", 9, 3);
    static final String STAMP = "test.jar 1 2";

    @TempDir
    Path dir;

    private static List<RenderedStatement> ddl() {
        List<RenderedStatement> statements = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SqlObject.CreatePartition p = new SqlObject.CreatePartition("app.doc_p" + i, "app.doc",
                    "FOR VALUES FROM (" + i + ") TO (" + (i + 1) + ")", "", false, List.of(), POS);
            statements.add(new RenderedStatement(p, RENDERER.object(p), "app/01_doc.sql"));
        }
        return statements;
    }

    private static RenderedStatement brokenDdl() {
        SqlObject.CreatePartition p = new SqlObject.CreatePartition("app.doc_p20", "app.doc",
                "FOR VALUES FROM (20) TO (21)", "", false, List.of(), BROKEN);
        return new RenderedStatement(p, RENDERER.object(p).replace("PARTITION OF", "PARTITION"), "app/01_doc.sql");
    }

    private static List<TestStatement> tests() {
        List<TestStatement> statements = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statements.add(new TestStatement("SELECT has_table('app', 'doc_" + i + "', 'table app.doc_" + i
                    + " exists')", POS, "app/tests/01_doc_test.sql", "tests/has_table"));
        }
        return statements;
    }

    private static TestStatement brokenTest() {
        return new TestStatement("SELECT has_table('app', 'doc_x' 'table app.doc_x exists')", BROKEN_TEST,
                "app/tests/01_doc_test.sql", "tests/has_table");
    }

    private static List<String> formats(List<Diagnostic> diags) {
        return diags.stream().map(Diagnostic::format).toList();
    }

    private List<String> memoLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void passesAreRememberedAndRejectionsAreNot() throws IOException {
        Path file = dir.resolve("specgen.gate-memo");
        List<RenderedStatement> ddl = new ArrayList<>(ddl());
        ddl.add(brokenDdl());
        List<TestStatement> tests = new ArrayList<>(tests());
        tests.add(brokenTest());
        List<Diagnostic> without;
        try (ParseCheck gate = new ParseCheck()) {
            without = new ArrayList<>(gate.check(ddl));
            without.addAll(gate.checkTests(tests));
        }
        assertEquals(2, without.size(), without.toString());

        GateMemo first = GateMemo.at(file, STAMP);
        assertEquals(formats(without), formats(first.check(ddl, List.of(), tests)));
        first.save();
        List<String> lines = memoLines(file);
        assertEquals("specgen parse gate memo 1 test.jar 1 2", lines.get(0));
        assertEquals(41, lines.size(), "the header and the 40 statements that passed");
        assertTrue(lines.contains(GateMemo.key(ddl.get(0))));
        assertFalse(lines.contains(GateMemo.key(brokenDdl())));
        assertFalse(lines.contains(GateMemo.key(brokenTest())));

        // the next run: the 40 known statements are not parsed, the two rejected ones are, and reported where they are
        GateMemo second = GateMemo.at(file, STAMP);
        List<Diagnostic> again = second.check(ddl, List.of(), tests);
        assertEquals(formats(without), formats(again));
        assertEquals(BROKEN, again.get(0).pos());
        assertEquals(BROKEN_TEST, again.get(1).pos());
        assertTrue(again.get(0).format().startsWith("specs/a.yaml:40:7: error SG401: generated partition app.doc_p20"
                + " in app/01_doc.sql does not parse: "), again.get(0).format());
        assertTrue(again.get(1).format().startsWith("specs/b.yaml:9:3: error SG401: generated tests/has_table "
                + "statement in app/tests/01_doc_test.sql does not parse: "), again.get(1).format());
        second.save();
        assertEquals(lines, memoLines(file), "nothing new to remember");
    }

    /**
     * What the memo holds is not parsed: a rejected statement whose digest is (wrongly) in a memo of this stamp goes
     * unreported, which is why only the gate's passes are ever written, and a memo of another jar is ignored.
     */
    @Test
    void theMemoDecidesWhatIsParsedAndOnlyForItsOwnJar() throws IOException {
        Path file = dir.resolve("specgen.gate-memo");
        Files.write(file, List.of("specgen parse gate memo 1 " + STAMP, GateMemo.key(brokenDdl()),
                GateMemo.key(brokenTest())), StandardCharsets.UTF_8);
        assertEquals(List.of(), GateMemo.at(file, STAMP).check(List.of(brokenDdl()), List.of(), List.of(brokenTest())));
        List<Diagnostic> other = GateMemo.at(file, "other.jar 1 2").check(List.of(brokenDdl()), List.of(),
                List.of(brokenTest()));
        assertEquals(List.of(BROKEN, BROKEN_TEST), other.stream().map(Diagnostic::pos).toList());
    }

    /** The same text as another kind of plan object is another statement to the gate. */
    @Test
    void theKeyNamesTheObjectsKind() {
        RenderedStatement p = ddl().get(0);
        SqlObject.CommentOn c = new SqlObject.CommentOn("TABLE", "app.doc", "x", POS);
        assertFalse(GateMemo.key(p).equals(GateMemo.key(new RenderedStatement(c, p.sql(), p.file()))));
        assertEquals(GateMemo.key(p), GateMemo.key(new RenderedStatement(p.object(), p.sql(), "other/file.sql")));
    }

    @Test
    void aDamagedOrUnwritableMemoOnlyCostsTheSaving() throws IOException {
        Path file = dir.resolve("specgen.gate-memo");
        Files.write(file, List.of("specgen parse gate memo 1 " + STAMP, "not a digest", "",
                GateMemo.key(ddl().get(0)).toUpperCase(java.util.Locale.ROOT)), StandardCharsets.UTF_8);
        List<RenderedStatement> ddl = new ArrayList<>(ddl());
        ddl.add(brokenDdl());
        assertEquals(List.of(BROKEN), GateMemo.at(file, STAMP).check(ddl, List.of(), List.of()).stream()
                .map(Diagnostic::pos).toList());

        // a folder that cannot be written, even by root: its "parent" is a file
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        GateMemo nowhere = GateMemo.at(notAFolder.resolve("specgen.gate-memo"), STAMP);
        assertEquals(List.of(BROKEN), nowhere.check(ddl, List.of(), List.of()).stream().map(Diagnostic::pos).toList());
        nowhere.save();
        assertEquals("x", Files.readString(notAFolder));

        Path readOnly = dir.resolve("ro");
        Files.createDirectory(readOnly);
        Path inside = readOnly.resolve("specgen.gate-memo");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            GateMemo memo = GateMemo.at(inside, STAMP);
            assertEquals(List.of(BROKEN), memo.check(ddl, List.of(), List.of()).stream().map(Diagnostic::pos).toList());
            memo.save();
            assertEquals(!Files.isWritable(readOnly), !Files.exists(inside), "written only where it can be");
            assertEquals(List.of(), Files.list(readOnly).filter(f -> f.toString().endsWith(".tmp")).toList());
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A large run goes through the whole gate and leaves the memo as it was: digests would cost more than they save. */
    @Test
    void aLargeRunIsNotRemembered() throws IOException {
        Path file = dir.resolve("specgen.gate-memo");
        List<TestStatement> tests = new ArrayList<>();
        for (int i = 0; i < GateMemo.MAX_STATEMENTS; i++) {
            tests.add(new TestStatement("SELECT has_table('app', 'doc_" + i + "', 'table app.doc_" + i + " exists')",
                    POS, "app/tests/01_doc_test.sql", "tests/has_table"));
        }
        tests.add(brokenTest());
        GateMemo memo = GateMemo.at(file, STAMP);
        assertEquals(List.of(BROKEN_TEST), memo.check(List.of(), List.of(), tests).stream().map(Diagnostic::pos)
                .toList());
        memo.save();
        assertFalse(Files.exists(file));
        tests.remove(tests.size() - 1);
        memo.check(List.of(), List.of(), tests);
        memo.save();
        assertEquals(GateMemo.MAX_STATEMENTS + 1, memoLines(file).size(), "the header and every statement");
    }

    @Test
    void noMemoMeansTheWholeGate() {
        List<RenderedStatement> ddl = new ArrayList<>(ddl());
        ddl.add(brokenDdl());
        assertEquals(List.of(BROKEN, BROKEN_TEST), GateMemo.none().check(ddl, List.of(), List.of(brokenTest()))
                .stream().map(Diagnostic::pos).toList());
        GateMemo.none().save();
    }
}
