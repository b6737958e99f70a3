package dev.specgen.validate;

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

    private static final List<Rule> RULES = List.of(
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
     * even when there are errors, but a plan should only be made from a model without errors.
     */
    public static ValidationResult validate(SpecModel model, Diagnostics diags) {
        for (Rule rule : RULES) {
            rule.check(model, diags);
        }
        Map<String, SortedSet<String>> extensions = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            extensions.putIfAbsent(e.name(), Extensions.required(e));
        }
        dev.specgen.view.ViewCatalog views = dev.specgen.view.ViewAnalyzer.analyze(model, diags);
        return new ValidationResult(extensions, views, dev.specgen.workflow.WorkflowCompiler.compile(model, diags));
    }
}
