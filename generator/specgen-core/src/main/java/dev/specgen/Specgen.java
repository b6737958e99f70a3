package dev.specgen;

import dev.specgen.check.ParseCheck;
import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbOptions;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SpecgenException;
import dev.specgen.testgen.RenderedTests;
import dev.specgen.testgen.TestPlanner;
import dev.specgen.testgen.TestRenderer;
import dev.specgen.testgen.TestStatement;
import dev.specgen.verify.Progress;
import dev.specgen.verify.Verifier;
import dev.specgen.verify.VerifyOptions;
import dev.specgen.verify.VerifyReport;
import java.time.Duration;
import java.util.ArrayList;
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
import dev.specgen.validate.Extensions;
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
        Optional<SpecModel> model = model(opts, diags);
        if (model.isEmpty() || diags.hasErrors()) {
            return Result.of(diags.sorted(), model);
        }
        SchemaPlan plan = new Planner(Extensions::required).plan(model.get());
        Renderer renderer = new Renderer(opts.templates().map(opts.root()::resolve));
        Rendered ddl = renderer.render(plan);
        RenderedTests tests = TestRenderer.render(new TestPlanner().plan(plan), renderer);
        try (ParseCheck parse = new ParseCheck()) {
            diags.addAll(parse.check(ddl.statements()));
            for (TestStatement t : tests.statements()) {
                parse.checkStatement(t.sql(), t.origin(), t.file(), t.step() + " statement").ifPresent(diags::add);
            }
        }
        SortedMap<String, String> files = new TreeMap<>(ddl.files());
        files.putAll(tests.files());
        Rendered rendered = new Rendered(files, ddl.statements());
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
            case URL -> "PostgreSQL at " + db.url().orElse("");
            case TESTCONTAINERS -> "a PostgreSQL " + db.pgVersion() + " container";
        };
    }

    /** Render, then write what changed into the output folder (unless there are errors). */
    public static Result generate(Options opts) {
        Result r = render(opts);
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        OutputWriter.Result out = new OutputWriter(opts.outDir()).write(r.rendered().get().files());
        return r.withOutput(out);
    }

    /** Render and compare with the output folder without writing: {@code output().changed()} means stale. */
    public static Result check(Options opts) {
        Result r = render(opts);
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        OutputWriter.Result out = new OutputWriter(opts.outDir()).compare(r.rendered().get().files());
        return r.withOutput(out);
    }

    private static Optional<SpecModel> model(Options opts, Diagnostics diags) {
        List<LoadedFile> files = new SpecLoader().loadAll(opts.root(), opts.specs(), diags);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        SpecModel model = ModelBuilder.build(files, diags);
        Validator.validate(model, diags);
        return Optional.of(model);
    }
}
