package dev.specgen.validate;

import dev.specgen.Parallel;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.SpecModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Semantic validation of a whole run: every rule sees every entity and adds what it finds to {@code diags}; nothing
 * stops at the first problem (sqlc {@code parseCatalog}, Atlas analyzers). Shape problems (unknown keys, wrong
 * value kinds, unknown types, partition bounds) were already reported by the model builder; the rules here work on
 * the model only.
 */
public final class Validator {

    static final List<Rule> RULES = List.of(
            new NameRule(),
            new NamespaceRule(),
            new IdentifierRule(),
            new TypeRule(),
            new ExpressionRule(),
            new UserTypeRule(),
            new KeyRule(),
            new ConstraintRule(),
            new TableFeaturesRule(),
            new ReferenceRule(),
            new ForeignKeyRule(),
            new IndexRule(),
            new IndexMethodRule(),
            new IndexParamRule(),
            new ExtensionRule(),
            new GenerationRule(),
            new SequenceRule(),
            new RedundantIndexRule(),
            new PartitionRule(),
            new StorageRule(),
            new ActionRule(),
            new BulkRule(),
            new HintRule());

    private Validator() {
    }

    /**
     * Runs every rule. The result also carries facts the planner needs (extensions per entity); it is computed
     * even when there are errors, but a plan should only be made from a model without errors. The rules run on all
     * cores ({@link Parallel}: they only read the model), each into its own collector, and their diagnostics are
     * added in the order of {@link #RULES}, as one thread would add them.
     */
    public static ValidationResult validate(SpecModel model, Diagnostics diags) {
        for (Diagnostics found : Parallel.map(RULES, rule -> {
            Diagnostics d = new Diagnostics();
            rule.check(model, d);
            return d;
        })) {
            diags.addAll(found.all());
        }
        Map<String, SortedSet<String>> extensions = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            extensions.putIfAbsent(e.name(), Extensions.required(e));
        }
        dev.specgen.view.ViewCatalog views = dev.specgen.view.ViewAnalyzer.analyze(model, diags);
        return new ValidationResult(extensions, views, dev.specgen.workflow.WorkflowCompiler.compile(model, diags));
    }
}
