package dev.specgen.render;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.ForeignKey;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.Partitioning;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.ViewPlan;
import dev.specgen.view.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds the {@link OverviewModel} of a plan: the picture a reviewer sees first ({@code generated/README.md}).
 * Facts come from the plan (names as allocated, entity order as installed); spelling for Mermaid and Markdown is
 * done here, so {@code overview.ftl} stays logic-free and can be overridden like every other template.
 */
public final class Overview {
    /** The overview's path in the output folder. */
    public static final String FILE = "README.md";

    private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_]");

    private Overview() {
    }

    public static OverviewModel model(SchemaPlan plan, String installFile) {
        List<OverviewModel.Node> nodes = new ArrayList<>();
        List<OverviewModel.Link> links = new ArrayList<>();
        TreeSet<String> sources = new TreeSet<>();
        Map<String, EntityPlan> byName = new HashMap<>();
        plan.entities().forEach(ep -> byName.putIfAbsent(ep.entity().name(), ep));
        Function<String, Optional<EntityPlan>> entity = name -> Optional.ofNullable(byName.get(name));
        for (EntityPlan ep : plan.entities()) {
            Entity e = ep.entity();
            sources.add(ep.specFile());
            List<String> members = new ArrayList<>();
            for (Field f : e.fields()) {
                boolean pk = e.primaryKey().stream().anyMatch(k -> k.name().equals(f.name()));
                members.add(mermaid(typeName(f)) + " " + mermaid(f.name()) + (pk ? " PK" : "")
                        + (e.referencing(f) ? " FK" : ""));
                f.references().flatMap(r -> entity.apply(r.entity())).ifPresent(target -> links.add(
                        new OverviewModel.Link(id(e), "*", id(target.entity()), "1", mermaid(f.name()), false)));
            }
            for (ForeignKey fk : e.foreignKeys()) {
                entity.apply(fk.entity().name()).ifPresent(target -> links.add(new OverviewModel.Link(id(e), "*",
                        id(target.entity()), "1", mermaid(String.join(", ", fk.columnNames())), false)));
            }
            List<String> methods = methods(ep.indexes());
            String partitions = e.partitioning().map(Overview::partitions).orElse("");
            List<String> refs = new ArrayList<>(e.fields().stream().filter(f -> f.references().isPresent())
                    .map(f -> f.name() + " -> " + entity.apply(f.references().get().entity())
                            .map(t -> t.entity().schema() + "." + t.entity().table()).orElse("?"))
                    .toList());
            e.foreignKeys().forEach(fk -> refs.add("(" + String.join(", ", fk.columnNames()) + ") -> "
                    + entity.apply(fk.entity().name()).map(t -> t.entity().schema() + "." + t.entity().table())
                            .orElse("?")));
            nodes.add(new OverviewModel.Node("table", id(e), mermaid(e.schema() + "." + e.table()),
                    mermaid(partitions), members, methods, cell(ep.specFile()), cell(partitions.isEmpty() ? "-"
                    : partitions), indexCell(ep.indexes()),
                    cell(refs.isEmpty() ? "-" : String.join(", ", refs))));
        }
        int tables = nodes.size();
        int foreignKeys = links.size();
        for (ViewPlan vp : plan.views()) {
            sources.add(vp.specFile());
            String id = id(vp.schema(), vp.relation());
            String how = "materialized view, refresh " + vp.view().strategy().word();
            List<String> members = vp.view().columns().stream().map(Overview::mermaid).toList();
            List<String> methods = methods(vp.indexes());
            List<String> read = new ArrayList<>();
            for (Relation r : vp.view().sources()) {
                links.add(new OverviewModel.Link(id, "", id(r.schema(), r.name()), "", "reads", true));
                read.add(r.schema() + "." + r.name());
            }
            nodes.add(new OverviewModel.Node("view", id, mermaid(vp.schema() + "." + vp.relation()), mermaid(how),
                    members, methods, cell(vp.specFile()), cell(how + " (" + vp.schema() + "." + vp.refresh() + "())"),
                    indexCell(vp.indexes()), cell(read.isEmpty() ? "-" : "reads " + String.join(", ", read))));
        }
        int partitionCount = plan.entities().stream().mapToInt(ep -> ep.leaves().size()).sum();
        int indexCount = plan.entities().stream().mapToInt(ep -> ep.indexes().size()).sum()
                + plan.views().stream().mapToInt(vp -> vp.indexes().size()).sum();
        String summary = count(tables, "table") + ", " + count(partitionCount, "partition") + ", "
                + count(indexCount, "index", "indexes") + ", " + count(foreignKeys, "foreign key")
                + (plan.views().isEmpty() ? "" : ", " + count(plan.views().size(), "materialized view"));
        return new OverviewModel(String.join(", ", sources), installFile, summary, nodes, links);
    }

    /**
     * {@code RANGE (ordered_at): 3 partitions, 2025-01-01 to 2025-04-01, + default, each HASH (id): 4 partitions}, with
     * {@code , in schema <partition_schema>} when the partitions live elsewhere.
     */
    static String partitions(Partitioning p) {
        StringBuilder sb = new StringBuilder(p.strategy().sql()).append(" (").append(p.column().name()).append("): ");
        List<PartitionSpec> parts = p.partitions();
        sb.append(count(parts.size(), "partition"));
        if (!parts.isEmpty() && parts.get(0).bound() instanceof PartitionSpec.Bound.Range first
                && parts.get(parts.size() - 1).bound() instanceof PartitionSpec.Bound.Range last) {
            sb.append(", ").append(unquote(first.from())).append(" to ").append(unquote(last.to()));
        } else if (!parts.isEmpty() && parts.get(0).bound() instanceof PartitionSpec.Bound.Hash h) {
            sb.append(", modulus ").append(h.modulus());
        }
        if (p.defaultPartition()) {
            sb.append(", + default");
        }
        p.schema().ifPresent(ps -> sb.append(", in schema ").append(ps));
        p.subpartitioning().ifPresent(sub -> sb.append(", each ").append(partitions(sub)));
        return sb.toString();
    }

    private static String keys(Index i) {
        List<String> keys = new ArrayList<>();
        for (IndexColumn c : i.columns()) {
            keys.add(mermaid(c.column().orElseGet(() -> c.expression().orElse("?")))
                    + c.order().map(o -> " " + o.name()).orElse(""));
        }
        return String.join(", ", keys);
    }

    /** The indexes of a table or view as Mermaid methods: {@code name(keys) kind}. */
    private static List<String> methods(List<EntityPlan.NamedIndex> indexes) {
        return indexes.stream().map(ni -> mermaid(ni.name()) + "(" + keys(ni.index()) + ") " + indexKind(ni.index()))
                .toList();
    }

    /** The indexes of a table or view as a Markdown cell: {@code name (method), ...}, or {@code -}. */
    private static String indexCell(List<EntityPlan.NamedIndex> indexes) {
        return cell(indexes.isEmpty() ? "-" : String.join(", ", indexes.stream()
                .map(ni -> ni.name() + " (" + ni.index().method().sql() + ")").toList()));
    }

    private static String indexKind(Index i) {
        return (i.unique() ? "unique " : "") + i.method().sql() + (i.where().isPresent() ? " partial" : "")
                + (i.include().isEmpty() ? "" : " covering");
    }

    /** The type without its parameters: Mermaid reads parentheses as a method. */
    private static String typeName(Field f) {
        String t = f.type().sql();
        int paren = t.indexOf('(');
        return paren < 0 ? t : t.substring(0, paren) + t.substring(t.indexOf(')') + 1);
    }

    private static String id(Entity e) {
        return id(e.schema(), e.table());
    }

    private static String id(String schema, String name) {
        String id = schema + "_" + name;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return NOT_ID.matcher(id).replaceAll("_");
            }
        }
        return id; // the usual case: nothing to replace, no matcher (issue 12)
    }

    private static String unquote(String literal) {
        return literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")
                ? literal.substring(1, literal.length() - 1) : literal;
    }

    /**
     * Text inside the Mermaid block: names and expressions come from specs, so anything that could end a member,
     * a label or the block (quotes, braces, angle brackets, parentheses, backticks, newlines) is replaced.
     */
    static String mermaid(String s) {
        int i = 0;
        while (i < s.length() && mermaid(s.charAt(i)) == s.charAt(i)) {
            i++;
        }
        if (i == s.length()) {
            return s; // the usual case: nothing to replace, no copy (issue 12)
        }
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            sb.append(mermaid(s.charAt(i)));
        }
        return sb.toString();
    }

    /** One character of {@link #mermaid(String)}. */
    private static char mermaid(char c) {
        return switch (c) {
            case '(', '{', '<' -> '[';
            case ')', '}', '>' -> ']';
            case '"', '`', '#', ';', '|', '~' -> '\'';
            default -> Character.isISOControl(c) ? ' ' : c;
        };
    }

    /** A Markdown table cell: pipes escaped, no line breaks, no HTML. */
    static String cell(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '|' || c == '<' || c == '\r' || c == '\n') {
                return cellEscaped(s);
            }
        }
        return s; // the usual case: nothing to escape, no regular expression (issue 12)
    }

    private static String cellEscaped(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
                .replaceAll("[\\r\\n]+", " ");
    }

    private static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    private static String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? singular : plural);
    }
}
