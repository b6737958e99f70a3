package dev.specgen.testgen;

import dev.specgen.render.OutputBudget;
import dev.specgen.Parallel;
import dev.specgen.render.RenderedSessionCheck;
import dev.specgen.sql.SqlSplitter;
import dev.specgen.render.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Test plan in, text out, through the one {@link Renderer} configuration: each step by its own template
 * ({@code templates/postgres/tests/<kind>.ftl}), the file by {@code tests/file.ftl}. No I/O.
 */
public final class TestRenderer {
    private TestRenderer() {
    }

    /** What {@code tests/file.ftl} renders: header facts and the already-rendered steps. */
    public record FileModel(String specFile, String subject, String scope, List<String> steps) {
        public FileModel {
            Objects.requireNonNull(specFile, "specFile == null");
            Objects.requireNonNull(subject, "subject == null");
            Objects.requireNonNull(scope, "scope == null");
            steps = List.copyOf(steps);
        }
    }

    /** What {@code tests/sessions_file.ftl} renders: header facts and the already-rendered checks. */
    public record SessionFileModel(String specFile, String subject, List<String> checks) {
        public SessionFileModel {
            Objects.requireNonNull(specFile, "specFile == null");
            Objects.requireNonNull(subject, "subject == null");
            checks = List.copyOf(checks);
        }
    }

    /** What {@code tests/session_check.ftl} renders: one check, each phase already rendered (possibly empty). */
    public record SessionCheckModel(String name, String description, int sessions, int rounds, String setup,
            String session, String check, String cleanup) {
        public SessionCheckModel {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(description, "description == null");
            Objects.requireNonNull(setup, "setup == null");
            Objects.requireNonNull(session, "session == null");
            Objects.requireNonNull(check, "check == null");
            Objects.requireNonNull(cleanup, "cleanup == null");
        }

        public boolean hasSetup() {
            return !setup.isEmpty();
        }

        public boolean hasCheck() {
            return !check.isEmpty();
        }

        public boolean hasCleanup() {
            return !cleanup.isEmpty();
        }
    }

    public static RenderedTests render(TestPlan plan, Renderer renderer) {
        return render(plan, renderer, OutputBudget.UNLIMITED);
    }

    /** {@link #render(TestPlan, Renderer)}, counting every step's text in {@code budget}. */
    public static RenderedTests render(TestPlan plan, Renderer renderer, OutputBudget budget) {
        SortedMap<String, String> files = new TreeMap<>();
        List<TestStatement> statements = new ArrayList<>();
        // test files are independent: rendered on all cores, counted and collected in file order
        for (Output out : Parallel.map(plan.files(), f -> file(f, renderer), out -> out.spend(budget))) {
            statements.addAll(out.statements());
            files.put(out.path(), out.content());
        }
        List<RenderedSessionCheck> sessionChecks = new ArrayList<>();
        for (SessionFile f : plan.sessionFiles()) {
            List<String> texts = new ArrayList<>();
            for (SessionCheck c : f.checks()) {
                String setup = steps(c.setup(), f.path(), renderer, statements, budget);
                String session = steps(c.session(), f.path(), renderer, statements, budget);
                String check = steps(c.check(), f.path(), renderer, statements, budget);
                String cleanup = steps(c.cleanup(), f.path(), renderer, statements, budget);
                texts.add(renderer.template("tests/session_check", new SessionCheckModel(c.name(), c.description(),
                        c.sessions(), c.rounds(), setup, session, check, cleanup)).stripTrailing());
                sessionChecks.add(new RenderedSessionCheck(f.entity(), f.path(), c.name(), c.description(),
                        c.sessions(), c.rounds(), setup, session, check, c.checkTests(), cleanup, c.origin()));
            }
            String content = renderer.template("tests/sessions_file", new SessionFileModel(f.specFile(),
                    f.subject(), texts));
            files.put(f.path(), content.stripTrailing() + "\n");
        }
        return new RenderedTests(files, statements, sessionChecks);
    }

    /**
     * One rendered test file: its text, its statements for the parse gate, and the size and origin of each step for
     * the budget; or the template failure that stopped it.
     */
    private record Output(String path, String content, List<TestStatement> statements, long[] stepBytes,
            List<TestStep> steps, RuntimeException failure) {
        void spend(OutputBudget budget) {
            Supplier<String> what = () -> "a test of " + path;
            for (int i = 0; i < stepBytes.length && i < steps.size(); i++) {
                budget.spendBytes(stepBytes[i], steps.get(i).origin(), what);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static Output file(TestFile f, Renderer renderer) {
        List<String> texts = new ArrayList<>();
        List<TestStatement> statements = new ArrayList<>();
        long[] bytes = new long[f.steps().size()];
        try {
            int length = 1024; // the file's header
            Optional<List<String>> inOneRun = steps(f.steps(), renderer);
            for (int i = 0; i < f.steps().size(); i++) {
                TestStep s = f.steps().get(i);
                String text;
                if (inOneRun.isPresent()) {
                    text = inOneRun.get().get(i);
                    lex(s, text, f.path(), statements);
                } else {
                    text = step(s, f.path(), renderer, statements, OutputBudget.UNLIMITED);
                }
                bytes[texts.size()] = OutputBudget.utf8Length(text);
                texts.add(text);
                length += text.length() + 1;
            }
            String content = renderer.template("tests/file", new FileModel(f.specFile(), f.subject(), f.scope(),
                    texts), length);
            return new Output(f.path(), endingInOneNewline(content), statements, bytes, f.steps(), null);
        } catch (Renderer.TemplateFailure failure) {
            return new Output(f.path(), null, statements, java.util.Arrays.copyOf(bytes, texts.size()), f.steps(),
                    failure);
        }
    }

    /** {@code text.stripTrailing() + "\n"}, without copying a text that already ends so (most files). */
    static String endingInOneNewline(String text) {
        int n = text.length();
        boolean one = n >= 2 && text.charAt(n - 1) == '\n' && !Character.isWhitespace(text.charAt(n - 2));
        return one ? text : text.stripTrailing() + "\n";
    }

    /** Steps one after another, each ending its line; empty for no steps. */
    private static String steps(List<TestStep> steps, String file, Renderer renderer, List<TestStatement> out,
            OutputBudget budget) {
        StringBuilder text = new StringBuilder();
        for (TestStep s : steps) {
            text.append(step(s, file, renderer, out, budget)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** One step's text; its statements are added to {@code out} for the parse gate. */
    private static String step(TestStep s, String file, Renderer renderer, List<TestStatement> out,
            OutputBudget budget) {
        String text = step(s, renderer);
        budget.spend(text, 1, s.origin(), () -> "a test of " + file);
        lex(s, text, file, out);
        return text;
    }

    /** Adds the statements of a step's text to {@code out} for the parse gate. */
    private static void lex(TestStep s, String text, String file, List<TestStatement> out) {
        for (SqlSplitter.Lexed p : SqlSplitter.splitLexed(text)) {
            out.add(new TestStatement(p.piece().sql(), p.tokens(), s.origin(), file, s.template()));
        }
    }

    /**
     * The texts of {@code steps} in order, each without a trailing newline, rendered in one template run
     * ({@link Renderer#templatesInOneRun}): the same as {@link #step(TestStep, Renderer)} of each; empty when they
     * must be rendered one by one.
     */
    static Optional<List<String>> steps(List<TestStep> steps, Renderer renderer) {
        return renderer.inOneRun(steps, TestStep::template);
    }

    /** One step's text, without a trailing newline. */
    public static String step(TestStep s, Renderer renderer) {
        return renderer.template(s.template(), s).stripTrailing();
    }
}
