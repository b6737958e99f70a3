package dev.specgen;

import dev.specgen.check.GateMemo;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import dev.specgen.testgen.RenderedTests;
import dev.specgen.testgen.TestPlanner;
import dev.specgen.testgen.TestRenderer;
import dev.specgen.verify.LiveVerifier;
import dev.specgen.verify.Progress;
import dev.specgen.verify.VerifyOptions;
import dev.specgen.verify.VerifyReport;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import dev.specgen.plan.Workload;
import dev.specgen.render.OutputBudget;
import dev.specgen.testgen.TestPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Overview;
import dev.specgen.render.Rendered;
import dev.specgen.render.Renderer;
import dev.specgen.validate.ValidationResult;
import dev.specgen.validate.Validator;
import dev.specgen.write.BuildState;
import dev.specgen.write.OutputGuard;
import dev.specgen.write.OutputWriter;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one core facade (JReleaser Workflows, jOOQ GenerationTool). The CLI commands and Maven goals are thin front
 * doors to these calls. Nothing here prints or exits; everything a user should see is in the {@link Result}.
 *
 * <pre>
 * validate = load -> model -> validate
 * render   = validate -> plan -> render -> static check (JSqlParser)     (no I/O beyond reading specs)
 * generate = render -> write (only changed files; files the manifest lists and no longer generated removed)
 * check    = render -> compare with the output folder (nothing written; a stale report with diffs)
 * verify   = render -> live PostgreSQL: apply twice, catalog round trip, generated tests
 * </pre>
 */
public final class Specgen {
    private static final java.util.regex.Pattern FLYWAY_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,100}");

    private Specgen() {
    }

    public static Result validate(Options opts) {
        Diagnostics diags = new Diagnostics();
        Optional<SpecModel> model = model(opts, diags);
        return Result.of(diags.sorted(), model);
    }

    /** Everything but writing: the files specgen would write, checked with JSqlParser. */
    public static Result render(Options opts) {
        return render(opts, StageListener.NONE);
    }

    /** {@link #render(Options)}, telling {@code stages} how long each stage took. */
    public static Result render(Options opts, StageListener stages) {
        return render(opts, new Laps(stages));
    }

    private static Result render(Options opts, Laps laps) {
        Preload.start(); // FreeMarker and JSqlParser load on the other core while the specs are read and planned
        Diagnostics diags = new Diagnostics();
        Optional<Checked> validated = validated(opts, diags, laps);
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
        if (opts.flywayName().isPresent() && !FLYWAY_NAME.matcher(opts.flywayName().get()).matches()) {
            diags.add(Diagnostic.error(SourcePos.NONE, Code.SG003, "Flyway migration name \""
                    + opts.flywayName().get() + "\" is not a plain name").withHint("use letters, digits and "
                    + "underscores (up to 100), e.g. specgen: the install script becomes R__specgen.sql"));
            return Result.of(diags.sorted(), model);
        }
        // the extensions each entity needs were worked out by validation; the planner uses that answer
        ValidationResult validation = checked.validation().orElseThrow();
        SchemaPlan plan = new Planner(e -> validation.extensions().getOrDefault(e.name(),
                Collections.emptySortedSet()), sourceNames(opts)).plan(model.get(), validation.views(), validation.workflows());
        TestPlan testPlan = new TestPlanner().plan(plan);
        laps.lap(Stage.PLAN);
        Renderer renderer = Renderer.of(templates);
        OutputBudget budget = new OutputBudget(opts.limits().outputBytes());
        Rendered ddl;
        RenderedTests tests;
        String overview;
        try {
            ddl = renderer.render(plan, budget);
            tests = TestRenderer.render(testPlan, renderer, budget);
            overview = renderer.template("overview", Overview.model(plan, installFile(opts)));
        } catch (Renderer.TemplateFailure f) {
            diags.add(Diagnostic.error(f.pos(), Code.SG005, f.getMessage()).withHint(templates.isPresent()
                    ? "check the override templates in " + opts.templates().get() : "this is a specgen bug"));
            return Result.of(diags.sorted(), model);
        } catch (OutputBudget.Exceeded x) {
            diags.add(Diagnostic.error(x.pos(), Code.SG312, x.getMessage()).withHint("raise the limit with "
                    + Limits.OUTPUT_BYTES_OPTION + ", or generate less: fewer or coarser partitions, shorter "
                    + "comments, fewer entities per run"));
            return Result.of(diags.sorted(), model);
        }
        laps.lap(Stage.RENDER);
        // the CLI's memo of statements this jar's gate passed before (GateMemo); none in-process
        GateMemo memo = GateMemo.fromProperty();
        diags.addAll(memo.check(ddl.statements(), ddl.embedded(), tests.statements()));
        memo.save();
        laps.lap(Stage.PARSE_GATE);
        SortedMap<String, String> files = new TreeMap<>(ddl.files());
        files.putAll(tests.files());
        if (opts.flywayName().isPresent() && files.containsKey(Renderer.INSTALL_FILE)) {
            files.put(installFile(opts), files.remove(Renderer.INSTALL_FILE));
        }
        if (!plan.files().isEmpty()) {
            files.put(Overview.FILE, overview);
        }
        Rendered rendered = new Rendered(files, ddl.statements(), tests.sessionChecks(), ddl.embedded());
        return Result.of(diags.sorted(), model).withPlan(plan, rendered);
    }

    /**
     * Render, then prove the output on a live PostgreSQL (the {@link LiveVerifier} of specgen-db): apply twice,
     * compare the catalog with the plan, run the generated tests. The database is started here and stopped before returning (unless
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
        try {
            Optional<LiveVerifier> live = ServiceLoader.load(LiveVerifier.class, Specgen.class.getClassLoader())
                    .findFirst();
            if (live.isEmpty()) {
                diags.add(noLiveLayer("the live-database layer (dev.specgen:specgen-db) is not on the classpath"));
                return r.withDiagnostics(diags);
            }
            report = live.get().verify(r.plan().orElseThrow(), r.rendered().orElseThrow(), verify, progress);
        } catch (SpecgenException e) {
            diags.addAll(e.diagnostics());
            return r.withDiagnostics(diags);
        } catch (ServiceConfigurationError | LinkageError e) {
            // specgen-db is there but something it needs is not (a hand-made classpath): say what, no stack trace
            diags.add(noLiveLayer("the live-database layer could not be loaded: " + e));
            return r.withDiagnostics(diags);
        }
        diags.addAll(report.diagnostics());
        return r.withDiagnostics(diags).withVerification(report);
    }

    private static Diagnostic noLiveLayer(String why) {
        return Diagnostic.error(SourcePos.NONE, Code.SG012, "cannot verify: " + why).withHint("the specgen CLI "
                + "jar and the Maven plugin's verify goal bring it; a library user adds dev.specgen:specgen-db");
    }

    /**
     * Stops every verification running in this JVM (a front door calls it on SIGINT or SIGTERM): running statements
     * are cancelled, and each run ends with SG412 after removing its scratch database and schemas.
     *
     * @return false when no verification is running (the caller may just exit)
     */
    public static boolean interrupt(String reason) {
        try {
            return ServiceLoader.load(LiveVerifier.class, Specgen.class.getClassLoader()).findFirst()
                    .map(live -> live.interrupt(reason)).orElse(false);
        } catch (ServiceConfigurationError | LinkageError e) {
            return false;
        }
    }

    /** The install script's name in the output folder: {@code install.sql}, or {@code R__<name>.sql} for Flyway. */
    public static String installFile(Options opts) {
        return opts.flywayName().map(n -> "R__" + n + ".sql").orElse(Renderer.INSTALL_FILE);
    }

    /**
     * {@link #generate}, unless nothing changed since the run that left {@code stateFile}: the spec files, the override
     * templates, the options and {@code salt} (what else the output depends on: the tool's version) hash the same,
     * the output folder's manifest is the one that run wrote, and every file it lists is unchanged on disk. Empty when skipped. The state is kept
     * only after a run without errors; without a readable state nothing is skipped.
     */
    public static Optional<Result> generateIfChanged(Options opts, Path stateFile, String salt) {
        Optional<String> inputs = fingerprint(opts, salt);
        Path outDir = opts.outDir();
        if (inputs.isPresent() && BuildState.read(stateFile).map(s -> s.upToDate(inputs.get(), outDir)).orElse(false)) {
            return Optional.empty();
        }
        Result r = generate(opts);
        try {
            Optional<BuildState> state = inputs.isPresent() && !r.hasErrors() && r.output().isPresent()
                    ? BuildState.after(inputs.get(), outDir) : Optional.empty();
            if (state.isPresent()) {
                state.get().write(stateFile);
            } else {
                Files.deleteIfExists(stateFile);
            }
        } catch (java.io.IOException e) {
            // no state kept: the next build generates again, which is always correct
        }
        return Optional.of(r);
    }

    private static Optional<String> fingerprint(Options opts, String salt) {
        try {
            return Optional.of(BuildState.fingerprint(List.of("specgen-state 1", salt, opts.specs().toString(),
                    opts.out().toString(), opts.templates().map(Path::toString).orElse(""),
                    opts.flywayName().orElse("")), inputFiles(opts)));
        } catch (UncheckedIOException e) {
            return Optional.empty(); // an unreadable input: generate reports it properly
        }
    }

    private static List<Path> inputFiles(Options opts) {
        List<Path> in = new ArrayList<>();
        in.add(opts.root().resolve(opts.specs()).normalize());
        opts.templates().ifPresent(t -> in.add(opts.root().resolve(t).normalize()));
        return in;
    }

    /**
     * Render, then write what changed into the output folder (unless there are errors, or the folder is refused:
     * see {@link OutputGuard}; ownership rules: see {@link OutputWriter}).
     */
    public static Result generate(Options opts) {
        return output(opts, true, StageListener.NONE);
    }

    /** {@link #generate(Options)}, telling {@code stages} how long each stage took (the generator benchmark). */
    public static Result generate(Options opts, StageListener stages) {
        return output(opts, true, stages);
    }

    /**
     * Render and compare with the output folder without writing: {@code output().changed()} means stale, and
     * {@code output().stale()} is the report (SG407 per file, unified diffs).
     */
    public static Result check(Options opts) {
        return output(opts, false, StageListener.NONE);
    }

    private static Result output(Options opts, boolean write, StageListener stages) {
        Laps laps = new Laps(stages);
        Optional<Diagnostic> refused;
        try {
            refused = OutputGuard.forCurrentUser().check(opts.root(), opts.specs(), opts.out());
        } catch (UncheckedIOException e) {
            refused = Optional.of(outputProblem(opts, e));
        }
        Result r = render(opts, laps);
        if (refused.isPresent()) {
            List<Diagnostic> ds = new ArrayList<>(r.diagnostics());
            ds.add(refused.get());
            return r.withDiagnostics(ds);
        }
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        try {
            OutputWriter w = new OutputWriter(opts.outDir(), shownOut(opts));
            var files = r.rendered().get().files();
            OutputWriter.Result out = write ? w.write(files) : w.compare(files);
            laps.lap(Stage.WRITE);
            List<Diagnostic> ds = new ArrayList<>(r.diagnostics());
            ds.addAll(out.diagnostics());
            return r.withOutput(out).withDiagnostics(ds);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            List<Diagnostic> ds = new ArrayList<>(r.diagnostics());
            ds.add(outputProblem(opts, e));
            return r.withDiagnostics(ds);
        }
    }

    /** The output folder as the user gave it, '/'-separated: how messages and diffs name it. */
    static String shownOut(Options opts) {
        return opts.out().normalize().toString().replace('\\', '/');
    }

    private static Diagnostic outputProblem(Options opts, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                ? (fse.getFile() == null ? "" : fse.getFile() + ": ") + fse.getReason()
                : String.valueOf(cause.getMessage());
        return Diagnostic.error(SourcePos.NONE, Code.SG004, "cannot write the output folder " + shownOut(opts) + ": "
                + why).withHint("--out must name a folder specgen may create and write");
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
    /** A model and what validation derived from it; empty when validation did not run (the run is too large). */
    private record Checked(SpecModel model, Optional<ValidationResult> validation) {
    }

    /**
     * Load, model and validate. What planning the model would make is counted against {@link Options#limits()}
     * (SG310-SG312) before anything is planned, and before validation: some rules look at every partition name, and
     * past the relations limit (a million partitions) the run stops there, with that error.
     */
    private static Optional<Checked> validated(Options opts, Diagnostics diags, Laps laps) {
        List<LoadedFile> files = new SpecLoader().loadAll(opts.root(), opts.specs(), diags);
        laps.lap(Stage.LOAD);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        SpecModel model = ModelBuilder.build(files, diags);
        List<Diagnostic> limits = Workload.check(model, opts.limits());
        diags.addAll(limits);
        Optional<ValidationResult> validation = limits.stream().anyMatch(d -> d.code() == Code.SG310)
                ? Optional.empty() : Optional.of(Validator.validate(model, diags));
        laps.lap(Stage.VALIDATE);
        return Optional.of(new Checked(model, validation));
    }

    private static Optional<SpecModel> model(Options opts, Diagnostics diags) {
        return validated(opts, diags, new Laps(StageListener.NONE)).map(Checked::model);
    }

    /** Tells a {@link StageListener} the time since the previous lap. */
    private static final class Laps {
        private final StageListener listener;
        private long last = System.nanoTime();

        Laps(StageListener listener) {
            this.listener = listener;
        }

        void lap(Stage stage) {
            long now = System.nanoTime();
            listener.finished(stage, now - last);
            last = now;
        }
    }
}
