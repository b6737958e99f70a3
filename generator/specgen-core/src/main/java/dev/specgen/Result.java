package dev.specgen;

import dev.specgen.diag.Diagnostic;
import dev.specgen.model.SpecModel;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import dev.specgen.write.OutputWriter;
import java.util.List;
import java.util.Optional;

/**
 * What a run produced. Stages that did not run (because an earlier one found errors) leave their part empty.
 * {@code diagnostics} are sorted; front doors print them, the core never does.
 */
public record Result(List<Diagnostic> diagnostics, Optional<SpecModel> model, Optional<SchemaPlan> plan,
        Optional<Rendered> rendered, Optional<OutputWriter.Result> output) {

    public Result {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return diagnostics.size() - errorCount();
    }
}
