package dev.specgen;

import dev.specgen.check.ParseCheck;
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
 * </pre>
 */
public final class Specgen {
    private Specgen() {
    }

    public static Result validate(Options opts) {
        Diagnostics diags = new Diagnostics();
        Optional<SpecModel> model = model(opts, diags);
        return new Result(diags.sorted(), model, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Everything but writing: the files specgen would write, checked with JSqlParser. */
    public static Result render(Options opts) {
        Diagnostics diags = new Diagnostics();
        Optional<SpecModel> model = model(opts, diags);
        if (model.isEmpty() || diags.hasErrors()) {
            return new Result(diags.sorted(), model, Optional.empty(), Optional.empty(), Optional.empty());
        }
        SchemaPlan plan = new Planner(Extensions::required).plan(model.get());
        Rendered rendered = new Renderer(opts.templates().map(opts.root()::resolve)).render(plan);
        try (ParseCheck parse = new ParseCheck()) {
            diags.addAll(parse.check(rendered.statements()));
        }
        return new Result(diags.sorted(), model, Optional.of(plan), Optional.of(rendered), Optional.empty());
    }

    /** Render, then write what changed into the output folder (unless there are errors). */
    public static Result generate(Options opts) {
        Result r = render(opts);
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        OutputWriter.Result out = new OutputWriter(opts.outDir()).write(r.rendered().get().files());
        return new Result(r.diagnostics(), r.model(), r.plan(), r.rendered(), Optional.of(out));
    }

    /** Render and compare with the output folder without writing: {@code output().changed()} means stale. */
    public static Result check(Options opts) {
        Result r = render(opts);
        if (r.hasErrors() || r.rendered().isEmpty()) {
            return r;
        }
        OutputWriter.Result out = new OutputWriter(opts.outDir()).compare(r.rendered().get().files());
        return new Result(r.diagnostics(), r.model(), r.plan(), r.rendered(), Optional.of(out));
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
