package dev.specgen.verify;

import dev.specgen.db.CatalogSnapshot;
import dev.specgen.db.DbErrors;
import dev.specgen.model.Sql;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.SqlObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What PostgreSQL makes of an entity's own definitions, read from a copy: the entity's columns, constraints and
 * indexes (on the table itself) created on a plain table of the same name in the run's schema, inside a
 * transaction that is rolled back. PostgreSQL stores expressions rewritten ({@code quantity > 0} becomes
 * {@code CHECK ((quantity > 0))}, a default gains casts, an IN list becomes {@code = ANY (ARRAY[...])}), so
 * defaults, CHECK and foreign key definitions, index keys and predicates are compared with what the same server
 * made of the same text, not with the spec's spelling. Everything else (names, types, enum labels, partitions) is
 * compared with the plan directly.
 */
final class ExpectedCatalog {
    /** The copy's facts, or why it could not be made (e.g. a referenced table is missing in the database). */
    record Expected(String schema, Optional<CatalogSnapshot> facts, Optional<String> problem) {
    }

    /** Gives {@link Expected} per entity. */
    interface Reader {
        Expected of(EntityPlan ep);
    }

    /**
     * Copies of this many entities at most share one transaction and one catalog read (reading the catalog once per
     * entity made the comparison of 100 entities take seconds); few enough that their locks fit any server.
     */
    static final int BATCH = 25;

    private ExpectedCatalog() {
    }

    /**
     * A reader that makes the copies in {@code runSchema} through {@code c} (auto-commit, no transaction open) on
     * first use: entities whose names do not clash (two spec schemas may both have a table {@code events}) in
     * batches of {@value #BATCH}, each in a transaction that is rolled back.
     */
    static Reader reader(Connection c, String runSchema, SchemaPlan plan) {
        Map<EntityPlan, Expected> all = new IdentityHashMap<>();
        return ep -> {
            if (all.isEmpty()) {
                List<SqlObject> objects = plan.installOrder();
                for (List<EntityPlan> batch : batches(plan.entities(), objects)) {
                    all.putAll(read(c, runSchema, batch, objects));
                }
            }
            return all.get(ep);
        };
    }

    /** Entities in order, a new batch whenever one is full or a name (table, constraint, index) would repeat. */
    private static List<List<EntityPlan>> batches(List<EntityPlan> entities, List<SqlObject> objects) {
        List<List<EntityPlan>> out = new ArrayList<>();
        List<EntityPlan> batch = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (EntityPlan ep : entities) {
            Set<String> own = names(ep, objects);
            if (batch.size() == BATCH || own.stream().anyMatch(names::contains)) {
                out.add(batch);
                batch = new ArrayList<>();
                names.clear();
            }
            batch.add(ep);
            names.addAll(own);
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    /** The relation and constraint names a copy of {@code ep} takes in the run schema. */
    private static Set<String> names(EntityPlan ep, List<SqlObject> objects) {
        String real = Sql.qualified(ep.entity().schema(), ep.entity().table());
        Set<String> out = new HashSet<>();
        out.add(Sql.ident(ep.entity().table()));
        ep.entity().sequences().forEach(s -> out.add(Sql.ident(s.name())));
        for (SqlObject o : objects) {
            if (o instanceof SqlObject.CreateTable t && t.name().equals(real)) {
                t.constraints().forEach(k -> out.add(k.name()));
            } else if (o instanceof SqlObject.CreateIndex x && x.table().equals(real)) {
                out.add(x.name());
            } else if (o instanceof SqlObject.AddForeignKey f && f.table().equals(real)) {
                out.add(f.constraint().name());
            } else if (o instanceof SqlObject.AddConstraint a && a.table().equals(real)) {
                out.add(a.constraint().name());
            }
        }
        return out;
    }

    private static List<String> ddl(String runSchema, EntityPlan ep, List<SqlObject> objects) {
        String copy = Sql.qualified(runSchema, ep.entity().table());
        String real = Sql.qualified(ep.entity().schema(), ep.entity().table());
        List<String> ddl = new ArrayList<>();
        // the entity's sequences as the same server makes them from the spec's options (defaults filled in)
        ep.entity().sequences().forEach(s -> ddl.add("CREATE SEQUENCE " + Sql.qualified(runSchema, s.name()) + " AS "
                + s.type() + (s.options().isEmpty() ? "" : " " + s.options().sql())));
        for (SqlObject o : objects) {
            if (o instanceof SqlObject.CreateTable t && t.name().equals(real)) {
                ddl.add(createTable(copy, t));
            } else if (o instanceof SqlObject.CreateIndex x && x.table().equals(real)) {
                ddl.add(createIndex(copy, x));
            } else if (o instanceof SqlObject.AddForeignKey f && f.table().equals(real)) {
                ddl.add("ALTER TABLE " + copy + " ADD CONSTRAINT " + f.constraint().name() + " "
                        + f.constraint().body());
            } else if (o instanceof SqlObject.AddConstraint a && a.table().equals(real)) {
                // NOT VALID as the install adds it: the copy's definition then ends in NOT VALID too
                ddl.add("ALTER TABLE " + copy + " ADD CONSTRAINT " + a.constraint().name() + " "
                        + a.constraint().body());
            }
        }
        return ddl;
    }

    private static Map<EntityPlan, Expected> read(Connection c, String runSchema, List<EntityPlan> batch,
            List<SqlObject> objects) {
        Map<EntityPlan, Expected> out = new IdentityHashMap<>();
        Map<EntityPlan, String> problems = new IdentityHashMap<>();
        boolean auto = true;
        try {
            auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setEscapeProcessing(false);
                for (EntityPlan ep : batch) {
                    // one entity's definitions failing (a referenced table missing) must not spoil the others'
                    Savepoint sp = c.setSavepoint();
                    try {
                        for (String sql : ddl(runSchema, ep, objects)) {
                            st.execute(sql);
                        }
                        c.releaseSavepoint(sp);
                    } catch (SQLException e) {
                        c.rollback(sp);
                        problems.put(ep, DbErrors.oneLine(e));
                    }
                }
            }
            CatalogSnapshot facts = CatalogSnapshot.read(c, List.of(runSchema));
            for (EntityPlan ep : batch) {
                out.put(ep, problems.containsKey(ep)
                        ? new Expected(runSchema, Optional.empty(), Optional.of(problems.get(ep)))
                        : new Expected(runSchema, Optional.of(facts), Optional.empty()));
            }
        } catch (SQLException e) {
            batch.forEach(ep -> out.put(ep, new Expected(runSchema, Optional.empty(),
                    Optional.of(DbErrors.oneLine(e)))));
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // a broken connection: the next step reports it
            }
        }
        return out;
    }

    /** The columns and constraints exactly as the plan has them, on a plain (unpartitioned) table. */
    static String createTable(String name, SqlObject.CreateTable t) {
        List<String> lines = new ArrayList<>();
        for (SqlObject.Column col : t.columns()) {
            lines.add(col.name() + " " + col.type() + (col.hasAttributes() ? " " + col.attributes() : ""));
        }
        for (SqlObject.Constraint k : t.constraints()) {
            lines.add("CONSTRAINT " + k.name() + " " + k.body());
        }
        return "CREATE TABLE " + name + " (" + String.join(", ", lines) + ")";
    }

    /** The index on the copy: same name, method, keys, INCLUDE, storage parameters and predicate. */
    static String createIndex(String table, SqlObject.CreateIndex x) {
        StringBuilder sb = new StringBuilder("CREATE ").append(x.unique() ? "UNIQUE " : "").append("INDEX ")
                .append(x.name()).append(" ON ").append(table).append(" USING ").append(x.method()).append(" (")
                .append(String.join(", ", x.keys())).append(")");
        if (x.hasInclude()) {
            sb.append(" INCLUDE (").append(String.join(", ", x.include())).append(")");
        }
        if (x.hasWith()) {
            sb.append(" WITH (").append(String.join(", ", x.with())).append(")");
        }
        if (x.hasWhere()) {
            sb.append(" WHERE ").append(x.where());
        }
        return sb.toString();
    }
}
