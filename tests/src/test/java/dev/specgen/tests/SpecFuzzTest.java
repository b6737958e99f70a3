package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.specgen.check.ParseCheck;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.ModelBuilder;
import dev.specgen.plan.Planner;
import dev.specgen.render.Renderer;
import dev.specgen.testgen.RenderedTests;
import dev.specgen.testgen.TestPlanner;
import dev.specgen.testgen.TestRenderer;
import dev.specgen.testgen.TestStatement;
import dev.specgen.validate.Extensions;
import dev.specgen.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated copies of the example and golden specs: the loader and validator must only ever answer with
 * positioned diagnostics, never an exception; and whatever they accept must plan, render and parse, the generated
 * tests (TestPlanner, TestRenderer) included. The seed is
 * fixed, so a failure reproduces; {@code -Dspecgen.fuzz.iterations=N} runs more, {@code -Dspecgen.fuzz.seed=S} others.
 */
class SpecFuzzTest {
    static final String[] TOKENS = {"entity", "fields", "indexes", "partitioning", "strategy", "column", "columns",
        "type", "hash", "btree", "brin", "gist", "gin", "range", "list", "interval", "monthly", "daily", "from", "to",
        "2024-01-01", "2024-13-45", "modulus", "16", "0", "-1", "99999999999999999999", "nullable", "false", "no",
        "true", "primary_key", "unique", "include", "where", "with", "fillfactor", "storage", "unlogged", "default",
        "decimal(10,2)", "numeric(1001,2)", "varchar", "text[]", "enum(a, b)", "uuid", "integer", "timestamp",
        "~", "null", "[]", "{}", "[a, b]", "*a", "&a", "!!binary", "'", "\"", ":", "- ", "---", "\t", "#", "\\",
        "references", "Customer.id", "actions", "workflow", "subpartition", "step", "partitions", "values",
        // issue 6: expression frames, hints, quoting
        "check", "seed", "performance_hints", "seed_rows", "lookup_budget_ms", "1e999", "x$a$", "$$", "$q$", "'it''s'",
        "\\\\", ")", "(", ",", ";", "--", "/*", "\"\\u202e\"", "\"a\\nb\"", "comment", "description",
        "enum('it''s', b)", "schema", "pg_x", "n > 0"};

    @Test
    void mutatedSpecsNeverCrashTheFrontEnd() throws IOException {
        List<byte[]> seeds = seeds();
        assertFalse(seeds.isEmpty());
        int iterations = Integer.getInteger("specgen.fuzz.iterations", 3000);
        Random rnd = new Random(Long.getLong("specgen.fuzz.seed", 20261121L));
        int valid = 0;
        try (ParseCheck parse = new ParseCheck()) {
            for (int i = 0; i < iterations; i++) {
                byte[] base = seeds.get(rnd.nextInt(seeds.size()));
                String mutant = mutate(new String(base, StandardCharsets.UTF_8), rnd);
                byte[] bytes = rnd.nextInt(50) == 0 ? corruptBytes(mutant, rnd) : mutant.getBytes(StandardCharsets.UTF_8);
                try {
                    if (runOne(bytes, parse)) {
                        valid++;
                    }
                } catch (Throwable t) {
                    fail("iteration " + i + " threw " + t + "\n--- input ---\n" + mutant, t);
                }
            }
        }
        // mutations must not be so violent that nothing valid is ever reached (else the back half is untested)
        assertTrue(valid > iterations / 50, "only " + valid + " of " + iterations + " mutants were valid");
    }

    /** Returns true when the mutant was valid (and so went through plan, render and parse). */
    static boolean runOne(byte[] bytes, ParseCheck parse) {
        Diagnostics diags = new Diagnostics();
        LoadedFile f = new SpecLoader().load("specs/fuzz.yaml", bytes, diags);
        SpecModel model = ModelBuilder.build(List.of(f), diags);
        Validator.validate(model, diags);
        for (Diagnostic d : diags.sorted()) {
            if (d.pos().isNone()) {
                fail("diagnostic without a position: " + d.format());
            }
        }
        if (diags.hasErrors() || model.entities().isEmpty()) {
            return false;
        }
        var plan = new Planner(Extensions::required).plan(model);
        Renderer renderer = new Renderer(Optional.empty());
        var rendered = renderer.render(plan);
        List<Diagnostic> problems = new ArrayList<>(parse.check(rendered.statements()));
        // the generated tests too: planning them crashed on hints validation let through (seed_rows beyond a long)
        RenderedTests tests = TestRenderer.render(new TestPlanner().plan(plan), renderer);
        for (TestStatement t : tests.statements()) {
            parse.checkStatement(t.sql(), t.origin(), t.file(), t.step() + " statement").ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            fail("valid spec rendered SQL that does not parse: " + problems + "\n--- input ---\n"
                    + new String(bytes, StandardCharsets.UTF_8));
        }
        return true;
    }

    static List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (Path root : List.of(Path.of("specs"), Path.of("tests", "cases"))) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s.filter(x -> x.toString().endsWith(".yaml"))
                        .filter(x -> x.toString().contains("specs")).sorted()::iterator) {
                    out.add(Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    static String mutate(String text, Random rnd) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n && !lines.isEmpty(); k++) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            switch (rnd.nextInt(9)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> lines.set(i, " ".repeat(rnd.nextInt(3)) + line);
                case 3 -> lines.set(i, line.replaceFirst("^ {1,2}", ""));
                case 4 -> lines.set(i, replaceToken(line, rnd));
                case 5 -> {
                    int j = rnd.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 6 -> lines.set(i, insertAt(line, TOKENS[rnd.nextInt(TOKENS.length)], rnd));
                case 7 -> lines.set(i, line.isEmpty() ? line : line.substring(0, rnd.nextInt(line.length())));
                default -> lines.add(i, line.replaceAll("\\S.*", java.util.regex.Matcher.quoteReplacement(
                        TOKENS[rnd.nextInt(TOKENS.length)] + ": " + TOKENS[rnd.nextInt(TOKENS.length)])));
            }
        }
        return String.join("\n", lines);
    }

    static String replaceToken(String line, Random rnd) {
        String[] words = line.split("(?<=[\\s:\\[\\],])|(?=[\\s:\\[\\],])");
        if (words.length == 0) {
            return line;
        }
        int w = rnd.nextInt(words.length);
        words[w] = TOKENS[rnd.nextInt(TOKENS.length)];
        return String.join("", words);
    }

    static String insertAt(String line, String token, Random rnd) {
        int at = line.isEmpty() ? 0 : rnd.nextInt(line.length() + 1);
        return line.substring(0, at) + token + line.substring(at);
    }

    static byte[] corruptBytes(String text, Random rnd) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0) {
            b[rnd.nextInt(b.length)] = (byte) (0x80 + rnd.nextInt(0x40));
        }
        return b;
    }
}
