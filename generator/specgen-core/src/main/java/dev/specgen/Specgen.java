package dev.specgen;

import dev.specgen.check.ParseCheck;
import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbOptions;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import dev.specgen.testgen.RenderedTests;
import dev.specgen.testgen.TestPlanner;
import dev.specgen.testgen.TestRenderer;
import dev.specgen.testgen.TestStatement;
import dev.specgen.verify.Progress;
import dev.specgen.verify.Verifier;
import dev.specgen.verify.VerifyOptions;
import dev.specgen.verify.VerifyReport;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.ModelBuilder;
import dev.specgen.plan.Planner;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import dev.specgen.render.Renderer;
import dev.specgen.validate.ValidationResult;
import dev.specgen.validate.Validator;
import dev.specgen.write.OutputWriter;
import java.util.List;
import java.util.Optional;

/**
 * The one core facade (JReleaser Workflows, jOOQ GenerationTool). The CLI commands and Maven goals are thin front
 * doors to these calls. Nothing here prints or exits; everything a user should see is in the {@link Result}.
 *
 * <pre>
 * validate = load -> model -> validate
 * render   = validate -> plan -> render -> static check (JSqlParser)     (no I/O beyond reading specs)
 * generate = render -> write (only changed files; stale generated files removed)
 * check    = render -> compare with the output folder (nothing written)
 * verify   = render -> live PostgreSQL: apply twice, catalog round trip, generated tests
 * </pre>
 */
public final class Specgen {
    private Specgen() {
    }

    public static Result validate(Options opts) {
        Diagnostics diags = new Diagnostics();
        Optional<SpecModel> model = model(opts, diags);
        return Result.of(diags.sorted(), model);
    }

    /** Everything but writing: the files specgen would write, checked with JSqlParser. */
    public static Result render(Options opts) {
        Diagnostics diags = new Diagnostics();
        Optional<Checked> validated = validated(opts, diags);
        Optional<SpecModel> model = validated.map(Checked::model);
        if (validated.isEmpty() || diags.hasErrors()) {
            return Result.of(diags.sorted(), model);
        }
        Checked checked = validated.get();
        Optional<Path> templates = opts.templates().map(opts.root()::resolve);
        if (templates.isPresent() && !Files.isDirectory(templates.get())) {
            diags.add(Diagnostic.error(SourcePos.NONE, Code.SG003, "template folder " + opts.templates().get()
                    + " does not exist").withHint("--templates takes a folder holding postgres/<name>.ftl overrides"));
            return Result.of(diags.sorted(), model);
        }
        // the extensions each entity needs were worked out by validation; the planner uses that answer
        SchemaPlan plan = new Planner(e -> checked.validation().extensions().getOrDefault(e.name(),
                Collections.emptySortedSet()), sourceNames(opts)).plan(model.get(), checked.validation().views());
        Renderer renderer = new Renderer(templates);
        Rendered ddl;
        RenderedTests tests;
        try {
            ddl = renderer.render(plan);
            tests = TestRenderer.render(new TestPlanner().plan(plan), renderer);
        } catch (Renderer.TemplateFailure f) {
            diags.add(Diagnostic.error(f.pos(), Code.SG005, f.getMessage()).withHint(templates.isPresent()
                    ? "check the override templates in " + opts.templates().get() : "this is a specgen bug"));
            return Result.of(diags.sorted(), model);
        }
        try (ParseCheck parse = new ParseCheck()) {
            diags.addAll(parse.check(ddl.statements()));
            diags.addAll(parse.check(ddl.embedded()));
            for (TestStatement t : tests.statements()) {
                parse.checkStatement(t.sql(), t.origin(), t.file(), t.step() + " statement").ifPresent(diags::add);
            }
        }
        SortedMap<String, String> files = new TreeMap<>(ddl.files());
        files.putAll(tests.files());
        Rendered rendered = new Rendered(files, ddl.statements(), tests.sessionChecks(), ddl.embedded());
        return Result.of(diags.sorted(), model).withPlan(plan, rendered);
    }

    /**
     * Render, then prove the output on a live PostgreSQL (see {@link Verifier}): apply twice, compare the catalog
     * with the plan, run the generated tests. The database is started here and stopped before returning (unless
     * kept). Nothing is written to the output folder; combine with {@link #generate} for {@code build --verify}.
     */
    public static Result verify(Options opts, VerifyOptions verify, Progress progress) {
        Result r = render(opts);
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        return verifyRendered(r, verify, progress);
    }

    /** Verifies an already rendered (and possibly written) result. */
    public static Result verifyRendered(Result r, VerifyOptions verify, Progress progress) {
        List<Diagnostic> diags = new ArrayList<>(r.diagnostics());
        VerifyReport report;
        progress.begin("starting " + describe(verify.db()));
        long t0 = System.nanoTime();
        Database db;
        try {
            db = Databases.open(verify.db());
        } catch (SpecgenException e) {
            progress.end("starting the database");
            diags.addAll(e.diagnostics());
            return r.withDiagnostics(diags);
        }
        progress.end("starting the database");
        Duration start = Duration.ofNanos(System.nanoTime() - t0);
        try (db) {
            Verifier v = new Verifier(db, progress);
            v.phases().put("start", start);
            report = v.verify(r.plan().orElseThrow(), r.rendered().orElseThrow(), verify.runTests());
        }
        diags.addAll(report.diagnostics());
        return r.withDiagnostics(diags).withVerification(report);
    }

    private static String describe(DbOptions db) {
        return switch (db.mode()) {
            case EMBEDDED -> "embedded PostgreSQL " + db.pgVersion();
            // without the query string: it may carry a password
            case URL -> "PostgreSQL at " + db.url().orElse("").replaceFirst("\\?.*$", "");
            case TESTCONTAINERS -> "a PostgreSQL " + db.pgVersion() + " container";
        };
    }

    /** Render, then write what changed into the output folder (unless there are errors). */
    public static Result generate(Options opts) {
        Result r = render(opts);
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        try {
            return r.withOutput(new OutputWriter(opts.outDir()).write(r.rendered().get().files()));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return r.withDiagnostics(withOutputProblem(r, opts, e));
        }
    }

    /** Render and compare with the output folder without writing: {@code output().changed()} means stale. */
    public static Result check(Options opts) {
        Result r = render(opts);
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        try {
            return r.withOutput(new OutputWriter(opts.outDir()).compare(r.rendered().get().files()));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return r.withDiagnostics(withOutputProblem(r, opts, e));
        }
    }

    private static List<Diagnostic> withOutputProblem(Result r, Options opts, RuntimeException e) {
        List<Diagnostic> out = new ArrayList<>(r.diagnostics());
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                ? fse.getFile() + ": " + fse.getReason() : String.valueOf(cause.getMessage());
        out.add(Diagnostic.error(SourcePos.NONE, Code.SG004, "cannot write the output folder " + opts.out() + ": "
                + why).withHint("--out must name a folder specgen may create and write"));
        return out;
    }

    /**
     * How generated headers name spec files: relative to the spec folder, under the folder's own name
     * ({@code specs/analytics/x.yaml}), however the folder was given on the command line ({@code specs/},
     * {@code ../specs}, an absolute path). Diagnostics keep the path as given, so it can be opened; generated
     * bytes must not depend on where the command ran.
     */
    static java.util.function.UnaryOperator<String> sourceNames(Options opts) {
        Path specs = opts.root().resolve(opts.specs()).toAbsolutePath().normalize();
        Path base = Files.isRegularFile(specs) ? specs.getParent() : specs;
        Path name = base.getFileName() == null ? Path.of("") : base.getFileName();
        return display -> {
            Path p = opts.root().resolve(display).toAbsolutePath().normalize();
            return p.startsWith(base) ? name.resolve(base.relativize(p)).toString().replace('\\', '/') : display;
        };
    }

    /** A validated model and what validation derived from it. */
    private record Checked(SpecModel model, ValidationResult validation) {
    }

    private static Optional<Checked> validated(Options opts, Diagnostics diags) {
        List<LoadedFile> files = new SpecLoader().loadAll(opts.root(), opts.specs(), diags);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        SpecModel model = ModelBuilder.build(files, diags);
        return Optional.of(new Checked(model, Validator.validate(model, diags)));
    }

    private static Optional<SpecModel> model(Options opts, Diagnostics diags) {
        return validated(opts, diags).map(Checked::model);
    }
}
