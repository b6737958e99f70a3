package dev.specgen.testgen;

import dev.specgen.model.Entity;
import dev.specgen.model.Partitioning;
import dev.specgen.model.Sql;
import dev.specgen.plan.MaintenancePlanner;
import java.util.Optional;

/**
 * The partition tree of an entity whose partitions the generated maintenance changes: the structure tests expect the
 * planned partitions as its log ({@code <schema>.specgen_partition_log}) says maintenance changed them, so that they
 * hold on a database where maintenance ran ({@code verify --in-place}). Partitions it created are expected, those it
 * detached or dropped are not (their own tests are skipped), and a dropped planned partition that re-running the
 * install script created again is accepted.
 */
record MaintainedTree(String schema, String table, String partitionSchema) {

    /** Present when the entity's partitioning has maintenance. */
    static Optional<MaintainedTree> of(Entity e) {
        return e.partitioning().filter(p -> p.maintenance().isPresent())
                .map(p -> new MaintainedTree(e.schema(), e.table(), p.partitionSchema(e.schema())));
    }

    private String log() {
        return Sql.qualified(schema, MaintenancePlanner.LOG_TABLE);
    }

    private String names(String arrays) {
        return "SELECT quote_ident(n)::name FROM " + log() + " AS l, unnest(" + arrays + ") AS n WHERE l.table_name = "
                + Sql.literal(Sql.qualified(schema, table));
    }

    /** The direct partitions to expect, from the planned ones ({@code planned}: an SQL array of names). */
    String partitions(String planned) {
        return "ARRAY(SELECT p FROM unnest(" + planned + ") AS p UNION " + names("l.created") + " EXCEPT "
                + names("l.detached || l.dropped") + " UNION " + names("l.dropped") + " AND EXISTS (SELECT 1 FROM"
                + " pg_catalog.pg_inherits AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid WHERE i.inhparent"
                + " = " + Sql.literal(Sql.qualified(schema, table)) + "::regclass AND c.relname = n))";
    }

    /** True when maintenance detached or dropped {@code partition} and it is no partition now ({@link #helper}). */
    String retired(String partition) {
        return "pg_temp.specgen_retired(" + Sql.literal(partition) + ")";
    }

    /** {@code pg_temp.specgen_retired(p)}, which {@link #retired} calls. */
    String helper() {
        String body = "SELECT EXISTS (SELECT 1 FROM " + log() + " AS l WHERE l.table_name = "
                + Sql.literal(Sql.qualified(schema, table)) + " AND p = ANY (l.detached || l.dropped))\n"
                + "   AND NOT coalesce((SELECT c.relispartition FROM pg_catalog.pg_class AS c\n"
                + "                      WHERE c.oid = to_regclass(quote_ident(" + Sql.literal(partitionSchema)
                + ") || '.' || quote_ident(p))), false)\n";
        return "CREATE OR REPLACE FUNCTION pg_temp.specgen_retired(p text) RETURNS boolean\nLANGUAGE sql AS "
                + Sql.dollarQuoted("\n" + body);
    }

    String helperWhy() {
        return "partition maintenance may have detached or dropped planned partitions of " + table + " (" + log()
                + " says which): their tests are skipped";
    }

    String retiredWhy(String partition) {
        return "partition maintenance detached or dropped " + partition + " (" + log() + ")";
    }

    /** The number of leaf partitions {@code relation} (quoted, qualified) has now. */
    static String leaves(String relation) {
        return "(SELECT count(*) FROM pg_partition_tree(to_regclass(" + Sql.literal(relation) + ")) AS t WHERE"
                + " t.isleaf)";
    }

    /** The number of tables in the tree of {@code relation} now: the table and all its partitions. */
    static String tree(String relation) {
        return "(SELECT count(*) FROM pg_partition_tree(to_regclass(" + Sql.literal(relation) + ")))";
    }
}
