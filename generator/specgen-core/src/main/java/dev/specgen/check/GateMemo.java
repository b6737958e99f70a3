package dev.specgen.check;

import dev.specgen.Parallel;
import dev.specgen.Sha256;
import dev.specgen.diag.Diagnostic;
import dev.specgen.plan.SqlObject;
import dev.specgen.plan.ViewObject;
import dev.specgen.render.RenderedStatement;
import dev.specgen.testgen.TestStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements this very jar's parse gate passed in earlier runs, kept in one file between runs (issue 12: a cold
 * CLI build of a few entities spends about a sixth of its CPU loading, initialising and compiling JSqlParser for
 * statements it judged the same way the run before). Only passes are kept, as SHA-256 digests of everything the
 * gate's verdict on a statement depends on ({@link #key(RenderedStatement)}, {@link #key(TestStatement)}): a
 * statement the gate rejects is never remembered, so it is parsed, and reported with its position, on every run.
 * A statement not in the memo goes through the gate as before.
 *
 * <p>Only the CLI uses it, and only when the system property {@value #PROPERTY} names the file ({@code ./specgen}
 * keeps it beside the jar and removes it when the jar is rebuilt). The file's first line names the jar it belongs to
 * (path, size, time); a file of another jar, an unreadable or damaged one, or one that cannot be written is ignored:
 * the memo only ever saves work, it never fails or changes a run.
 */
public final class GateMemo {
    /** The system property naming the memo file. */
    public static final String PROPERTY = "specgen.gate-memo";
    /** At most this many statements are remembered (65 bytes a line); past it, new passes are not added. */
    static final int MAX_ENTRIES = 50_000;
    /**
     * A run with more statements than this goes through the whole gate and is not remembered: what the memo saves is
     * JSqlParser's fixed cost in a fresh JVM (loading, initialising and compiling it, about half a second of CPU),
     * while its digests cost CPU per statement; at 1,000 synthetic entities (71,000 statements, 27 MB) they cost more
     * (a cold build 1.1 s more CPU with a memo of none of them, none less with a memo of all of them), and the gate's
     * shape verdicts already make JSqlParser's share small there.
     */
    static final int MAX_STATEMENTS = 10_000;
    private static final String HEADER = "specgen parse gate memo 1 ";

    private static final GateMemo NONE = new GateMemo(Optional.empty(), "", Set.of());

    private final Optional<Path> file;
    private final String stamp;
    private final Set<String> passed;
    private final Set<String> added = ConcurrentHashMap.newKeySet();

    private GateMemo(Optional<Path> file, String stamp, Set<String> passed) {
        this.file = file;
        this.stamp = stamp;
        this.passed = passed;
    }

    /** No memo: every statement goes through the gate, nothing is kept. */
    public static GateMemo none() {
        return NONE;
    }

    /** The memo the system property {@value #PROPERTY} names for this jar, or {@link #none()}. */
    public static GateMemo fromProperty() {
        String name = System.getProperty(PROPERTY, "");
        if (name.isEmpty()) {
            return NONE;
        }
        Optional<String> stamp = jarStamp();
        return stamp.isEmpty() ? NONE : at(Path.of(name), stamp.get());
    }

    /** Whether the system property names a memo file that exists (Preload then leaves JSqlParser alone). */
    public static boolean likelyUseful() {
        String name = System.getProperty(PROPERTY, "");
        return !name.isEmpty() && Files.isRegularFile(Path.of(name));
    }

    /**
     * The memo in {@code file} when its first line carries {@code stamp}; empty (and written afresh by
     * {@link #save}) when the file is missing, of another stamp, or unreadable.
     */
    static GateMemo at(Path file, String stamp) {
        Set<String> passed = ConcurrentHashMap.newKeySet();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).equals(HEADER + stamp)) {
                for (String line : lines.subList(1, lines.size())) {
                    if (line.length() == 64 && line.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                        passed.add(line);
                    }
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // no memo: the gate judges every statement
        }
        return new GateMemo(Optional.of(file), stamp, passed);
    }

    /** The jar this class came from, as path, size and modification time; empty when not from a jar file. */
    private static Optional<String> jarStamp() {
        try {
            CodeSource src = GateMemo.class.getProtectionDomain().getCodeSource();
            Path jar = src == null ? null : Path.of(src.getLocation().toURI());
            if (jar == null || !Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            return Optional.of(jar.toAbsolutePath() + " " + Files.size(jar) + " "
                    + Files.getLastModifiedTime(jar).toMillis());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The parse gate's diagnostics for a run's statements (DDL, statements embedded in it, statements of test files),
     * as {@link ParseCheck#check} and {@link ParseCheck#checkTests} give them; the statements this memo holds are
     * not parsed, and JSqlParser is not even loaded when it holds them all. The passes are remembered for
     * {@link #save}.
     */
    public List<Diagnostic> check(List<RenderedStatement> ddl, List<RenderedStatement> embedded,
            List<TestStatement> tests) {
        List<Diagnostic> out = new ArrayList<>();
        if (file.isEmpty() || ddl.size() + embedded.size() + tests.size() > MAX_STATEMENTS) {
            try (ParseCheck gate = new ParseCheck()) {
                out.addAll(gate.check(ddl));
                out.addAll(gate.check(embedded));
                out.addAll(gate.checkTests(tests));
            }
            return out;
        }
        List<RenderedStatement> statements = new ArrayList<>(ddl);
        statements.addAll(embedded);
        List<String> keys = Parallel.map(statements, GateMemo::key);
        List<String> testKeys = Parallel.map(tests, GateMemo::key);
        List<Integer> todo = unknown(keys);
        List<Integer> todoTests = unknown(testKeys);
        if (todo.isEmpty() && todoTests.isEmpty()) {
            return out;
        }
        try (ParseCheck gate = new ParseCheck()) {
            collect(gate.each(pick(statements, todo)), pick(keys, todo), out);
            collect(gate.eachTest(pick(tests, todoTests)), pick(testKeys, todoTests), out);
        }
        return out;
    }

    /** The indexes of the keys the memo does not hold. */
    private List<Integer> unknown(List<String> keys) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!passed(keys.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private static <T> List<T> pick(List<T> items, List<Integer> at) {
        return at.stream().map(items::get).toList();
    }

    private void collect(List<Optional<Diagnostic>> problems, List<String> keys, List<Diagnostic> out) {
        for (int i = 0; i < problems.size(); i++) {
            if (problems.get(i).isPresent()) {
                out.add(problems.get(i).get());
            } else {
                pass(keys.get(i));
            }
        }
    }

    /** Whether the gate passed {@code key} in an earlier run of this jar. */
    boolean passed(String key) {
        return passed.contains(key);
    }

    /** Remembers that the gate passed {@code key}. */
    void pass(String key) {
        if (file.isPresent() && !passed.contains(key) && passed.size() + added.size() < MAX_ENTRIES) {
            added.add(key);
        }
    }

    /** Writes the memo when this run added to it (a whole new file, moved into place); never fails. */
    public void save() {
        if (file.isEmpty() || added.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(passed.size() + added.size() + 1);
        lines.add(HEADER + stamp);
        lines.addAll(new java.util.TreeSet<>(passed));
        added.stream().filter(k -> !passed.contains(k)).sorted().forEach(lines::add);
        Path target = file.get();
        Path tmp = null;
        try {
            // a name of this process's own beside the file: two runs at once each move a whole file into place
            tmp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // a read-only folder, a full disk: the next run judges the statements again
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * What the gate's verdict on a DDL statement depends on ({@link ParseCheck#problem}): the plan object's kind, the
     * text, its stand-in, and the few object fields the gate reads besides them.
     */
    static String key(RenderedStatement s) {
        SqlObject o = s.object();
        StringBuilder b = new StringBuilder("ddl\0").append(o.getClass().getName()).append('\0').append(s.sql())
                .append('\0').append(s.standIn());
        if (o instanceof ViewObject.DropStaleView d) {
            d.drops().forEach(x -> b.append('\0').append(x));
        } else if (o instanceof ViewObject.ScheduleRefresh r) {
            b.append('\0').append(r.job()).append('\0').append(r.schedule()).append('\0').append(r.command());
        } else if (o instanceof SqlObject.AttachIndex a) {
            b.append('\0').append(a.onlyWhileAttached());
        }
        return digest(b);
    }

    /** What the gate's verdict on a statement of a generated test file depends on: its text alone. */
    static String key(TestStatement t) {
        return digest(new StringBuilder("test\0").append(t.sql()));
    }

    private static String digest(CharSequence text) {
        return Sha256.of(text.toString());
    }
}
