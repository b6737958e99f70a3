package dev.specgen.verify;

import dev.specgen.db.CatalogObjects.ColumnInfo;
import dev.specgen.db.CatalogObjects.ConstraintInfo;
import dev.specgen.db.CatalogObjects.EnumInfo;
import dev.specgen.db.CatalogObjects.SequenceInfo;
import dev.specgen.db.CatalogObjects.TableInfo;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.db.MaintenanceLog;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.ForeignKey;
import dev.specgen.model.FieldType;
import dev.specgen.model.Param;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.MaintenancePlanner;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads back what PostgreSQL made of the script and compares it with the plan, both ways, for the objects specgen
 * owns (Atlas "synced" check): each entity's table, its columns (type, NOT NULL, default, identity), constraints
 * (primary key, unique, check, foreign key: by name and definition), indexes ({@link IndexDrift}), partitions and
 * their bounds, storage parameters, and the labels of its enum types, in order; declared types ({@link TypeDrift});
 * views ({@link ViewDrift}).
 * Something the spec asks for and the database lacks, and something the database has on those objects that the spec does not ask for (an extra
 * column, constraint, index or partition, an INVALID index), are SG404 errors at the spec position concerned.
 *
 * <p>Expressions are compared as PostgreSQL stores them, with the same server's rendering of the spec's
 * definitions ({@link ExpectedCatalog}); other schemas' and other tables' objects are not specgen's and are not
 * looked at.
 */
final class RoundTrip {
    private final CatalogSnapshot cat;
    private final boolean inPlace;
    private final MaintenanceLog maintenance;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Set<String> enumsSeen = new HashSet<>();

    private RoundTrip(CatalogSnapshot cat, boolean inPlace, MaintenanceLog maintenance) {
        this.cat = cat;
        this.inPlace = inPlace;
        this.maintenance = maintenance;
    }

    /**
     * @param inPlace the objects may have existed before the apply (--in-place), so a difference is drift in the
     *                user's database rather than a specgen bug; the hint says which
     */
    static List<Diagnostic> compare(SchemaPlan plan, CatalogSnapshot cat, ExpectedCatalog.Reader expected,
            boolean inPlace) {
        return compare(plan, cat, expected, inPlace, MaintenanceLog.NONE);
    }

    /** @param maintenance what partition maintenance made and removed: reported as SG425, not as drift */
    static List<Diagnostic> compare(SchemaPlan plan, CatalogSnapshot cat, ExpectedCatalog.Reader expected,
            boolean inPlace, MaintenanceLog maintenance) {
        RoundTrip rt = new RoundTrip(cat, inPlace, maintenance);
        for (EntityPlan ep : plan.entities()) {
            rt.entity(ep, expected);
        }
        TypeDrift types = new TypeDrift(cat, rt::drift);
        plan.types().forEach(types::check);
        ViewDrift views = new ViewDrift(cat, rt::drift);
        plan.views().forEach(views::check);
        return List.copyOf(rt.out);
    }

    private void entity(EntityPlan ep, ExpectedCatalog.Reader expected) {
        Entity e = ep.entity();
        Optional<TableInfo> table = cat.table(e.schema(), e.table());
        if (table.isEmpty()) {
            drift(e.pos(), "table " + e.schema() + "." + e.table() + " is missing from the database");
            return;
        }
        ExpectedCatalog.Expected exp = expected.of(ep);
        exp.problem().ifPresent(p -> drift(e.pos(), "the definitions of table " + e.schema() + "." + e.table()
                + " cannot be compared: PostgreSQL rejected them on a copy: " + p));
        Optional<CatalogSnapshot> copy = exp.facts();
        columns(e, copy.map(c -> c.columnsOf(exp.schema(), e.table())));
        copy.ifPresent(c -> identitySequences(e, c, exp.schema()));
        copy.ifPresent(c -> declaredSequences(e, c, exp.schema()));
        enums(e);
        partitions(ep, table.get());
        if (!e.isPartitioned()) {
            same(storagePos(e), "storage parameters of " + e.table(),
                    params(e.storage().params()), new TreeMap<>(table.get().reloptions()).toString());
        }
        copy.ifPresent(c -> constraints(ep, c.constraintsOf(exp.schema(), e.table())));
        new IndexDrift(cat, this::drift).check(ep, copy.map(c -> c.indexesOn(exp.schema(), e.table())));
        new FeatureDrift(cat, this::drift).check(e, table.get());
    }

    /** Where storage differences are reported: the spec's storage block, else the entity. */
    private static SourcePos storagePos(Entity e) {
        return e.storage().pos().isNone() ? e.pos() : e.storage().pos();
    }

    private void columns(Entity e, Optional<List<ColumnInfo>> expected) {
        List<ColumnInfo> cols = cat.columnsOf(e.schema(), e.table());
        for (Field f : e.fields()) {
            Optional<ColumnInfo> c = cols.stream().filter(x -> x.name().equals(f.name())).findFirst();
            if (c.isEmpty()) {
                drift(f.pos(), "column " + e.table() + "." + f.name() + " is missing");
                continue;
            }
            String what = e.table() + "." + f.name();
            same(f.typePos(), "type of " + what, Types.catalogSpelling(f.type()), c.get().type());
            boolean notNull = !f.nullable() || f.primaryKey()
                    || e.primaryKey().stream().anyMatch(n -> n.name().equals(f.name()));
            same(f.pos(), "NOT NULL of " + what, String.valueOf(notNull), String.valueOf(c.get().notNull()));
            Optional<ColumnInfo> x = expected.flatMap(l -> l.stream().filter(k -> k.name().equals(f.name()))
                    .findFirst());
            if (x.isPresent()) {
                same(f.defaultPos().isNone() ? f.pos() : f.defaultPos(), "default of " + what, x.get().defaultExpr().orElse("none"),
                        c.get().defaultExpr().orElse("none"));
                same(f.pos(), "identity of " + what, x.get().identity().orElse("none"),
                        c.get().identity().orElse("none"));
                same(f.generatedPos(), "generated expression of " + what, x.get().generated().orElse("none"),
                        c.get().generated().orElse("none"));
            }
        }
        for (ColumnInfo c : cols) {
            if (e.field(c.name()).isEmpty()) {
                drift(e.pos(), "column " + e.table() + "." + c.name() + " (" + c.type() + ") is in the database but "
                        + "not in the spec");
            }
        }
    }

    /**
     * The sequence of each identity column (type, start, increment, min, max, cache, cycle) against the one the same
     * server made for the copy: the spec's identity options, with PostgreSQL's defaults for the rest.
     */
    private void identitySequences(Entity e, CatalogSnapshot copy, String copySchema) {
        for (Field f : e.fields()) {
            if (f.identity() == Field.Identity.NONE) {
                continue;
            }
            Optional<String> planned = sequenceOf(copy, copySchema + "." + e.table() + "." + f.name());
            Optional<String> actual = sequenceOf(cat, e.schema() + "." + e.table() + "." + f.name());
            if (planned.isPresent()) {
                same(f.identityOptions().pos().isNone() ? f.pos() : f.identityOptions().pos(), "identity sequence of "
                        + e.table() + "." + f.name(), planned.get(), actual.orElse("none"));
            }
        }
    }

    /** Each sequence the entity declares: its options as the copy has them, and the column that owns it. */
    private void declaredSequences(Entity e, CatalogSnapshot copy, String copySchema) {
        for (dev.specgen.model.Sequence s : e.sequences()) {
            Optional<SequenceInfo> actual = cat.sequences().stream()
                    .filter(q -> q.schema().equals(e.schema()) && q.name().equals(s.name())).findFirst();
            if (actual.isEmpty()) {
                drift(s.pos(), "sequence " + e.schema() + "." + s.name() + " is missing from the database");
                continue;
            }
            copy.sequences().stream().filter(q -> q.schema().equals(copySchema) && q.name().equals(s.name()))
                    .findFirst().ifPresent(planned -> same(s.pos(), "sequence " + e.schema() + "." + s.name(),
                            options(planned), options(actual.get())));
            same(s.ownedBy().map(dev.specgen.model.Named::pos).orElse(s.pos()), "owner of sequence " + e.schema()
                    + "." + s.name(), s.ownedBy().map(o -> e.schema() + "." + e.table() + "." + o.name())
                            .orElse("none"), actual.get().ownedBy().orElse("none"));
        }
    }

    private static String options(SequenceInfo q) {
        return q.type() + " start " + q.start() + " increment " + q.increment() + " min " + q.min() + " max "
                + q.max() + " cache " + q.cache() + (q.cycle() ? " cycle" : "");
    }

    private static Optional<String> sequenceOf(CatalogSnapshot snapshot, String column) {
        return snapshot.sequences().stream().filter(q -> q.ownedBy().equals(Optional.of(column))).findFirst()
                .map(RoundTrip::options);
    }

    /** Every enum type the entity's fields use: its labels, in order (ALTER TYPE ... ADD VALUE is drift too). */
    private void enums(Entity e) {
        for (Field f : e.fields()) {
            FieldType t = f.type() instanceof FieldType.Array a ? a.element() : f.type();
            if (!(t instanceof FieldType.Enum en) || !enumsSeen.add(en.schema() + "." + en.typeName())) {
                continue;
            }
            Optional<EnumInfo> found = cat.enums().stream()
                    .filter(x -> x.schema().equals(en.schema()) && x.name().equals(en.typeName())).findFirst();
            if (found.isEmpty()) {
                drift(f.typePos(), "enum type " + en.schema() + "." + en.typeName() + " is missing");
                continue;
            }
            same(f.typePos(), "labels of enum type " + en.schema() + "." + en.typeName(), labels(en.values()),
                    labels(found.get().labels()));
        }
    }

    private static String labels(List<String> labels) {
        List<String> quoted = labels.stream().map(Sql::literal).toList();
        return "(" + String.join(", ", quoted) + ")";
    }

    private void partitions(EntityPlan ep, TableInfo table) {
        Entity e = ep.entity();
        e.partitioning().ifPresent(p -> same(p.pos(), "partition key of " + e.table(),
                p.strategy().sql() + " (" + Sql.ident(p.column().name()) + ")", table.partitionKey().orElse("")));
        Set<String> planned = new HashSet<>();
        // every partition lives in partition_schema when the spec gives one
        String ps = e.partitioning().map(x -> x.partitionSchema(e.schema())).orElse(e.schema());
        MaintenanceLog.Table made = maintenance.of(e.schema(), e.table());
        String function = e.schema() + "." + MaintenancePlanner.functionName(e.table());
        for (EntityPlan.Partition p : ep.partitions()) {
            planned.add(p.name());
            Optional<TableInfo> part = cat.table(ps, p.name());
            boolean attached = part.isPresent() && part.get().partitionBound().isPresent();
            if (made.removed().contains(p.name()) && !attached) {
                out.add(Diagnostic.warning(e.partitioning().orElseThrow().pos(), Code.SG425, "partition "
                        + ps + "." + p.name() + " was " + (part.isPresent() ? "detached" : "dropped") + " by "
                        + function + " (retention), not by the DDL"));
                continue;
            }
            if (part.isEmpty()) {
                drift(e.partitioning().orElseThrow().pos(), "partition " + ps + "." + p.name() + " is missing");
                continue;
            }
            same(e.partitioning().orElseThrow().pos(), "bound of partition " + p.name(), bound(p.bound()),
                    bound(part.get().partitionBound().orElse("")));
            if (p.leaf()) {
                same(storagePos(e), "storage parameters of " + p.name(),
                        params(e.storage().params()), new TreeMap<>(part.get().reloptions()).toString());
            }
        }
        SourcePos pos = e.partitioning().map(p -> p.pos()).orElse(e.pos());
        for (TableInfo t : IndexDrift.tree(cat, e.schema(), e.table())) {
            if (!planned.contains(t.name()) && t.schema().equals(ps) && made.created().contains(t.name())) {
                out.add(Diagnostic.warning(pos, Code.SG425, "partition " + t.qualifiedName() + " was created by "
                        + function + " (not by the DDL)"));
            } else if (!planned.contains(t.name()) || !t.schema().equals(ps)) {
                drift(pos, "partition " + t.qualifiedName() + " " + t.partitionBound().orElse("") + " of "
                        + e.table() + " is in the database but not in the spec");
            }
        }
    }

    /** Constraints by name, both ways; definitions as PostgreSQL prints them, against the copy's. */
    private void constraints(EntityPlan ep, List<ConstraintInfo> expected) {
        Entity e = ep.entity();
        List<ConstraintInfo> real = cat.constraintsOf(e.schema(), e.table());
        for (ConstraintInfo x : expected) {
            SourcePos pos = constraintPos(ep, x);
            Optional<ConstraintInfo> r = real.stream().filter(k -> k.name().equals(x.name())).findFirst();
            if (r.isEmpty()) {
                drift(pos, "constraint " + x.name() + " on " + e.table() + " is missing: " + x.definition());
            } else {
                same(pos, "constraint " + x.name() + " on " + e.table(), x.definition(), r.get().definition());
            }
        }
        for (ConstraintInfo r : real) {
            if (expected.stream().noneMatch(k -> k.name().equals(r.name()))) {
                drift(e.pos(), "constraint " + r.name() + " on " + e.table() + " is in the database but not in the "
                        + "spec: " + r.definition());
            }
        }
    }

    /**
     * The spec position of a constraint: the {@code constraints:} item of its name, a named primary key's name, its
     * field (check, unique, reference), its table-level foreign key, else the primary key or entity.
     */
    private static SourcePos constraintPos(EntityPlan ep, ConstraintInfo k) {
        Entity e = ep.entity();
        Optional<SourcePos> listed = ep.constraintPos(k.name());
        if (listed.isPresent()) {
            return listed.get();
        }
        for (Field f : e.fields()) {
            if (k.type().equals("c") && k.definition().contains(f.name()) && f.check().isPresent()) {
                return f.checkPos();
            }
            if (k.type().equals("f") && f.references().isPresent() && k.definition().startsWith("FOREIGN KEY ("
                    + Sql.ident(f.name()) + ")")) {
                return f.references().get().pos();
            }
            if (k.type().equals("u") && f.unique() && k.definition().equals("UNIQUE (" + Sql.ident(f.name()) + ")")) {
                return f.pos();
            }
        }
        for (ForeignKey fk : e.foreignKeys()) {
            if (k.type().equals("f") && k.definition().startsWith("FOREIGN KEY (" + String.join(", ",
                    fk.columnNames().stream().map(Sql::ident).toList()) + ")")) {
                return fk.pos();
            }
        }
        if (k.type().equals("p") && !e.primaryKey().isEmpty()) {
            return e.primaryKey().get(0).pos();
        }
        return e.pos();
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
            drift(pos, what + " differs: the spec makes \"" + planned + "\", the database has \"" + actual + "\"");
        }
    }

    private void drift(SourcePos pos, String message) {
        out.add(Diagnostic.error(pos, Code.SG404, message).withHint(inPlace
                ? "the database had this before the apply, and CREATE ... IF NOT EXISTS leaves existing objects as "
                        + "they are: change it to match the spec (or drop it and apply again)"
                : "the generated SQL did not produce what the spec asks for; this is a specgen bug"));
    }
}
