package dev.specgen.workflow;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Action;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Hint;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import dev.specgen.model.TableConstraint;
import dev.specgen.workflow.CompiledWorkflow.Accumulate;
import dev.specgen.workflow.CompiledWorkflow.CompiledStep;
import dev.specgen.workflow.CompiledWorkflow.Derived;
import dev.specgen.workflow.CompiledWorkflow.FieldUpdate;
import dev.specgen.workflow.CompiledWorkflow.Fold;
import dev.specgen.workflow.CompiledWorkflow.KeyMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Workflows to {@link CompiledWorkflow}s: what each step means as set-based maintenance of its target from the
 * source's inserted rows, or a positioned error saying why it cannot be (SG237 expression or condition, SG238
 * trigger, SG255 two steps on one target, SG256 a default a new row cannot start from), and what the hints do
 * (SG239). Steps that insert or delete target rows are not generated (SG236). Unknown targets and fields were
 * reported by the validator's ActionRule; such a workflow is left out here without a second message.
 */
public final class WorkflowCompiler {

    /** The words a step may use for the inserted row: the seed's {@code transaction}, {@code new}, the table. */
    static final List<String> ROW_ALIASES = List.of("transaction", "new");

    private final Diagnostics diags;

    private WorkflowCompiler(Diagnostics diags) {
        this.diags = diags;
    }

    /** Every workflow of {@code model} that compiles, in model order. */
    public static List<CompiledWorkflow> compile(SpecModel model, Diagnostics diags) {
        Map<String, Entity> byName = new HashMap<>();
        model.entities().forEach(e -> byName.putIfAbsent(e.name(), e));
        WorkflowCompiler c = new WorkflowCompiler(diags);
        List<CompiledWorkflow> out = new ArrayList<>();
        for (Entity e : model.entities()) {
            for (Action a : e.actions()) {
                if (a instanceof Action.Workflow w) {
                    c.workflow(e, w, byName).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private Optional<CompiledWorkflow> workflow(Entity source, Action.Workflow w, Map<String, Entity> byName) {
        String what = "workflow action \"" + w.name() + "\"";
        hints(w, what);
        List<String> notCompiled = w.steps().stream().filter(s -> s.action() == Action.StepAction.INSERT
                || s.action() == Action.StepAction.DELETE).map(s -> s.name() + " (" + s.action().word() + ")")
                .toList();
        if (!notCompiled.isEmpty()) {
            diags.warning(w.patternPos(), Code.SG236, what + " is validated but not generated: steps that "
                    + "insert or delete target rows are not compiled yet: " + String.join(", ", notCompiled),
                    "write those steps as update (create the row when missing, then fold the inserted rows into it),"
                            + " or keep the workflow as documentation");
            return Optional.empty();
        }
        boolean ok = trigger(w, what);
        List<CompiledStep> steps = new ArrayList<>();
        Map<String, Action.Step> targets = new HashMap<>();
        for (Action.Step s : w.steps()) {
            Entity target = byName.get(s.entity().name());
            if (target == null) {
                ok = false;
                continue;
            }
            Action.Step before = targets.putIfAbsent(target.name(), s);
            if (before != null) {
                diags.error(s.entity().pos(), Code.SG255, "workflow step \"" + s.name() + "\" writes "
                        + target.name() + ", which step \"" + before.name() + "\" of " + what + " writes too",
                        "merge the two steps into one: each step becomes one set-based statement per target");
                ok = false;
                continue;
            }
            Optional<CompiledStep> c = new StepCompiler(source, target, s, diags).compile();
            ok &= c.isPresent();
            c.ifPresent(steps::add);
        }
        if (!ok || steps.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Field> columns = new TreeMap<>();
        for (CompiledStep s : steps) {
            s.key().forEach(k -> columns.putIfAbsent(k.source().name(), k.source()));
            for (FieldUpdate u : s.updates()) {
                if (u instanceof Accumulate acc) {
                    acc.source().ifPresent(f -> columns.putIfAbsent(f.name(), f));
                }
            }
        }
        return Optional.of(new CompiledWorkflow(w.name(), source, w.hints().on(Hint.Name.ASYNC_EXECUTION), steps,
                List.copyOf(columns.values()), w.patternPos()));
    }

    /** Only inserts are compiled: {@code <name>_inserted}. */
    private boolean trigger(Action.Workflow w, String what) {
        if (w.trigger().isEmpty()) {
            diags.error(w.patternPos(), Code.SG238, what + " has no trigger: specgen cannot tell when its steps run",
                    "add trigger: <name>_inserted (for example transaction_inserted): the steps then run for every"
                            + " statement that inserts rows into the entity");
            return false;
        }
        Named t = w.trigger().get();
        if (!t.name().endsWith("_inserted")) {
            diags.error(t.pos(), Code.SG238, what + " has trigger " + t.name() + ": only inserts can start a"
                    + " workflow (a trigger named <something>_inserted)", "updates and deletes of the source are not"
                            + " compiled: maintain totals that must follow them with a materialized view"
                            + " (refresh: incremental), which handles every write");
            return false;
        }
        return true;
    }

    private void hints(Action.Workflow w, String what) {
        w.hints().get(Hint.Name.MATERIALIZED_VIEWS).filter(h -> w.hints().on(Hint.Name.MATERIALIZED_VIEWS))
                .ifPresent(h -> diags.warning(h.pos(), Code.SG239, "performance hint materialized_views of " + what
                        + " has no effect: the steps update their target tables directly, set-based, which is what"
                        + " a materialized view of these totals would give; no view is made for them",
                        "drop it, or declare a materialized_view (refresh: incremental) over the source to get a view"));
        w.hints().get(Hint.Name.BATCH_UPDATES).filter(h -> !w.hints().on(Hint.Name.BATCH_UPDATES))
                .ifPresent(h -> diags.warning(h.pos(), Code.SG239, "performance hint batch_updates: false of " + what
                        + " has no effect: the inserted rows are always applied aggregated per target key (one"
                        + " statement per step), never row by row", "drop it"));
    }

    /** One step: condition to key, fields to updates. */
    static final class StepCompiler {
        private final Entity source;
        private final Entity target;
        private final Action.Step step;
        private final Diagnostics diags;
        private final String what;
        private boolean ok = true;

        StepCompiler(Entity source, Entity target, Action.Step step, Diagnostics diags) {
            this.source = source;
            this.target = target;
            this.step = step;
            this.diags = diags;
            this.what = "workflow step \"" + step.name() + "\"";
        }

        Optional<CompiledStep> compile() {
            List<KeyMatch> key = key();
            Set<String> keyNames = new HashSet<>();
            key.forEach(k -> keyNames.add(k.target().name()));
            Map<Field, Ast> parsed = new LinkedHashMap<>();
            for (Action.Assignment a : step.fields()) {
                Optional<Field> f = target.field(a.column().name());
                if (f.isEmpty()) {
                    return Optional.empty(); // reported by ActionRule (SG203)
                }
                if (keyNames.contains(f.get().name())) {
                    error(a.column().pos(), "sets " + f.get().name() + ", a column of the key its condition matches",
                            "drop it: a created row gets the key from the inserted rows");
                    continue;
                }
                parse(a.value()).ifPresent(ast -> parsed.put(f.get(), ast));
            }
            Map<Field, Accumulate> folds = new LinkedHashMap<>();
            Map<Field, Action.Expr> exprs = new HashMap<>();
            step.fields().forEach(a -> target.field(a.column().name()).ifPresent(f -> exprs.put(f, a.value())));
            for (Map.Entry<Field, Ast> p : parsed.entrySet()) {
                accumulate(p.getKey(), p.getValue(), exprs.get(p.getKey()).pos()).ifPresent(a -> folds.put(a.target(),
                        a));
            }
            List<FieldUpdate> updates = new ArrayList<>();
            for (Map.Entry<Field, Ast> p : parsed.entrySet()) {
                Field f = p.getKey();
                if (folds.containsKey(f)) {
                    updates.add(folds.get(f));
                    continue;
                }
                if (looksLikeFold(f, p.getValue())) {
                    continue; // a fold with a bad operand, reported
                }
                SourcePos pos = exprs.get(f).pos();
                term(p.getValue(), parsed, folds, pos).ifPresent(t -> updates.add(new Derived(f, t)));
            }
            if (!ok || key.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CompiledStep(step.name(), target, key, updates, step.pos()));
        }

        private void error(SourcePos pos, String message, String hint) {
            diags.error(pos, Code.SG237, what + " " + message, hint);
            ok = false;
        }

        private Optional<Ast> parse(Action.Expr e) {
            try {
                return Optional.of(Ast.parse(e.sql()));
            } catch (Ast.Unsupported x) {
                error(e.pos(), "cannot be compiled set-based: \"" + e.sql().strip() + "\" holds " + x.getMessage(),
                        "write col + transaction.x, col + 1, GREATEST(col, transaction.x), LEAST(col, transaction.x),"
                                + " or arithmetic (+ - * /) over such expressions of the same step");
                return Optional.empty();
            }
        }

        /** The condition's equalities, in the order of the target's key they match. */
        private List<KeyMatch> key() {
            if (step.condition().isEmpty()) {
                error(step.pos(), "has no condition: specgen cannot tell which " + target.name() + " row an inserted"
                        + " row updates", "add condition: \"<key column> = transaction.<column>\" for each column of "
                                + target.name() + "'s primary key");
                return List.of();
            }
            Action.Expr cond = step.condition().get();
            Optional<Ast> ast = parse(cond);
            if (ast.isEmpty()) {
                return List.of();
            }
            List<Ast> conjuncts = new ArrayList<>();
            flatten(ast.get(), conjuncts);
            Map<String, KeyMatch> matches = new LinkedHashMap<>();
            for (Ast c : conjuncts) {
                if (!(c.bare() instanceof Ast.Bin b && b.op().equals("=") && b.left().bare() instanceof Ast.Ref l
                        && b.right().bare() instanceof Ast.Ref r)) {
                    error(cond.pos(), "has a condition that is not a key equality: only "
                            + "\"<target column> = transaction.<column>\" joined with AND can be compiled set-based",
                            "match the target's primary key or a unique key, one equality per column");
                    return List.of();
                }
                Optional<KeyMatch> m = isRow(l) ? match(r, l, cond.pos()) : match(l, r, cond.pos());
                if (m.isEmpty()) {
                    return List.of();
                }
                if (matches.putIfAbsent(m.get().target().name(), m.get()) != null) {
                    error(cond.pos(), "matches " + m.get().target().name() + " twice in its condition", "match each"
                            + " key column once");
                    return List.of();
                }
            }
            for (List<String> k : uniqueKeys()) {
                if (matches.keySet().equals(new HashSet<>(k))) {
                    return k.stream().map(matches::get).toList();
                }
            }
            error(cond.pos(), "has a condition on " + String.join(", ", matches.keySet()) + ", which is not the primary"
                    + " key or a unique key of " + target.name() + ": one inserted row could update several rows, and"
                    + " a missing row could not be created with ON CONFLICT", target.primaryKey().isEmpty()
                            ? "give " + target.name() + " a primary key (or a unique key) on these columns"
                            : "match the primary key (" + String.join(", ", target.primaryKey().stream()
                                    .map(Named::name).toList()) + ") or declare a unique key on these columns");
            return List.of();
        }

        private List<List<String>> uniqueKeys() {
            List<List<String>> keys = new ArrayList<>();
            if (!target.primaryKey().isEmpty()) {
                keys.add(target.primaryKey().stream().map(Named::name).toList());
            }
            target.fields().stream().filter(Field::unique).forEach(f -> keys.add(List.of(f.name())));
            for (TableConstraint c : target.constraints()) {
                if (c instanceof TableConstraint.Unique u && !u.notValid()) {
                    keys.add(u.columns().stream().map(Named::name).toList());
                }
            }
            return keys;
        }

        private static void flatten(Ast a, List<Ast> out) {
            if (a.bare() instanceof Ast.Bin b && b.op().equals("and")) {
                flatten(b.left(), out);
                flatten(b.right(), out);
            } else {
                out.add(a);
            }
        }

        private Optional<KeyMatch> match(Ast.Ref targetRef, Ast.Ref rowRef, SourcePos pos) {
            if (!isRow(rowRef) || !isTarget(targetRef)) {
                error(pos, "has a condition that does not compare a " + target.name() + " column with a column of the"
                        + " inserted row", "write \"<target column> = transaction.<column>\"");
                return Optional.empty();
            }
            Optional<Field> t = targetField(targetRef, pos);
            Optional<Field> s = sourceField(rowRef, pos);
            return t.isPresent() && s.isPresent() ? Optional.of(new KeyMatch(t.get(), s.get())) : Optional.empty();
        }

        private boolean isRow(Ast.Ref r) {
            return r.qualifier().map(q -> ROW_ALIASES.contains(q) || q.equals(source.table())).orElse(false);
        }

        private boolean isTarget(Ast.Ref r) {
            return r.qualifier().map(q -> q.equals(target.table())).orElse(true);
        }

        private Optional<Field> targetField(Ast.Ref r, SourcePos pos) {
            Optional<Field> f = target.field(r.name());
            if (f.isEmpty()) {
                error(pos, "names \"" + r.name() + "\", which is not a field of " + target.name()
                        + Suggest.didYouMean(r.name(), target.fields().stream().map(Field::name).toList()),
                        "name a field of the step's entity");
            }
            return f;
        }

        private Optional<Field> sourceField(Ast.Ref r, SourcePos pos) {
            Optional<Field> f = source.field(r.name());
            if (f.isEmpty()) {
                error(pos, "names \"" + r.qualifier().orElse("") + "." + r.name() + "\", which is not a field of "
                        + source.name() + Suggest.didYouMean(r.name(), source.fields().stream().map(Field::name)
                                .toList()), "the inserted row has the fields of " + source.name());
            }
            return f;
        }

        private boolean isSelf(Ast a, Field f) {
            return a.bare() instanceof Ast.Ref r && isTarget(r) && r.name().equals(f.name());
        }

        private boolean looksLikeFold(Field f, Ast a) {
            Ast b = a.bare();
            return b instanceof Ast.Bin bin && bin.op().equals("+") && (isSelf(bin.left(), f) || isSelf(bin.right(), f))
                    || b instanceof Ast.Call c && (c.function().equals("greatest") || c.function().equals("least"))
                            && c.args().size() == 2 && (isSelf(c.args().get(0), f) || isSelf(c.args().get(1), f));
        }

        /** {@code col + x}, {@code GREATEST(col, x)}, {@code LEAST(col, x)} with x a column of the row or a number. */
        private Optional<Accumulate> accumulate(Field f, Ast a, SourcePos pos) {
            if (!looksLikeFold(f, a)) {
                return Optional.empty();
            }
            Ast b = a.bare();
            Fold fold;
            Ast operand;
            if (b instanceof Ast.Bin bin) {
                fold = Fold.ADD;
                operand = isSelf(bin.left(), f) ? bin.right() : bin.left();
            } else {
                Ast.Call c = (Ast.Call) b;
                fold = c.function().equals("greatest") ? Fold.GREATEST : Fold.LEAST;
                operand = isSelf(c.args().get(0), f) ? c.args().get(1) : c.args().get(0);
            }
            Ast o = operand.bare();
            String start = fold == Fold.ADD ? "default 0 (or none)" : "no default";
            Optional<String> def = f.defaultSql().map(String::strip);
            if (def.isPresent() && !(fold == Fold.ADD && def.get().matches("0+(\\.0*)?"))) {
                diags.error(pos, Code.SG256, what + " folds inserted rows into " + f.name() + ", whose default "
                        + def.get() + " is not where a " + (fold == Fold.ADD ? "sum" : fold.name().toLowerCase(
                                java.util.Locale.ROOT)) + " starts: a row the step creates gets the aggregate of the"
                        + " inserted rows", "give " + f.name() + " " + start);
                ok = false;
                return Optional.empty();
            }
            if (o instanceof Ast.Ref r && isRow(r)) {
                return sourceField(r, pos).map(s -> new Accumulate(f, fold, Optional.of(s), ""));
            }
            if (o instanceof Ast.Num n && fold == Fold.ADD) {
                return Optional.of(new Accumulate(f, fold, Optional.empty(), n.text()));
            }
            error(pos, "cannot be compiled set-based: " + f.name() + " is folded with something that is not a column"
                    + " of the inserted row" + (fold == Fold.ADD ? " or a number" : ""),
                    "write " + (fold == Fold.ADD ? f.name() + " + transaction.<column> or " + f.name() + " + 1"
                            : fold.name() + "(" + f.name() + ", transaction.<column>)"));
            return Optional.empty();
        }

        /** A derived field: other fields' fold expressions become their new values. */
        private Optional<Term> term(Ast a, Map<Field, Ast> parsed, Map<Field, Accumulate> folds, SourcePos pos) {
            Ast stripped = strip(a);
            for (Map.Entry<Field, Accumulate> fold : folds.entrySet()) {
                if (strip(parsed.get(fold.getKey())).equals(stripped)) {
                    return Optional.of(new Term.NewValue(fold.getValue()));
                }
            }
            if (a instanceof Ast.Par p) {
                return term(p.inner(), parsed, folds, pos).map(Term.Paren::new);
            }
            if (a instanceof Ast.Num n) {
                return Optional.of(new Term.Number(n.text()));
            }
            if (a instanceof Ast.Bin b && List.of("+", "-", "*", "/").contains(b.op())) {
                // one message per expression: the right side is judged only when the left one compiles
                Optional<Term> l = term(b.left(), parsed, folds, pos);
                Optional<Term> r = l.isEmpty() ? Optional.empty() : term(b.right(), parsed, folds, pos);
                return r.map(right -> new Term.Binary(l.get(), b.op(), right));
            }
            if (a instanceof Ast.Ref r && isRow(r)) {
                error(pos, "cannot be compiled set-based: transaction." + r.name() + " is read outside a fold, so"
                        + " its value depends on which inserted row comes last", "use it only inside another field's"
                                + " fold (col + transaction." + r.name() + "), and refer to that whole expression");
                return Optional.empty();
            }
            if (a instanceof Ast.Ref r && isTarget(r)) {
                Optional<Field> f = targetField(r, pos);
                if (f.isPresent() && parsed.containsKey(f.get())) {
                    error(pos, "cannot be compiled set-based: it reads " + r.name() + ", which the step also sets:"
                            + " with many inserted rows the value before the step is not the one a row would see",
                            "write the whole fold expression of " + r.name() + " (as in its own line) to mean its new"
                                    + " value");
                    return Optional.empty();
                }
                return f.map(Term.Column::new);
            }
            error(pos, "cannot be compiled set-based: a derived field takes numbers, columns and + - * / over other"
                    + " fields' folds, not " + describe(a), "compute it in a view instead");
            return Optional.empty();
        }

        private static String describe(Ast a) {
            return a instanceof Ast.Call c ? c.function() + "(...)" : a instanceof Ast.Ref r
                    ? r.qualifier().map(q -> q + ".").orElse("") + r.name() : "this expression";
        }

        private static Ast strip(Ast a) {
            if (a instanceof Ast.Par p) {
                return strip(p.inner());
            }
            if (a instanceof Ast.Bin b) {
                return new Ast.Bin(strip(b.left()), b.op(), strip(b.right()));
            }
            if (a instanceof Ast.Call c) {
                return new Ast.Call(c.function(), c.args().stream().map(StepCompiler::strip).toList());
            }
            return a;
        }
    }
}
