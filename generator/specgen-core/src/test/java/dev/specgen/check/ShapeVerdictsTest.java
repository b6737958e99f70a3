package dev.specgen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.testgen.TestPlanner;
import dev.specgen.testgen.TestRenderer;
import dev.specgen.testgen.TestStatement;
import dev.specgen.render.RenderedStatement;
import dev.specgen.render.Renderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the gate that gives every statement of a shape the verdict of the first (one instance over every golden
 * case and the examples, so shapes are shared as much as they can be) says exactly what parsing each statement on
 * its own says, for every DDL statement and every generated test statement of the repository.
 */
class ShapeVerdictsTest {

    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tests/cases")) && Files.isDirectory(dir.resolve("specs"))) {
                return dir;
            }
        }
        throw new AssertionError("tests/cases not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void byShapeTheVerdictsAreJSqlParsersOwn() throws IOException {
        Path repo = repository();
        List<Path> roots = new ArrayList<>();
        roots.add(repo);
        try (Stream<Path> s = Files.list(repo.resolve("tests/cases"))) {
            s.filter(d -> Files.isDirectory(d.resolve("specs"))).sorted().forEach(roots::add);
        }
        int statements = 0;
        try (ParseCheck byShape = new ParseCheck(); ParseCheck each = new ParseCheck(false)) {
            for (Path root : roots) {
                Result r = Specgen.validate(Options.of(root, Path.of("specs"), Path.of("out")));
                if (r.hasErrors()) {
                    continue;
                }
                Result rendered = Specgen.render(Options.of(root, Path.of("specs"), Path.of("out")));
                var plan = rendered.plan().orElseThrow();
                for (RenderedStatement s : rendered.rendered().orElseThrow().statements()) {
                    assertEquals(each.problem(s.object(), s.sql(), s.standIn()),
                            byShape.problem(s.object(), s.sql(), s.standIn()), root + ": " + s.sql());
                    statements++;
                }
                for (TestStatement t : TestRenderer.render(new TestPlanner().plan(plan), new Renderer(Optional.empty()))
                        .statements()) {
                    assertEquals(each.checkStatement(t.sql(), t.origin(), t.file(), t.step()),
                            byShape.checkStatement(t.sql(), t.origin(), t.file(), t.step()), root + ": " + t.sql());
                    statements++;
                }
            }
        }
        assertTrue(statements > 2_000, statements + " statements");
    }

    /** Words to put where names were: JSqlParser's key words, words its grammar compares, plain names. */
    static final List<String> WORDS = List.of("use", "date", "name", "select", "json_table", "owned", "text", "value",
            "x1", "a_b", "region", "interval", "from", "limit", "key", "zone", "column", "table", "index", "partition",
            "over", "filter", "sales_p2024_01", "close", "top", "fn", "nulls", "first", "conditional", "xml");

    /**
     * The shape's one assumption attacked directly: statements of the repository with their words replaced by
     * others (key words of either parser, words JSqlParser's grammar looks at, plain names), each judged by a gate
     * that has seen the originals and by parsing alone: the same verdict every time.
     */
    @Test
    void wordsSwappedForKeyWordsGetJSqlParsersOwnVerdict() throws IOException {
        Path repo = repository();
        Result rendered = Specgen.render(Options.of(repo, Path.of("specs"), Path.of("out")));
        List<String> originals = new ArrayList<>();
        rendered.rendered().orElseThrow().statements().forEach(s -> originals.add(s.sql()));
        TestRenderer.render(new TestPlanner().plan(rendered.plan().orElseThrow()), new Renderer(Optional.empty()))
                .statements().forEach(t -> originals.add(t.sql()));
        java.util.Random rnd = new java.util.Random(12);
        int compared = 0;
        int rejected = 0;
        try (ParseCheck byShape = new ParseCheck(); ParseCheck each = new ParseCheck(false)) {
            originals.forEach(o -> byShape.checkStatement(o, dev.specgen.diag.SourcePos.NONE, "f", "s"));
            for (int round = 0; round < 1; round++) {
                for (String o : originals) {
                    StringBuilder v = new StringBuilder();
                    for (dev.specgen.sql.Token t : dev.specgen.sql.SqlLexer.tokens(o)) {
                        boolean swap = t.kind() == dev.specgen.sql.Token.Kind.IDENTIFIER && rnd.nextInt(4) == 0;
                        v.append(swap ? WORDS.get(rnd.nextInt(WORDS.size())) : t.text(o));
                    }
                    var expected = each.checkStatement(v.toString(), dev.specgen.diag.SourcePos.NONE, "f", "s");
                    assertEquals(expected, byShape.checkStatement(v.toString(), dev.specgen.diag.SourcePos.NONE, "f",
                            "s"), v.toString());
                    compared++;
                    rejected += expected.isPresent() ? 1 : 0;
                }
            }
        }
        assertTrue(rejected > compared / 10, "the variants must include statements JSqlParser rejects: " + rejected
                + " of " + compared);
    }
}
