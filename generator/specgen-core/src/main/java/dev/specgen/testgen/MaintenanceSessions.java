package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Maintenance;
import dev.specgen.model.Maintenance.Rule;
import dev.specgen.model.Partitioning;
import dev.specgen.model.RangeNames;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.MaintenancePlanner;
import dev.specgen.plan.SchemaPlan;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The session check of partition maintenance: {@value #SESSIONS} sessions each insert rows past the planned range
 * (so into the DEFAULT partition until maintenance has created their partition), call maintenance, and insert
 * more, {@value #ROUNDS} rounds each. Afterwards no row is lost, none is left in the DEFAULT partition, every row is
 * in the partition of its key, exactly one call created the partitions (the others waited for its advisory lock and
 * found the work done), and no session failed or deadlocked (the runner's own assertions). Only for entities whose
 * rows can be generated without other tables (no foreign keys) and whose primary key has a column besides the
 * partition key (the keys repeat).
 */
final class MaintenanceSessions {
    static final int SESSIONS = 4;
    static final int ROUNDS = 3;
    static final int BATCH = 100;

    private MaintenanceSessions() {
    }

    static Optional<SessionCheck> of(EntityPlan ep, SchemaPlan plan) {
        Entity e = ep.entity();
        Optional<Maintenance> mo = MaintenancePlanner.maintenance(e);
        if (mo.isEmpty() || !mo.get().createPartitions()) {
            return Optional.empty();
        }
        Maintenance m = mo.get();
        Partitioning p = e.partitioning().orElseThrow();
        long rows = (long) SESSIONS * ROUNDS * 2 * BATCH;
        SeedPlan.Result seed = SeedPlan.of(ep, rows, 1, plan::entity);
        boolean keyOnly = e.primaryKey().stream().allMatch(k -> k.name().equals(p.column().name()));
        if (!p.defaultPartition() || p.partitions().isEmpty() || !seed.problems().isEmpty()
                || seed.tables().size() != 1 || seed.main().rows() < rows || keyOnly) {
            return Optional.empty();
        }
        Field keyField = e.field(p.column().name()).orElseThrow();
        String key = Sql.ident(keyField.name());
        String table = Sql.qualified(e.schema(), e.table());
        String function = Sql.qualified(e.schema(), MaintenancePlanner.functionName(e.table()));
        String first;
        String keySql;
        String partition;
        String now;
        if (m.rule() instanceof Rule.ByStep st) {
            BigInteger t0 = st.to();
            if (!fits(keyField, t0.add(st.step()))) {
                return Optional.empty();
            }
            keySql = t0.toString();
            partition = RangeNames.step(p.naming(), t0).resolve(e.table(), e.table());
            now = "";
        } else {
            Rule.ByInterval iv = (Rule.ByInterval) m.rule();
            LocalDate t0 = iv.to();
            boolean tz = keyField.type().is(FieldType.Kind.TIMESTAMPTZ);
            keySql = "'" + t0 + (tz ? " 00:00:00+00" : "") + "'";
            partition = RangeNames.interval(p.naming(), iv.period(), t0).resolve(e.table(), e.table());
            now = "'" + t0 + " 00:00:00+00'";
        }
        first = keySql;
        SourcePos pos = m.pos();
        String cols = String.join(", ", seed.main().columns());
        List<String> values = new ArrayList<>();
        for (int k = 0; k < e.fields().size(); k++) {
            Field f = e.fields().get(k);
            if (f.isGenerated()) {
                continue;
            }
            values.add(f.name().equals(keyField.name()) ? first + " AS " + key
                    : seed.main().gens().get(k).sql("n.i") + " AS " + Sql.ident(f.name()));
        }
        String overriding = seed.main().overriding() ? " OVERRIDING SYSTEM VALUE" : "";
        List<TestStep> session = new ArrayList<>();
        for (int batch = 0; batch < 2; batch++) {
            // row numbers distinct across sessions, rounds and batches
            String i = "((current_setting('specgen.session')::int - 1) * " + ROUNDS + " + current_setting("
                    + "'specgen.round')::int - 1) * " + 2 * BATCH + " + " + batch * BATCH + " + s.g";
            session.add(new MaintenanceStep.Run("INSERT INTO " + table + " (" + cols + ")" + overriding + " SELECT "
                    + String.join(", ", values) + " FROM generate_series(1, " + BATCH + ") AS s(g), LATERAL (SELECT "
                    + i + " AS i) AS n", pos));
            if (batch == 0) {
                session.add(new MaintenanceStep.Run("SELECT " + function + "(" + now + ")", pos));
            }
        }
        String log = Sql.qualified(e.schema(), MaintenancePlanner.LOG_TABLE);
        String partSchema = p.partitionSchema(e.schema());
        String defaultPartition = Sql.qualified(partSchema, Partitioning.defaultName(e.table()));
        List<TestStep> check = List.of(
                new MaintenanceStep.Is("(SELECT count(*) FROM " + table + ")", rows + "::bigint", "no row is lost: "
                        + rows + " rows", false, pos),
                new MaintenanceStep.Is("(SELECT count(*) FROM ONLY " + defaultPartition + ")", "0::bigint",
                        e.table() + "_default is empty", false, pos),
                new MaintenanceStep.Is("(SELECT count(*) FROM " + Sql.qualified(partSchema, partition) + ")",
                        rows + "::bigint", "every row is in " + partition, false, pos),
                new MaintenanceStep.Is("(SELECT count(*) FROM " + log + " WHERE table_name = " + Sql.literal(table)
                        + " AND cardinality(created) > 0)", "1::bigint", "one call created the partitions; the"
                                + " others waited and found them made", false, pos));
        String planned = p.partitions().stream().map(s -> Sql.literal(s.name().resolve(e.table(), e.table())))
                .collect(Collectors.joining(", "));
        // partitions maintenance made are detached before they are dropped: PostgreSQL refuses to drop a partition
        // of a table another table's foreign key references (2BP01), not to detach one no row references
        List<TestStep> cleanup = List.of(
                // DELETE, not TRUNCATE: TRUNCATE refuses a table another table's foreign key references, even
                // when no row references it (the check's rows are referenced by none)
                new MaintenanceStep.Run("DELETE FROM " + table, pos),
                new MaintenanceStep.Run("DELETE FROM " + log + " WHERE table_name = " + Sql.literal(table), pos),
                new MaintenanceStep.Run("DO $specgen$ DECLARE p text; BEGIN FOR p IN SELECT c.relname FROM pg_inherits"
                        + " AS i JOIN pg_class AS c ON c.oid = i.inhrelid WHERE i.inhparent = " + Sql.literal(table)
                        + "::regclass AND c.relname::text <> ALL (ARRAY[" + planned + ", " + Sql.literal(
                        Partitioning.defaultName(e.table())) + "]) LOOP EXECUTE format('ALTER TABLE %s DETACH PARTITION "
                        + "%I.%I', " + Sql.literal(table) + ", " + Sql.literal(partSchema) + ", p); EXECUTE format('DROP"
                        + " TABLE %I.%I', " + Sql.literal(partSchema) + ", p); END LOOP; END $specgen$", pos));
        return Optional.of(new SessionCheck("maintenance_while_writing", "maintenance (" + function + ") while "
                + SESSIONS + " sessions insert rows past the planned range loses no row, leaves none in "
                + e.table() + "_default and does not deadlock", SESSIONS, ROUNDS, List.of(), session, check, cleanup,
                pos));
    }

    private static boolean fits(Field f, BigInteger v) {
        String t = f.type().sql();
        long max = t.equals("smallint") ? Short.MAX_VALUE : t.equals("integer") ? Integer.MAX_VALUE : Long.MAX_VALUE;
        return v.compareTo(BigInteger.valueOf(max)) < 0;
    }
}
