package dev.specgen.plan;

import dev.specgen.Limits;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.Param;
import dev.specgen.model.PartitionSpec;
import dev.specgen.model.Partitioning;
import dev.specgen.model.SpecModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What planning a model would make, counted from the model without making it (issue 12, bounded work), so a spec
 * that multiplies into millions of objects is refused before any of them exists: tables and partitions (one level
 * times the next: 1,000 daily partitions each hashed 1,024 ways are 1,025,001 tables), DDL statements (partitions,
 * indexes and, for the rollout form, an index and an attachment per partition), and a lower bound of the bytes of
 * DDL (each statement's own names and the spec text it carries: comments, expressions; twice, since the install
 * script repeats every file). Counts are exact; the bytes never exceed what rendering writes, so a run within the
 * limits is never refused by the estimate (rendering counts the bytes again, exactly: {@code render.OutputBudget}).
 */
public final class Workload {
    /** The smallest text of any statement: {@code CREATE TABLE IF NOT EXISTS}, {@code COMMENT ON ... IS}. */
    private static final long STATEMENT_BYTES = 20;

    /** What one entity (or a run) adds up to. */
    public record Count(long relations, long statements, long bytes) {
        Count plus(Count o) {
            return new Count(sat(relations + o.relations), sat(statements + o.statements), sat(bytes + o.bytes));
        }
    }

    private Workload() {
    }

    /** One error per limit the model goes past, at the entity where the running total crosses it. */
    public static List<Diagnostic> check(SpecModel model, Limits limits) {
        List<Diagnostic> out = new ArrayList<>();
        Set<String> schemas = new HashSet<>();
        Set<String> enums = new HashSet<>();
        Count total = new Count(0, 0, 0);
        boolean relations = false;
        boolean statements = false;
        boolean bytes = false;
        for (Entity e : model.entities()) {
            Count c = of(e, enums);
            if (schemas.add(e.schema())) {
                c = c.plus(new Count(0, 1, STATEMENT_BYTES));
            }
            total = total.plus(c);
            if (!relations && total.relations() > limits.relations()) {
                relations = true;
                out.add(limit(e, Code.SG310, "tables and partitions", total.relations(), c.relations(),
                        limits.relations(), Limits.RELATIONS_OPTION));
            }
            if (!statements && total.statements() > limits.statements()) {
                statements = true;
                out.add(limit(e, Code.SG311, "DDL statements", total.statements(), c.statements(),
                        limits.statements(), Limits.STATEMENTS_OPTION));
            }
            if (!bytes && total.bytes() > limits.outputBytes()) {
                bytes = true;
                out.add(limit(e, Code.SG312, "bytes of SQL (at least)", total.bytes(), c.bytes(),
                        limits.outputBytes(), Limits.OUTPUT_BYTES_OPTION));
            }
        }
        return out;
    }

    private static Diagnostic limit(Entity e, Code code, String what, long total, long own, long limit,
            String option) {
        SourcePos pos = e.partitioning().map(Partitioning::pos).orElse(e.pos());
        String shape = e.partitioning().map(p -> " (" + levels(p) + ")").orElse("");
        return Diagnostic.error(pos, code, "the specs would generate " + Limits.count(total) + " " + what
                + ", past the limit of " + Limits.count(limit) + "; " + e.name() + " alone: " + Limits.count(own)
                + shape).withHint("raise the limit with " + option + ", or generate less: fewer or coarser "
                + "partitions, fewer entities per run");
    }

    /** {@code 1,000 range partitions, each with 1,024 hash partitions}. */
    private static String levels(Partitioning p) {
        String s = Limits.count(p.partitions().size()) + " " + p.strategy().word() + " partitions";
        if (p.subpartitioning().isPresent()) {
            Partitioning sub = p.subpartitioning().get();
            s += ", each with " + Limits.count(sub.partitions().size() + (sub.defaultPartition() ? 1 : 0)) + " "
                    + sub.strategy().word() + " partitions";
        }
        return s + (p.defaultPartition() ? " and a DEFAULT partition" : "");
    }

    /** What planning {@code e} makes; {@code enums} holds the enum types earlier entities create. */
    public static Count of(Entity e, Set<String> enums) {
        String table = e.schema() + "." + e.table();
        long statements = 1;
        long bytes = STATEMENT_BYTES + utf8(table);
        for (Field f : e.fields()) {
            FieldType t = f.type() instanceof FieldType.Array a ? a.element() : f.type();
            if (t instanceof FieldType.Enum en && enums.add(en.sql())) {
                statements++;
                bytes += STATEMENT_BYTES + utf8(en.sql());
                for (String v : en.values()) {
                    bytes += utf8(v);
                }
            }
            bytes += utf8(f.name()) + utf8(f.type().sql()) + f.defaultSql().map(Workload::utf8).orElse(0L)
                    + f.check().map(Workload::utf8).orElse(0L);
            if (f.comment().isPresent()) {
                statements++;
                bytes += STATEMENT_BYTES + utf8(f.comment().get());
            }
        }
        if (e.description().isPresent()) {
            statements++;
            bytes += STATEMENT_BYTES + utf8(e.description().get());
        }
        Tree parts = e.partitioning().map(p -> tree(p, utf8(e.table()), params(e))).orElse(Tree.NONE);
        long relations = sat(1 + parts.nodes());
        statements = sat(statements + parts.nodes());
        bytes = sat(bytes + parts.bytes());
        for (Index i : e.indexes()) {
            long one = STATEMENT_BYTES + i.name().map(Workload::utf8).orElse(0L) + utf8(table)
                    + i.where().map(Workload::utf8).orElse(0L);
            for (IndexColumn c : i.columns()) {
                one += c.column().map(Workload::utf8).orElse(0L) + c.expression().map(Workload::utf8).orElse(0L);
            }
            // the rollout form: an index on every partition and an attachment of each
            long copies = e.isPartitioned() && i.concurrently() ? sat(1 + 2 * parts.nodes()) : 1;
            statements = sat(statements + copies);
            bytes = sat(bytes + sat(one * copies));
            if (i.comment().isPresent()) {
                statements++;
                bytes += STATEMENT_BYTES + utf8(i.comment().get());
            }
        }
        // every DDL file is repeated in the install script
        return new Count(relations, statements, sat(2 * bytes));
    }

    /** Partitions below a level (every level's DEFAULT included), and a lower bound of their statements' bytes. */
    private record Tree(long nodes, long bytes) {
        static final Tree NONE = new Tree(0, 0);
    }

    /**
     * {@code parentName}: bytes of the parent table's name, which every partition name below starts with;
     * {@code leafParams}: bytes of the storage parameters every leaf repeats.
     */
    private static Tree tree(Partitioning p, long parentName, long leafParams) {
        long nodes = 0;
        long bytes = 0;
        Optional<Partitioning> sub = p.subpartitioning();
        // the level below, as if under a parent with an empty name: below a partition named n, every one of its
        // statements is longer by n (its name starts with the parent's), so the product is never walked
        Tree below = sub.map(s -> tree(s, 0, leafParams)).orElse(Tree.NONE);
        for (PartitionSpec s : p.partitions()) {
            // a name is about its parent's and its own part (as "_<suffix>" by default)
            long name = parentName + utf8(s.name().resolve("", ""));
            long own = STATEMENT_BYTES + name + utf8(s.bound().sql()) + (sub.isEmpty() ? leafParams : 0);
            nodes = sat(nodes + 1 + below.nodes());
            bytes = sat(bytes + own + below.bytes() + sat(below.nodes() * name));
        }
        if (p.defaultPartition()) {
            nodes = sat(nodes + 1);
            bytes = sat(bytes + STATEMENT_BYTES + parentName + "_default".length() + leafParams);
        }
        return new Tree(nodes, bytes);
    }

    private static long params(Entity e) {
        long b = 0;
        for (Param p : e.storage().params()) {
            b += utf8(p.name()) + utf8(p.value());
        }
        return b;
    }

    /** {@code s.getBytes(UTF_8).length}, counted without encoding (every spec string passes here). */
    static long utf8(String s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                // a lone surrogate is encoded as '?'
                n += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return n;
    }

    /** Addition that stops at {@code Long.MAX_VALUE} instead of wrapping. */
    private static long sat(long v) {
        return v < 0 ? Long.MAX_VALUE : v;
    }
}
