package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Maintenance;
import dev.specgen.model.Maintenance.Retention;
import dev.specgen.model.Maintenance.Rule;
import dev.specgen.model.PartitionName;
import dev.specgen.model.Partitioning;
import dev.specgen.model.RangeNames;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.MaintenancePlanner;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Tests of the generated {@code maintain_<table>(p_now)}, on the seeded rows: copies of the first partition's rows,
 * moved past the last planned partition, land in the DEFAULT partition; a call with {@code p_now} at the end of the
 * planned range creates exactly the partitions premake asks for (and retention drops or detaches exactly those past
 * it), empties the DEFAULT partition into the new partition without losing a row, and logs it; a second call does
 * nothing; a call with {@code p_now} later removes exactly the oldest partition. The expectations are computed here,
 * from the spec, the way the function computes them in SQL, so a function that names, bounds or counts differently
 * fails.
 *
 * <p>Partitions are numbered from the spec's {@code from}: partition {@code k} starts {@code k} intervals (steps)
 * after it; the planned ones are {@code 0 .. n-1}.
 */
final class MaintenanceTests {
    private final EntityPlan ep;
    private final Entity e;
    private final Partitioning p;
    private final Maintenance m;
    private final SourcePos pos;
    private final String table;
    /** Where the partitions live ({@code partition_schema}, or the table's schema). */
    private final String partSchema;
    private final String key;
    private final boolean tz;
    private final boolean date;
    private final int planned;
    private final String function;
    private final List<TestStep> out = new ArrayList<>();

    private MaintenanceTests(EntityPlan ep, Maintenance m) {
        this.ep = ep;
        this.e = ep.entity();
        this.p = e.partitioning().orElseThrow();
        this.m = m;
        this.pos = m.pos();
        this.table = Sql.qualified(e.schema(), e.table());
        this.partSchema = e.partitioning().orElseThrow().partitionSchema(e.schema());
        Field k = e.field(p.column().name()).orElseThrow();
        this.key = Sql.ident(k.name());
        this.tz = k.type().is(FieldType.Kind.TIMESTAMPTZ);
        this.date = k.type().is(FieldType.Kind.DATE);
        this.planned = p.partitions().size();
        this.function = Sql.qualified(e.schema(), MaintenancePlanner.functionName(e.table()));
    }

    /** The section, or nothing when the entity has no maintenance; {@code seeding}: the seeded tests can run. */
    static List<TestStep> of(EntityPlan ep, boolean seeding) {
        Optional<Maintenance> m = MaintenancePlanner.maintenance(ep.entity());
        if (m.isEmpty() || ep.entity().partitioning().orElseThrow().partitions().isEmpty()) {
            return List.of();
        }
        MaintenanceTests t = new MaintenanceTests(ep, m.get());
        t.build();
        int tests = t.out.stream().mapToInt(TestStep::tests).sum();
        List<TestStep> steps = new ArrayList<>();
        steps.add(new TestStep.Section("partition maintenance (" + t.function + ")", t.pos));
        if (!seeding) {
            steps.add(new MaintenanceStep.SkipAll("partition maintenance tests run on the seeded rows, which cannot"
                    + " be seeded here", tests, t.pos));
            return steps;
        }
        steps.add(new MaintenanceStep.Gate(tests, t.pos));
        steps.addAll(t.out);
        return steps;
    }

    private void build() {
        boolean drain = m.createPartitions() && p.defaultPartition();
        String t0 = keyLiteral(planned);
        String defaultPartition = Sql.qualified(partSchema, Partitioning.defaultName(e.table()));
        if (drain) {
            out.add(new MaintenanceStep.LivesOk(copies(), "copies of the rows of " + name(0) + ", moved past the last"
                    + " planned partition, can be inserted", pos));
        }
        // partitions maintenance creates do not exist when the tests are skipped: counted by name, not referenced
        out.add(new MaintenanceStep.Run("CREATE OR REPLACE FUNCTION pg_temp.specgen_rows(rel text) RETURNS bigint"
                + " LANGUAGE plpgsql AS $specgen$ DECLARE n bigint; BEGIN EXECUTE 'SELECT count(*) FROM ' || rel INTO"
                + " n; RETURN n; END $specgen$", pos));
        out.add(new MaintenanceStep.Run("CREATE TEMP TABLE specgen_keys AS SELECT " + key + " AS k FROM " + table
                + " WHERE pg_temp.specgen_seeding()", pos));
        if (drain) {
            out.add(new MaintenanceStep.Is("(SELECT count(*) FROM ONLY " + defaultPartition + ")",
                    "(SELECT count(*) FROM pg_temp.specgen_keys WHERE k >= " + t0 + ")",
                    "the rows past the last planned partition sit in " + e.table() + "_default", pos));
        }
        // call 1: p_now at the end of the planned range (integer ranges: the copies hold the highest key)
        TreeSet<Long> existing = new TreeSet<>();
        for (long k = 0; k < planned; k++) {
            existing.add(k);
        }
        // integer ranges: the current partition is the highest key's, the copies' when there are copies
        long current = m.rule() instanceof Rule.ByStep && !drain ? planned - 1 : planned;
        TreeSet<Long> dropped = past(existing, current, nowDate(planned));
        existing.removeAll(dropped);
        TreeSet<Long> created = new TreeSet<>();
        if (m.createPartitions()) {
            for (long k = current; k <= current + m.premake(); k++) {
                if (!existing.contains(k)) {
                    created.add(k);
                }
            }
        }
        existing.addAll(created);
        String call = function + "(" + nowLiteral(nowDate(planned)) + ")";
        out.add(new MaintenanceStep.Is(call, String.valueOf(created.size() + dropped.size()), "maintenance at "
                + nowText(nowDate(planned)) + " " + changes(created, dropped), pos));
        out.add(new MaintenanceStep.Is(children(table), names(existing, p.defaultPartition()), e.table()
                + " then has exactly the partitions premake and retention ask for", pos));
        if (drain) {
            out.add(new MaintenanceStep.Is("(SELECT count(*) FROM ONLY " + defaultPartition + ")", "0::bigint",
                    e.table() + "_default is empty", pos));
            out.add(new MaintenanceStep.Is("pg_temp.specgen_rows(" + Sql.literal(Sql.qualified(partSchema,
                    name(planned))) + ")",
                    "(SELECT count(*) FROM pg_temp.specgen_keys WHERE k >= " + t0 + ")", "the rows moved out of "
                            + e.table() + "_default are all in " + name(planned), pos));
        }
        String kept = dropped.isEmpty() ? "" : " WHERE k >= " + keyLiteral(dropped.last() + 1);
        out.add(new MaintenanceStep.Is("(SELECT count(*) FROM " + table + ")", "(SELECT count(*) FROM"
                + " pg_temp.specgen_keys" + kept + ")", dropped.isEmpty() ? "no row is lost"
                        : "no row is lost but those of the partitions past retention", pos));
        if (created.contains((long) planned) && p.subpartitioning().isPresent()) {
            Partitioning sub = p.subpartitioning().get();
            int subs = sub.partitions().size() + (sub.defaultPartition() ? 1 : 0);
            out.add(new MaintenanceStep.Is("(SELECT count(*) FROM pg_inherits WHERE inhparent = "
                    + Sql.literal(Sql.qualified(partSchema, name(planned))) + "::regclass)", subs + "::bigint",
                    name(planned) + " has its " + subs + " subpartitions", pos));
        }
        String log = Sql.qualified(e.schema(), MaintenancePlanner.LOG_TABLE);
        String last = " FROM " + log + " WHERE table_name = " + Sql.literal(table) + " ORDER BY id DESC LIMIT 1)";
        out.add(new MaintenanceStep.Is("(SELECT created" + last, names(created, false), "the log lists the"
                + " partitions created", pos));
        if (drain) {
            out.add(new MaintenanceStep.Is("(SELECT moved_rows" + last, "(SELECT count(*) FROM pg_temp.specgen_keys"
                    + " WHERE k >= " + t0 + ")", "the log counts the rows moved", pos));
        }
        out.add(new MaintenanceStep.Is(call, "0", "a second call at " + nowText(nowDate(planned))
                + " changes nothing", pos));
        if (m.retention().isPresent() && m.rule() instanceof Rule.ByInterval iv && !existing.isEmpty()) {
            laterRetention(iv, existing);
        }
    }

    /** Call 2: p_now such that exactly the oldest partition left is past retention. */
    private void laterRetention(Rule.ByInterval iv, TreeSet<Long> existing) {
        long oldest = existing.first();
        LocalDate end = start(oldest + 1);
        LocalDate now = m.retention().get() instanceof Retention.Span s ? s.after(end)
                : start(oldest + 1 + ((Retention.Count) m.retention().get()).partitions());
        long current = index(iv.period().floor(now));
        TreeSet<Long> dropped = past(existing, current, now);
        TreeSet<Long> created = new TreeSet<>();
        if (m.createPartitions()) {
            for (long k = current; k <= current + m.premake(); k++) {
                if (!existing.contains(k)) {
                    created.add(k);
                }
            }
        }
        out.add(new MaintenanceStep.Is(function + "(" + nowLiteral(now) + ")",
                String.valueOf(created.size() + dropped.size()), "maintenance at " + nowText(now) + " "
                        + changes(created, dropped), pos));
        String oldestName = Sql.literal(Sql.qualified(partSchema, name(oldest)));
        if (m.mode() == Maintenance.Mode.DETACH) {
            out.add(new MaintenanceStep.Is("(SELECT NOT c.relispartition FROM pg_class AS c WHERE c.oid = to_regclass("
                    + oldestName + "))", "true", name(oldest) + " is detached and kept", pos));
        } else {
            out.add(new MaintenanceStep.Is("(to_regclass(" + oldestName + ") IS NULL)", "true", name(oldest)
                    + " is dropped", pos));
        }
    }

    /** Partitions of {@code existing} past retention when the current partition is {@code current} at {@code now}. */
    private TreeSet<Long> past(TreeSet<Long> existing, long current, LocalDate now) {
        TreeSet<Long> out = new TreeSet<>();
        if (m.retention().isEmpty()) {
            return out;
        }
        Retention r = m.retention().get();
        for (long k : existing) {
            boolean gone = r instanceof Retention.Count c ? k + 1 <= current - c.partitions()
                    : !start(k + 1).isAfter(((Retention.Span) r).before(now));
            if (gone) {
                out.add(k);
            }
        }
        return out;
    }

    private String changes(TreeSet<Long> created, TreeSet<Long> dropped) {
        List<String> parts = new ArrayList<>();
        parts.add(created.isEmpty() ? "creates no partition" : "creates " + created.stream().map(this::name)
                .collect(Collectors.joining(", ")));
        if (!dropped.isEmpty()) {
            parts.add((m.mode() == Maintenance.Mode.DETACH ? "detaches " : "drops ") + dropped.stream()
                    .map(this::name).collect(Collectors.joining(", ")));
        }
        return String.join(" and ", parts);
    }

    /** The rows of partition 0, their keys moved by the planned range's width, so into partition n. */
    private String copies() {
        String cols = e.fields().stream().filter(f -> !f.isGenerated()).map(f -> Sql.ident(f.name()))
                .collect(Collectors.joining(", "));
        String shifted = e.fields().stream().filter(f -> !f.isGenerated()).map(f -> f.name().equals(p.column().name()) ? shiftedKey() + " AS " + key
                : Sql.ident(f.name())).collect(Collectors.joining(", "));
        boolean overriding = e.fields().stream().anyMatch(f -> f.identity() == Field.Identity.ALWAYS);
        return "INSERT INTO " + table + " (" + cols + ")" + (overriding ? " OVERRIDING SYSTEM VALUE" : "")
                + " SELECT " + shifted + " FROM " + table + " WHERE " + key + " >= " + keyLiteral(0) + " AND " + key
                + " < " + keyLiteral(1);
    }

    private String shiftedKey() {
        if (m.rule() instanceof Rule.ByStep st) {
            return key + " + " + st.to().subtract(st.anchor());
        }
        Rule.ByInterval iv = (Rule.ByInterval) m.rule();
        long months = ChronoUnit.MONTHS.between(iv.anchor(), iv.to());
        boolean byMonths = iv.anchor().plusMonths(months).equals(iv.to());
        String span = byMonths ? months + " months" : ChronoUnit.DAYS.between(iv.anchor(), iv.to()) + " days";
        String sum = key + " + " + Sql.literal(span) + "::interval";
        return date ? "(" + sum + ")::date" : sum;
    }

    private LocalDate start(long k) {
        Rule.ByInterval iv = (Rule.ByInterval) m.rule();
        LocalDate d = iv.anchor();
        return switch (iv.period()) {
            case DAILY -> d.plusDays(k);
            case WEEKLY -> d.plusWeeks(k);
            case MONTHLY -> d.plusMonths(k);
            case QUARTERLY -> d.plusMonths(3 * k);
            case YEARLY -> d.plusYears(k);
        };
    }

    private long index(LocalDate start) {
        long k = 0;
        while (start(k).isBefore(start)) {
            k++;
        }
        return k;
    }

    private BigInteger stepStart(long k) {
        Rule.ByStep st = (Rule.ByStep) m.rule();
        return st.anchor().add(st.step().multiply(BigInteger.valueOf(k)));
    }

    /** The partition name of partition {@code k}, as the DDL and the function name it. */
    private String name(long k) {
        PartitionName n = m.rule() instanceof Rule.ByStep ? RangeNames.step(p.naming(), stepStart(k))
                : RangeNames.interval(p.naming(), ((Rule.ByInterval) m.rule()).period(), start(k));
        return n.resolve(e.table(), e.table());
    }

    private String keyLiteral(long k) {
        if (m.rule() instanceof Rule.ByStep) {
            return stepStart(k).toString();
        }
        return "'" + start(k) + (tz ? " 00:00:00+00" : "") + "'";
    }

    /** {@code p_now} for the call whose current partition is {@code k} (interval ranges; unused by step ranges). */
    private LocalDate nowDate(long k) {
        return m.rule() instanceof Rule.ByStep ? LocalDate.of(2000, 1, 1) : start(k);
    }

    private String nowLiteral(LocalDate d) {
        return m.rule() instanceof Rule.ByStep ? "" : "'" + d + " 00:00:00+00'";
    }

    private String nowText(LocalDate d) {
        return m.rule() instanceof Rule.ByStep ? "the highest key" : d.toString();
    }

    private String names(TreeSet<Long> ks, boolean withDefault) {
        TreeSet<String> sorted = new TreeSet<>();
        ks.forEach(k -> sorted.add(name(k)));
        if (withDefault) {
            sorted.add(Partitioning.defaultName(e.table()));
        }
        return "ARRAY[" + sorted.stream().map(Sql::literal).collect(Collectors.joining(", ")) + "]::text[]";
    }

    private static String children(String parent) {
        return "ARRAY(SELECT c.relname::text FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = " + Sql.literal(parent) + "::regclass ORDER BY c.relname::text COLLATE \"C\")";
    }
}
