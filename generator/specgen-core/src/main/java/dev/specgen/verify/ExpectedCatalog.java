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
import java.util.List;
import java.util.Optional;

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

    /** Builds {@link Expected} for one entity at a time. */
    interface Reader {
        Expected of(EntityPlan ep);
    }

    private ExpectedCatalog() {
    }

    /** A reader that makes copies in {@code runSchema} through {@code c} (auto-commit, no transaction open). */
    static Reader reader(Connection c, String runSchema, SchemaPlan plan) {
        List<SqlObject> objects = plan.installOrder();
        return ep -> read(c, runSchema, ep, objects);
    }

    private static Expected read(Connection c, String runSchema, EntityPlan ep, List<SqlObject> objects) {
        String real = Sql.qualified(ep.entity().schema(), ep.entity().table());
        String copy = Sql.qualified(runSchema, ep.entity().table());
        List<String> ddl = new ArrayList<>();
        for (SqlObject o : objects) {
            if (o instanceof SqlObject.CreateTable t && t.name().equals(real)) {
                ddl.add(createTable(copy, t));
            } else if (o instanceof SqlObject.CreateIndex x && x.table().equals(real)) {
                ddl.add(createIndex(copy, x));
            } else if (o instanceof SqlObject.AddForeignKey f && f.table().equals(real)) {
                ddl.add("ALTER TABLE " + copy + " ADD CONSTRAINT " + f.constraint().name() + " "
                        + f.constraint().body());
            }
        }
        boolean auto = true;
        Savepoint sp = null;
        try {
            auto = c.getAutoCommit();
            c.setAutoCommit(false);
            sp = c.setSavepoint();
            try (Statement st = c.createStatement()) {
                st.setEscapeProcessing(false);
                for (String sql : ddl) {
                    st.execute(sql);
                }
            }
            return new Expected(runSchema, Optional.of(CatalogSnapshot.read(c, List.of(runSchema))),
                    Optional.empty());
        } catch (SQLException e) {
            return new Expected(runSchema, Optional.empty(), Optional.of(DbErrors.oneLine(e)));
        } finally {
            try {
                if (sp != null) {
                    c.rollback(sp);
                }
                c.rollback();
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // a broken connection: the next step reports it
            }
        }
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
