package dev.specgen;

import dev.specgen.diag.Diagnostic;
import dev.specgen.model.SpecModel;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import dev.specgen.verify.VerifyReport;
import dev.specgen.write.OutputWriter;
import java.util.List;
import java.util.Optional;

/**
 * What a run produced. Stages that did not run (because an earlier one found errors) leave their part empty.
 * {@code diagnostics} are sorted; front doors print them, the core never does.
 */
public record Result(List<Diagnostic> diagnostics, Optional<SpecModel> model, Optional<SchemaPlan> plan,
        Optional<Rendered> rendered, Optional<OutputWriter.Result> output, Optional<VerifyReport> verification) {

    public Result {
        diagnostics = diagnostics.stream().sorted().distinct().toList();
    }

    static Result of(List<Diagnostic> diagnostics, Optional<SpecModel> model) {
        return new Result(diagnostics, model, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    Result withPlan(SchemaPlan plan, Rendered rendered) {
        return new Result(diagnostics, model, Optional.of(plan), Optional.of(rendered), output, verification);
    }

    Result withOutput(OutputWriter.Result out) {
        return new Result(diagnostics, model, plan, rendered, Optional.of(out), verification);
    }

    Result withDiagnostics(List<Diagnostic> ds) {
        return new Result(ds, model, plan, rendered, output, verification);
    }

    Result withVerification(VerifyReport report) {
        return new Result(diagnostics, model, plan, rendered, output, Optional.of(report));
    }

    /** This result without the diagnostics {@code earlier} already had (they were printed before). */
    public Result withoutDiagnosticsOf(Result earlier) {
        return withDiagnostics(diagnostics.stream().filter(d -> !earlier.diagnostics().contains(d)).toList());
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** True when a verification ran and found problems (applied badly, drifted, or a generated test failed). */
    public boolean verificationFailed() {
        return verification.map(v -> !v.passed()).orElse(false);
    }

    /**
     * The first {@code n} error diagnostics, in order, each {@link Diagnostic#format formatted}, joined by
     * {@code "; "}.
     */
    public String firstErrors(int n) {
        return String.join("; ", diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::format).limit(n)
                .toList());
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return diagnostics.size() - errorCount();
    }
}
