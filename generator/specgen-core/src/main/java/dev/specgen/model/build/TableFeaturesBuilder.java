package dev.specgen.model.build;

import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.Named;
import dev.specgen.model.TableFeatures;
import dev.specgen.model.TableFeatures.Policy;
import dev.specgen.model.TableFeatures.ReplicaIdentity;
import dev.specgen.model.TableFeatures.RowSecurity;
import dev.specgen.model.TableFeatures.Trigger;
import dev.specgen.validate.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code replica_identity}, {@code row_level_security} and {@code triggers} of an entity document to
 * {@link TableFeatures}: shapes, words and names are checked here (SG106-SG109, SG212); what they refer to
 * (fields, indexes) and how they combine is the validator's (SG290-SG292).
 */
final class TableFeaturesBuilder {
    static final List<String> ROW_SECURITY_KEYS = List.of("force", "policies");
    static final List<String> POLICY_KEYS = List.of("name", "command", "as", "roles", "using", "with_check");
    static final List<String> TRIGGER_KEYS = List.of("name", "timing", "events", "columns", "for_each", "function",
            "arguments", "when");

    private final Shape shape;
    private final String schema;

    TableFeaturesBuilder(Shape shape, String schema) {
        this.shape = shape;
        this.schema = schema;
    }

    TableFeatures build(YMap m) {
        Optional<ReplicaIdentity> replica = m.get("replica_identity").flatMap(this::replicaIdentity);
        Optional<RowSecurity> rls = m.get("row_level_security").flatMap(this::rowSecurity);
        List<Trigger> triggers = new ArrayList<>();
        m.get("triggers").flatMap(t -> shape.seq(t, "\"triggers\"")).ifPresent(s -> s.items()
                .forEach(i -> shape.map(i, "each trigger").flatMap(this::trigger).ifPresent(triggers::add)));
        return new TableFeatures(replica, rls, triggers);
    }

    /** {@code default}, {@code full}, {@code nothing}, or {@code {index: name}}. */
    private Optional<ReplicaIdentity> replicaIdentity(YNode n) {
        if (n instanceof YMap m) {
            shape.keys(m, List.of("index"), "replica_identity");
            return shape.required(m, "index", "replica_identity").flatMap(i -> shape.named(i, "\"index\""))
                    .map(i -> new ReplicaIdentity(ReplicaIdentity.Kind.INDEX, Optional.of(i), n.pos()));
        }
        Map<String, ReplicaIdentity.Kind> kinds = Shape.words(ReplicaIdentity.Kind.values());
        kinds.remove("index");
        return shape.word(n, "replica_identity", kinds).map(k -> new ReplicaIdentity(k, Optional.empty(), n.pos()));
    }

    /** {@code true} (enabled, no policies: nobody but the owner sees a row), or a mapping. */
    private Optional<RowSecurity> rowSecurity(YNode n) {
        if (n instanceof YScalar s && s.asBoolean().isPresent()) {
            return s.asBoolean().get() ? Optional.of(new RowSecurity(false, List.of(), n.pos())) : Optional.empty();
        }
        return shape.map(n, "\"row_level_security\"").map(m -> {
            shape.keys(m, ROW_SECURITY_KEYS, "row_level_security");
            boolean force = m.get("force").flatMap(f -> shape.bool(f, "\"force\"")).orElse(false);
            List<Policy> policies = new ArrayList<>();
            m.get("policies").flatMap(p -> shape.seq(p, "\"policies\"")).ifPresent(s -> s.items()
                    .forEach(i -> shape.map(i, "each policy").flatMap(this::policy).ifPresent(policies::add)));
            return new RowSecurity(force, policies, n.pos());
        });
    }

    private Optional<Policy> policy(YMap m) {
        shape.keys(m, POLICY_KEYS, "policy");
        Optional<Named> name = shape.required(m, "name", "policy").flatMap(x -> shape.named(x, "\"name\""));
        name.ifPresent(x -> shape.ident("policy", x.name(), x.pos()));
        Policy.Command command = m.get("command").flatMap(c -> shape.word(c, "command",
                Shape.words(Policy.Command.values()))).orElse(Policy.Command.ALL);
        boolean permissive = m.get("as").flatMap(a -> shape.word(a, "as", Map.of("permissive", true,
                "restrictive", false))).orElse(true);
        List<Named> roles = m.get("roles").map(r -> shape.names(r, "\"roles\"")).orElse(List.of());
        Optional<YNode> using = m.get("using");
        Optional<YNode> check = m.get("with_check");
        return name.map(x -> new Policy(x.name(), command, permissive, roles,
                using.flatMap(u -> shape.text(u, "\"using\"")), using.map(YNode::pos).orElse(x.pos()),
                check.flatMap(c -> shape.text(c, "\"with_check\"")), check.map(YNode::pos).orElse(x.pos()),
                x.pos()));
    }

    private Optional<Trigger> trigger(YMap m) {
        shape.keys(m, TRIGGER_KEYS, "trigger");
        Optional<Named> name = shape.required(m, "name", "trigger").flatMap(x -> shape.named(x, "\"name\""));
        name.ifPresent(x -> shape.ident("trigger", x.name(), x.pos()));
        Optional<Trigger.Timing> timing = shape.required(m, "timing", "trigger")
                .flatMap(t -> shape.word(t, "timing", Shape.words(Trigger.Timing.values())));
        List<Trigger.Event> events = new ArrayList<>();
        shape.required(m, "events", "trigger").flatMap(e -> shape.seq(e, "\"events\"")).ifPresent(s -> s.items()
                .forEach(i -> shape.word(i, "each event", Shape.words(Trigger.Event.values())).ifPresent(events::add)));
        List<Named> columns = m.get("columns").map(c -> shape.names(c, "\"columns\"")).orElse(List.of());
        boolean row = m.get("for_each").flatMap(f -> shape.word(f, "for_each", Map.of("row", true, "statement",
                false))).orElse(true);
        Optional<Named> function = shape.required(m, "function", "trigger")
                .flatMap(f -> shape.named(f, "\"function\""));
        String fnSchema = schema;
        String fnName = "?";
        if (function.isPresent()) {
            String f = function.get().name().trim();
            int dot = f.indexOf('.');
            fnSchema = dot < 0 ? schema : f.substring(0, dot);
            fnName = dot < 0 ? f : f.substring(dot + 1);
            if (dot >= 0) {
                Identifiers.check("schema", fnSchema, function.get().pos(), shape.diags);
            }
            Identifiers.check("function", fnName, function.get().pos(), shape.diags);
        }
        List<String> arguments = new ArrayList<>();
        m.get("arguments").flatMap(a -> shape.seq(a, "\"arguments\"")).ifPresent(s -> s.items()
                .forEach(i -> shape.scalar(i, "each argument").map(Shape::valueText).ifPresent(arguments::add)));
        Optional<YNode> when = m.get("when");
        if (name.isEmpty() || timing.isEmpty() || function.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Trigger(name.get().name(), timing.get(), events, columns, row, fnSchema, fnName,
                arguments, when.flatMap(w -> shape.text(w, "\"when\"")), when.map(YNode::pos)
                        .orElse(name.get().pos()), name.get().pos()));
    }
}
