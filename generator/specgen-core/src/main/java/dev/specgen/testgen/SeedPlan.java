package dev.specgen.testgen;

import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Kind;
import dev.specgen.model.ForeignKey;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.PartitionSpec.Bound;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Reference;
import dev.specgen.model.Sql;
import dev.specgen.model.TableConstraint;
import dev.specgen.plan.EntityPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the seed functions of one test file insert: for the entity and, first, every table it references (directly
 * or not), one {@link Gen} per column. Ordinary numbers cycle through 1..15, key columns (primary key, unique,
 * identity) count rows, partition keys cover every declared partition, and a foreign key takes the referenced
 * column's value of a row that exists (referenced tables are seeded with {@code referencedRows} rows first).
 *
 * <p>A test file seeds at most {@value #MAX_TABLES} tables, the entity included (issue 12): the seed functions of
 * every table it references, directly or not, are written into its own file, so along a chain of references
 * each file would repeat the one before it and the test files of a chain of 2,000 foreign keys would grow with the
 * square of its length (263 s, 6.5 GB). An entity that needs more tables than that has its structure tests and,
 * instead of the performance tests, a note that says why; output stays linear in the number of entities.
 */
final class SeedPlan {
    /** Tables one test file may seed: far more than a real table references, directly or not. */
    static final int MAX_TABLES = 32;

    /** One table to seed, with {@code rows} rows; {@code gens} follow {@code entity().fields()}. */
    record Table(EntityPlan plan, List<Gen> gens, boolean overriding, long rows) {

        /** The columns an INSERT writes, quoted: every field but stored generated columns (none may be written). */
        List<String> columns() {
            return plan.entity().fields().stream().filter(f -> !f.isGenerated()).map(f -> Sql.ident(f.name()))
                    .toList();
        }

        /** The values of {@link #columns()} for row number {@code i}. */
        List<String> values(String i) {
            List<String> out = new ArrayList<>();
            for (int k = 0; k < gens.size(); k++) {
                if (!plan.entity().fields().get(k).isGenerated()) {
                    out.add(gens.get(k).sql(i));
                }
            }
            return out;
        }
    }

    /** Tables in seeding order (referenced tables first, the entity last) and what could not be generated. */
    record Result(List<Table> tables, List<String> problems) {
        Table main() {
            return tables.get(tables.size() - 1);
        }
    }

    private final Function<String, Optional<EntityPlan>> entities;
    private final long referencedRows;
    private final List<Table> order = new ArrayList<>();
    private final Set<String> seeded = new HashSet<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final Map<String, TableChecks> tableChecks = new HashMap<>();

    private SeedPlan(Function<String, Optional<EntityPlan>> entities, long referencedRows) {
        this.entities = entities;
        this.referencedRows = referencedRows;
    }

    static Result of(EntityPlan main, long rows, long referencedRows, Function<String, Optional<EntityPlan>> entities) {
        return of(main, rows, referencedRows, entities, "n");
    }

    /**
     * @param rowsSql how the main table's values name its row count: {@code n} (the seed function's parameter), or
     *                a number when values are written out as literals
     */
    static Result of(EntityPlan main, long rows, long referencedRows, Function<String, Optional<EntityPlan>> entities,
            String rowsSql) {
        int needed = tablesNeeded(main, entities, MAX_TABLES + 1);
        if (needed > MAX_TABLES) {
            return new Result(List.of(), List.of("it references more than " + (MAX_TABLES - 1) + " tables, directly "
                    + "or not, and a test file seeds at most " + MAX_TABLES + " (seed them in a test of your own)"));
        }
        SeedPlan p = new SeedPlan(entities, referencedRows);
        p.visit(main, rows, rowsSql, new LinkedHashSet<>(List.of(main.entity().name())));
        return new Result(List.copyOf(p.order), List.copyOf(p.problems));
    }

    /**
     * The entity and the tables it references, directly or not, that seeding would visit, counted up to
     * {@code stop} (so a long chain costs {@code stop} steps, not its length).
     */
    static int tablesNeeded(EntityPlan main, Function<String, Optional<EntityPlan>> entities, int stop) {
        Set<String> seen = new HashSet<>();
        java.util.ArrayDeque<EntityPlan> todo = new java.util.ArrayDeque<>();
        seen.add(main.entity().name());
        todo.add(main);
        while (!todo.isEmpty() && seen.size() < stop) {
            for (String name : referenced(todo.poll().entity())) {
                Optional<EntityPlan> target = entities.apply(name);
                if (target.isPresent() && seen.add(target.get().entity().name())) {
                    todo.add(target.get());
                }
            }
        }
        return seen.size();
    }

    private void visit(EntityPlan ep, long wanted, String rowsSql, Set<String> stack) {
        Entity e = ep.entity();
        long rows = capacity(e, wanted);
        for (String name : referenced(e)) {
            Optional<EntityPlan> target = entities.apply(name);
            if (target.isPresent() && !stack.contains(target.get().entity().name())
                    && !seeded.contains(target.get().entity().name())) {
                Set<String> deeper = new LinkedHashSet<>(stack);
                deeper.add(target.get().entity().name());
                visit(target.get(), referencedRows, "n", deeper);
            }
        }
        List<Gen> gens = new ArrayList<>();
        for (Field f : e.fields()) {
            gens.add(gen(ep, f, rowsSql, rows, stack));
        }
        boolean overriding = e.fields().stream().anyMatch(f -> f.identity() == Field.Identity.ALWAYS);
        order.add(new Table(ep, gens, overriding, rows));
        seeded.add(e.name());
    }

    /** The entities {@code e} references, fields' references first, then its table-level keys', in spec order. */
    static List<String> referenced(Entity e) {
        List<String> out = new ArrayList<>();
        e.fields().forEach(f -> f.references().ifPresent(r -> out.add(r.entity())));
        e.foreignKeys().forEach(fk -> out.add(fk.entity().name()));
        return out;
    }

    /** The first table-level key {@code f} is a column of. */
    static Optional<ForeignKey> foreignKey(Entity e, Field f) {
        return e.foreignKeys().stream().filter(fk -> fk.columnNames().contains(f.name())).findFirst();
    }

    /**
     * The value of {@code f}: its {@code seed:} as written, otherwise {@link #value}, NULL in the rows where the
     * table-level CHECKs on NULLs ({@link TableChecks.NullPatterns}) want it NULL.
     */
    private Gen gen(EntityPlan ep, Field f, String rowsSql, long rows, Set<String> stack) {
        Entity e = ep.entity();
        if (f.seed().isPresent()) {
            return new Gen.Custom(f.seed().get());
        }
        Gen g = value(ep, f, rowsSql, rows, stack);
        Optional<TableChecks.NullPatterns> nulls = checks(e).nullPatterns(e, f);
        if (nulls.isEmpty()) {
            return g;
        }
        List<Map<String, Boolean>> ways = nulls.get().ways();
        List<Integer> present = new ArrayList<>();
        for (int w = 0; w < ways.size(); w++) {
            if (ways.get(w).getOrDefault(f.name(), true)) {
                present.add(w);
            }
        }
        return present.size() == ways.size() ? g : present.isEmpty() ? new Gen.Null()
                : new Gen.Sometimes(g, ways.size(), List.copyOf(present));
    }

    /** What the table-level CHECKs of {@code e} say to the seeding; read once per entity. */
    private TableChecks checks(Entity e) {
        return tableChecks.computeIfAbsent(e.name(), n -> TableChecks.of(e));
    }

    private Gen value(EntityPlan ep, Field f, String rowsSql, long rows, Set<String> stack) {
        Entity e = ep.entity();
        // starts_at < ends_at: one of the two is computed from the other (which is seeded as usual)
        Optional<Derived> derived = derived(e, f);
        if (derived.isPresent()) {
            Derived d = derived.get();
            Gen base = value(ep, e.field(d.from()).orElseThrow(), rowsSql, rows, stack);
            return new Gen.Offset(base, d.op(), d.step(), f.type().sql());
        }
        // before the partition key: every column of the key takes its value from the same referenced row, also
        // when one of them partitions this table
        Optional<ForeignKey> fk = foreignKey(e, f);
        if (fk.isPresent()) {
            return reference(ep, f, fk.get(), rowsSql, rows, stack);
        }
        Optional<Partitioning> level = level(e, f);
        if (level.isPresent() && !(level.get().strategy() == Partitioning.Strategy.HASH && shortKey(e, f, rows))) {
            return partitionKey(level.get(), f, rowsSql, distinct(e, f));
        }
        if (f.references().isPresent()) {
            return reference(ep, f, f.references().get(), rowsSql, rows, stack);
        }
        if (f.identity() != Field.Identity.NONE) {
            return new Gen.Serial("");
        }
        Optional<Gen> checked = checks(e).checkOf(f).flatMap(c -> Checks.values(f, c));
        if (checked.isPresent()) {
            return checked.get();
        }
        if (shortKey(e, f, rows)) {
            return new Gen.Base36(((FieldType.Sized) f.type()).length());
        }
        if (f.type() instanceof FieldType.Simple s && (s.kind() == FieldType.Kind.JSONB
                || s.kind() == FieldType.Kind.JSON)) {
            java.util.SortedSet<String> keys = JsonKeys.of(e, f);
            if (!keys.isEmpty()) {
                return new Gen.Expr(JsonKeys.seed(f, keys));
            }
        }
        return forType(f.type(), distinct(e, f));
    }

    /**
     * Whether a column gets distinct values: a unique key must (a CHECK on it does not change that: distinct row
     * numbers are positive and pass the usual {@code > 0}); a column that is merely indexed gets them only without
     * a CHECK, whose bounds small cycling values are likelier to meet.
     */
    static boolean distinct(Entity e, Field f) {
        return mustBeDistinct(e, f) || isKey(e, f) && f.check().isEmpty();
    }

    /**
     * Primary key, unique or identity: duplicate seed values would fail the seeding on the table's own key. So does a
     * column of a UNIQUE item of {@code constraints:} or an {@code =} element of an EXCLUDE one: distinct values in
     * it make every row's key distinct (small cycling values in two columns repeat pairs: 1 + i % 15 with i % 2),
     * and no two rows meet in an exclusion constraint that compares them with {@code =}.
     */
    static boolean mustBeDistinct(Entity e, Field f) {
        return f.unique() || f.primaryKey() || f.identity() != Field.Identity.NONE
                || e.primaryKey().size() == 1 && e.primaryKey().get(0).name().equals(f.name())
                || inTableKey(e, f);
    }

    private static boolean inTableKey(Entity e, Field f) {
        for (TableConstraint c : e.constraints()) {
            if (c instanceof TableConstraint.Unique u && u.columnNames().contains(f.name())
                    || c instanceof TableConstraint.Exclude x && x.elements().stream()
                            .anyMatch(el -> el.operator().equals("=") && el.column().name().equals(f.name()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many rows a table can take: a short text key ({@code char(2)}) holds 36^length distinct values, so
     * asking for more would fail the seeding on its own key rather than test anything.
     */
    static long capacity(Entity e, long rows) {
        long cap = rows;
        for (Field f : e.fields()) {
            if (shortKey(e, f, rows)) {
                cap = Math.min(cap, new Gen.Base36(((FieldType.Sized) f.type()).length()).capacity());
            }
            // a unique column whose CHECK allows few values (IN (...), BETWEEN) holds at most that many rows
            if (mustBeDistinct(e, f) && f.seed().isEmpty() && !e.referencing(f) && level(e, f).isEmpty()
                    && TableChecks.of(e).checkOf(f).flatMap(c -> Checks.values(f, c)).orElse(null)
                            instanceof Gen.Pick p) {
                cap = Math.min(cap, p.values().size());
            }
        }
        return cap;
    }

    /**
     * A key text column too short for {@code 'v' || i} at this row count ({@code char(2)}): it gets base-36 values,
     * also when it is a HASH partition key (hashing spreads any distinct values).
     */
    static boolean shortKey(Entity e, Field f, long rows) {
        return isKey(e, f) && f.check().isEmpty() && f.seed().isEmpty() && f.type() instanceof FieldType.Sized s
                && s.length() < 1 + Long.toString(rows).length();
    }

    private Gen reference(EntityPlan ep, Field f, Reference ref, String rowsSql, long rows, Set<String> stack) {
        Optional<EntityPlan> target = entities.apply(ref.entity());
        Optional<Field> column = target.flatMap(t -> ref.field().or(() -> t.entity().primaryKey().size() == 1
                ? Optional.of(t.entity().primaryKey().get(0).name()) : Optional.empty())
                .flatMap(c -> t.entity().field(c)));
        return reference(ep, f, target, column, nullable(ep.entity(), f), rowsSql, rows, stack);
    }

    /**
     * A column of a table-level key takes the matching referenced column's value of row {@code 1 + i % rows}, as
     * every other column of the key does, so together they name a row that exists. In a cycle the key is left
     * unchecked by a NULL in a nullable column of it (MATCH SIMPLE); its other columns get ordinary values.
     */
    private Gen reference(EntityPlan ep, Field f, ForeignKey fk, String rowsSql, long rows, Set<String> stack) {
        Optional<EntityPlan> target = entities.apply(fk.entity().name());
        int i = fk.columnNames().indexOf(f.name());
        Optional<Field> column = target.flatMap(t -> {
            List<String> cols = fk.targetColumnNames(t.entity());
            return i < cols.size() ? t.entity().field(cols.get(i)) : Optional.empty();
        });
        boolean keyNullable = fk.columns().stream().anyMatch(c -> ep.entity().field(c.name())
                .map(x -> nullable(ep.entity(), x)).orElse(false));
        if (target.isPresent() && stack.contains(target.get().entity().name())
                && !target.get().entity().name().equals(ep.entity().name()) && keyNullable
                && !nullable(ep.entity(), f)) {
            return forType(f.type(), false);
        }
        return reference(ep, f, target, column, keyNullable, rowsSql, rows, stack);
    }

    /** {@code nullable}: whether a NULL here leaves the key unchecked (in a reference cycle). */
    private Gen reference(EntityPlan ep, Field f, Optional<EntityPlan> target, Optional<Field> column,
            boolean nullable, String rowsSql, long rows, Set<String> stack) {
        if (target.isEmpty() || column.isEmpty() || column.get().equals(f)) {
            return forType(f.type(), false);
        }
        String name = target.get().entity().name();
        if (name.equals(ep.entity().name())) { // self-reference: rows of the same insert (checked at its end)
            return new Gen.Ref(gen(ep, column.get(), rowsSql, rows, stack), rows, rowsSql);
        }
        if (stack.contains(name)) {
            if (nullable) {
                return new Gen.Null();
            }
            problems.add("column " + f.name() + " of " + ep.entity().table() + " references " + name
                    + ", which depends on it in turn, and is NOT NULL");
            return new Gen.Null();
        }
        Set<String> deeper = new LinkedHashSet<>(stack);
        deeper.add(name);
        long seededThere = capacity(target.get().entity(), referencedRows);
        String refRows = Long.toString(seededThere);
        return new Gen.Ref(gen(target.get(), column.get(), refRows, seededThere, deeper), seededThere, refRows);
    }

    /** {@code field = from op step}: how a field of an order between two fields is computed from the other. */
    record Derived(String from, String op, String step) {
    }

    /**
     * How {@code f} is computed, when an order of the table-level CHECKs ({@code lo < hi}) is met through it: the
     * higher field is {@code lo + step} when it is free (no seed:, no key to another table, no partition key, no
     * identity or generated value, no check of its own), else the lower one is {@code hi - step} when that one is
     * free. Each field is computed from at most one other, and never from a field computed from it. An order with a
     * {@code seed:} on either side is left to that seed.
     */
    static Optional<Derived> derived(Entity e, Field f) {
        Map<String, Derived> out = new HashMap<>();
        for (TableChecks.Order o : TableChecks.of(e).orders()) {
            Field lo = e.field(o.lo()).orElseThrow();
            Field hi = e.field(o.hi()).orElseThrow();
            Optional<String> step = step(lo.type());
            if (step.isEmpty() || lo.seed().isPresent() || hi.seed().isPresent()) {
                continue; // a seed: on either side is the spec's own answer to the check
            }
            if (free(e, hi) && !out.containsKey(hi.name()) && !dependsOn(out, lo.name(), hi.name())) {
                out.put(hi.name(), new Derived(lo.name(), "+", step.get()));
            } else if (free(e, lo) && !out.containsKey(lo.name()) && !dependsOn(out, hi.name(), lo.name())) {
                out.put(lo.name(), new Derived(hi.name(), "-", step.get()));
            }
        }
        return Optional.ofNullable(out.get(f.name()));
    }

    /** Whether {@code field} is computed, directly or not, from {@code other}. */
    private static boolean dependsOn(Map<String, Derived> derived, String field, String other) {
        for (String at = field; at != null; at = derived.containsKey(at) ? derived.get(at).from() : null) {
            if (at.equals(other)) {
                return true;
            }
        }
        return false;
    }

    private static boolean free(Entity e, Field f) {
        return f.seed().isEmpty() && f.references().isEmpty() && foreignKey(e, f).isEmpty() && level(e, f).isEmpty()
                && f.identity() == Field.Identity.NONE && !f.isGenerated() && !mustBeDistinct(e, f)
                && TableChecks.of(e).checkOf(f).isEmpty();
    }

    /** One step up a type: 1 for numbers and dates, an hour for timestamps, a second for intervals. */
    private static Optional<String> step(FieldType t) {
        if (t.has(FieldType.Traits.INTEGER) || t instanceof FieldType.Numeric || t.is(Kind.REAL) || t.is(Kind.DOUBLE)
                || t.is(Kind.DATE)) {
            return Optional.of("1");
        }
        if (t.is(Kind.TIMESTAMP) || t.is(Kind.TIMESTAMPTZ)) {
            return Optional.of("interval '1 hour'");
        }
        return t.is(Kind.INTERVAL) ? Optional.of("interval '1 second'") : Optional.empty();
    }

    /** The partitioning level whose key is {@code f}, if any. */
    static Optional<Partitioning> level(Entity e, Field f) {
        Optional<Partitioning> p = e.partitioning();
        while (p.isPresent()) {
            if (p.get().column().name().equals(f.name())) {
                return p;
            }
            p = p.get().subpartitioning();
        }
        return Optional.empty();
    }

    /** RANGE keys spread over the partitions, LIST keys take the listed values in turn, HASH keys as any column. */
    private static Gen partitionKey(Partitioning p, Field f, String rowsSql, boolean key) {
        FieldType t = f.type();
        switch (p.strategy()) {
            case RANGE -> {
                List<Bound.Range> ranges = p.partitions().stream().map(s -> s.bound())
                        .filter(Bound.Range.class::isInstance).map(Bound.Range.class::cast).toList();
                List<String> finite = new ArrayList<>();
                for (Bound.Range r : ranges) {
                    for (String v : List.of(r.from(), r.to())) {
                        if (!isInfinite(v) && !finite.contains(v)) {
                            finite.add(v);
                        }
                    }
                }
                Optional<Bound.Range> first = ranges.stream()
                        .filter(r -> !isInfinite(r.from()) && !isInfinite(r.to())).findFirst();
                boolean spreadable = t.has(FieldType.Traits.TEMPORAL) || t.has(FieldType.Traits.INTEGER)
                        || t instanceof FieldType.Numeric || t.is(Kind.REAL)
                        || t.is(Kind.DOUBLE);
                if (spreadable && finite.size() >= 2 && first.isPresent()) {
                    Gen.Arithmetic a = t.is(Kind.DATE) ? Gen.Arithmetic.DATE
                            : t.has(FieldType.Traits.TEMPORAL) ? Gen.Arithmetic.TIMESTAMP
                            : t.has(FieldType.Traits.INTEGER) ? Gen.Arithmetic.INTEGER : Gen.Arithmetic.NUMERIC;
                    return new Gen.Spread(finite.get(0), finite.get(finite.size() - 1), t.sql(), a, rowsSql,
                            List.of(first.get().from(), first.get().to()));
                }
                List<String> froms = ranges.stream().map(Bound.Range::from).filter(v -> !isInfinite(v)).toList();
                return froms.isEmpty() ? forType(t, false) : new Gen.Pick(froms, t.sql());
            }
            case LIST -> {
                List<String> values = new ArrayList<>();
                p.partitions().stream().map(s -> s.bound()).filter(Bound.ListValues.class::isInstance)
                        .forEach(b -> values.addAll(((Bound.ListValues) b).values()));
                if (!f.nullable()) {
                    values.remove("NULL");
                }
                return values.isEmpty() ? forType(t, false) : new Gen.Pick(values, t.sql());
            }
            default -> {
                return forType(t, key);
            }
        }
    }

    static boolean isInfinite(String bound) {
        return bound.equals("MINVALUE") || bound.equals("MAXVALUE");
    }

    /**
     * Primary key, unique, identity, or a plain key column of any index: gets distinct values. Unique keys need
     * them; other index keys get them because real lookups through an index are selective, and on a column with
     * 15 values the planner would rightly prefer another index, failing the index-use test for the wrong reason.
     */
    static boolean isKey(Entity e, Field f) {
        if (f.unique() || f.primaryKey() || f.identity() != Field.Identity.NONE || e.inPrimaryKey(f)
                || inTableKey(e, f)) {
            return true;
        }
        // plain loops: this runs several times per column of every entity, and a stream per index cost more than
        // the test (issue 12)
        for (Index i : e.indexes()) {
            for (IndexColumn c : i.columns()) {
                if (c.column().isPresent() && c.column().get().equals(f.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean nullable(Entity e, Field f) {
        return !e.notNull(f);
    }

    /** The value of an ordinary column ({@code key}: distinct values where the type allows). */
    static Gen forType(FieldType t, boolean key) {
        if (t instanceof FieldType.Numeric n) {
            int digits = n.precision().orElse(38) - n.scale().orElse(0);
            if (key) {
                return n.precision().isPresent() && digits < 10
                        ? new Gen.ScaledSerial(n.precision().get(), n.scale().orElse(0)) : new Gen.Serial("");
            }
            return digits >= 2 ? new Gen.Cycle(15, "") : digits == 1 ? new Gen.Cycle(9, "") : new Gen.Expr("0");
        }
        if (t instanceof FieldType.Sized s) {
            return new Gen.Text(s.length());
        }
        if (t instanceof FieldType.Array a) {
            return new Gen.ArrayOf(forType(a.element(), false));
        }
        if (t instanceof FieldType.Enum en) {
            return new Gen.Labels(en.sql(), en.values());
        }
        if (!(t instanceof FieldType.Simple)) {
            return DeclaredValues.forType(t, key);
        }
        Kind k = ((FieldType.Simple) t).kind();
        return switch (k) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> key ? new Gen.Serial("") : new Gen.Cycle(15, "");
            case MONEY -> key ? new Gen.Serial("::money") : new Gen.Cycle(15, "::money");
            case TEXT, VARCHAR -> new Gen.Text(0);
            case BOOLEAN -> new Gen.Bool();
            case DATE -> key ? new Gen.Expr("'2024-01-01'::date + {i}") : new Gen.Minutes(k);
            case TIMESTAMP, TIMESTAMPTZ -> new Gen.Minutes(k);
            case TIME -> new Gen.Expr("time '00:00' + {i} * interval '1 second'");
            case TIMETZ -> new Gen.Expr("(time '00:00' + {i} * interval '1 second')::timetz");
            case INTERVAL -> new Gen.Expr("{i} * interval '1 second'");
            case UUID -> new Gen.Uuid();
            case JSON -> new Gen.Expr("json_build_object('i', {i})");
            case JSONB -> new Gen.Expr("jsonb_build_object('i', {i})");
            case BYTEA -> new Gen.Expr("decode(md5({i}::text), 'hex')");
            case INET -> new Gen.Expr("'10.0.0.0'::inet + {i}");
            case CIDR -> new Gen.Expr("set_masklen('10.0.0.0'::inet + {i}::bigint * 256, 24)::cidr");
            case MACADDR -> new Gen.Expr("lpad(to_hex({i}), 12, '0')::macaddr");
            case TSVECTOR -> new Gen.Expr("to_tsvector('simple', 'v' || {i})");
            case INT4RANGE -> new Gen.Expr("int4range({i}, {i} + 10)");
            case INT8RANGE -> new Gen.Expr("int8range({i}, {i} + 10)");
            case NUMRANGE -> new Gen.Expr("numrange({i}, {i} + 10)");
            case DATERANGE -> new Gen.Expr("daterange('2024-01-01'::date + {i}, '2024-01-01'::date + {i} + 7)");
            case TSRANGE -> new Gen.Expr("tsrange('2024-01-01'::timestamp + {i} * interval '1 minute', "
                    + "'2024-01-01'::timestamp + {i} * interval '1 minute' + interval '1 hour')");
            case TSTZRANGE -> new Gen.Expr("tstzrange('2024-01-01 00:00:00+00'::timestamptz + {i} * interval"
                    + " '1 minute', '2024-01-01 00:00:00+00'::timestamptz + {i} * interval '1 minute' + interval"
                    + " '1 hour')");
            case POINT -> new Gen.Expr("point({i} % 100, {i} / 100)");
            case BOX -> new Gen.Expr("box(point({i}, {i}), point({i} + 1, {i} + 1))");
            // an oid that names nothing is a valid value (it prints as its number), and distinct per row
            case OID, REGCLASS, REGTYPE, REGPROC, REGPROCEDURE, REGOPER, REGOPERATOR, REGROLE, REGNAMESPACE, REGCONFIG,
                    REGDICTIONARY, REGCOLLATION -> new Gen.Expr("(4000000000 - {i})::oid::" + k.sql());
        };
    }
}
