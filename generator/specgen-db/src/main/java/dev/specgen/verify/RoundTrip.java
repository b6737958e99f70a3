package dev.specgen.verify;

import dev.specgen.db.CatalogObjects.ColumnInfo;
import dev.specgen.db.CatalogObjects.IndexInfo;
import dev.specgen.db.CatalogObjects.TableInfo;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads back what PostgreSQL made of the script and compares it with the plan (Atlas "synced" check): tables,
 * column types and NOT NULL, partitioning strategy and key, every partition and its bound, indexes with method,
 * uniqueness, INCLUDE, predicate and storage parameters, and table storage parameters per leaf partition. Any
 * difference is an SG404 error at the spec position of the thing that differs.
 */
final class RoundTrip {
    private final CatalogSnapshot cat;
    private final List<Diagnostic> out = new ArrayList<>();

    private RoundTrip(CatalogSnapshot cat) {
        this.cat = cat;
    }

    static List<Diagnostic> compare(SchemaPlan plan, CatalogSnapshot cat) {
        RoundTrip rt = new RoundTrip(cat);
        for (EntityPlan ep : plan.entities()) {
            rt.entity(ep);
        }
        return List.copyOf(rt.out);
    }

    private void entity(EntityPlan ep) {
        Entity e = ep.entity();
        Optional<TableInfo> table = cat.table(e.schema(), e.table());
        if (table.isEmpty()) {
            drift(e.pos(), "table " + e.schema() + "." + e.table() + " is missing from the database");
            return;
        }
        columns(e);
        e.partitioning().ifPresent(p -> same(p.pos(), "partition key of " + e.table(),
                p.strategy().sql() + " (" + p.column().name() + ")", table.get().partitionKey().orElse("")));
        for (EntityPlan.Partition p : ep.partitions()) {
            Optional<TableInfo> part = cat.table(e.schema(), p.name());
            if (part.isEmpty()) {
                drift(e.partitioning().orElseThrow().pos(), "partition " + e.schema() + "." + p.name() + " is missing");
                continue;
            }
            same(e.partitioning().orElseThrow().pos(), "bound of partition " + p.name(), bound(p.bound()),
                    bound(part.get().partitionBound().orElse("")));
            if (p.leaf()) {
                same(storagePos(e), "storage parameters of " + p.name(),
                        params(e.storage().params()), new TreeMap<>(part.get().reloptions()).toString());
            }
        }
        if (!e.isPartitioned()) {
            same(storagePos(e), "storage parameters of " + e.table(),
                    params(e.storage().params()), new TreeMap<>(table.get().reloptions()).toString());
        }
        for (EntityPlan.NamedIndex ni : ep.indexes()) {
            index(e, ni);
        }
    }

    /** Where storage differences are reported: the spec's storage block, else the entity. */
    private static SourcePos storagePos(Entity e) {
        return e.storage().pos().isNone() ? e.pos() : e.storage().pos();
    }

    private void columns(Entity e) {
        List<ColumnInfo> cols = cat.columnsOf(e.schema(), e.table());
        for (Field f : e.fields()) {
            Optional<ColumnInfo> c = cols.stream().filter(x -> x.name().equals(f.name())).findFirst();
            if (c.isEmpty()) {
                drift(f.pos(), "column " + e.table() + "." + f.name() + " is missing");
                continue;
            }
            same(f.typePos(), "type of " + e.table() + "." + f.name(), Types.catalogSpelling(f.type()), c.get().type());
            boolean notNull = !f.nullable() || f.primaryKey()
                    || e.primaryKey().stream().anyMatch(n -> n.name().equals(f.name()));
            same(f.pos(), "NOT NULL of " + e.table() + "." + f.name(), String.valueOf(notNull),
                    String.valueOf(c.get().notNull()));
        }
    }

    private void index(Entity e, EntityPlan.NamedIndex ni) {
        Optional<IndexInfo> found = cat.index(e.schema(), ni.name());
        if (found.isEmpty()) {
            drift(ni.index().pos(), "index " + e.schema() + "." + ni.name() + " is missing");
            return;
        }
        IndexInfo ix = found.get();
        String what = "index " + ni.name();
        same(ni.index().methodPos(), "access method of " + what, ni.index().method().sql(), ix.method());
        same(ni.index().pos(), "uniqueness of " + what, String.valueOf(ni.index().unique()), String.valueOf(ix.unique()));
        same(ni.index().pos(), "INCLUDE columns of " + what,
                String.join(", ", ni.index().include().stream().map(Named::name).toList()),
                String.join(", ", ix.include()));
        // PostgreSQL stores predicates rewritten (casts added, IN as = ANY (ARRAY[...])): compare presence, and
        // leave their meaning to the generated tests, which query through the partial index
        same(ni.index().wherePos(), "WHERE predicate of " + what,
                ni.index().where().isPresent() ? "a predicate" : "no predicate",
                ix.predicate().isPresent() ? "a predicate" : "no predicate");
        same(ni.index().pos(), "storage parameters of " + what, params(ni.index().with()),
                new TreeMap<>(ix.reloptions()).toString());
        if (ni.index().columns().size() != ix.keys().size()) {
            drift(ni.index().pos(), what + " has " + ix.keys().size() + " key columns in the database, the spec "
                    + ni.index().columns().size());
        }
    }

    private static String params(List<Param> params) {
        Map<String, String> m = new TreeMap<>();
        params.forEach(p -> m.put(p.name(), p.value()));
        return m.toString();
    }

    /**
     * Bounds as PostgreSQL prints them carry {@code 00:00:00} times the spec leaves out, and quote negative
     * numbers ({@code FROM ('-20000')}); string literals are compared by value ({@code E'C:\\\\x'} as specgen
     * writes it is PostgreSQL's {@code 'C:\\x'}).
     */
    static String bound(String b) {
        StringBuilder plain = new StringBuilder(b.length());
        for (Token t : SqlLexer.tokens(b)) {
            String text = t.text(b);
            boolean literal = t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.ESCAPE_STRING;
            plain.append(literal ? "'" + Sql.unliteral(text).replace("'", "''") + "'" : text);
        }
        return plain.toString().replace(" 00:00:00", "").replaceAll("'(-?[0-9]+(?:\\.[0-9]+)?)'", "$1");
    }

    private void same(SourcePos pos, String what, String planned, String actual) {
        if (!planned.equals(actual)) {
            drift(pos, what + " differs: the plan has \"" + planned + "\", the database \"" + actual + "\"");
        }
    }

    private void drift(SourcePos pos, String message) {
        out.add(Diagnostic.error(pos, Code.SG404, message)
                .withHint("the generated SQL did not produce what the spec asks for; this is a specgen bug"));
    }
}
