package dev.specgen.db;

import dev.specgen.db.CatalogObjects.ColumnInfo;
import dev.specgen.db.CatalogObjects.ConstraintInfo;
import dev.specgen.db.CatalogObjects.EnumInfo;
import dev.specgen.db.CatalogObjects.ExtensionInfo;
import dev.specgen.db.CatalogObjects.FunctionInfo;
import dev.specgen.db.CatalogObjects.IndexInfo;
import dev.specgen.db.CatalogObjects.PolicyInfo;
import dev.specgen.db.CatalogObjects.SchemaInfo;
import dev.specgen.db.CatalogObjects.SequenceInfo;
import dev.specgen.db.CatalogObjects.TableInfo;
import dev.specgen.db.CatalogObjects.TriggerInfo;
import dev.specgen.db.CatalogObjects.ViewInfo;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The pg_catalog queries behind {@link CatalogSnapshot}. They run in one REPEATABLE READ read-only transaction
 * (or a savepoint of the caller's transaction) with {@code search_path = pg_catalog}, so every name that
 * pg_get_*def prints is schema-qualified whatever the caller's search_path is.
 */
final class CatalogReader {
    /** Schemas never read: the system's own. */
    private static final String SYSTEM = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'";
    /** Schemas not read unless asked for: the system's and the run schemas of specgen ({@link Run#schema()}). */
    static final String EXCLUDED = SYSTEM + " AND n.nspname !~ '^specgen_run_[0-9a-f]{10}$'";
    private static final String IN_SCOPE = "n.nspname::text = ANY(?) AND " + SYSTEM;
    // ORDER BY on name columns sorts bytewise (name uses the C collation), so the order is stable everywhere
    private static final String NOT_EXT = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s "
            + "AND d.classid = '%s'::regclass AND d.deptype = 'e')";

    private CatalogReader() {
    }

    /** Reads the given schemas; an empty collection means every user schema. */
    static CatalogSnapshot read(Connection c, Collection<String> schemas) throws SQLException {
        boolean auto = c.getAutoCommit();
        Savepoint sp = null;
        try {
            if (auto) {
                c.setAutoCommit(false);
                exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            } else {
                sp = c.setSavepoint();
            }
            exec(c, "SET LOCAL search_path = pg_catalog");
            String[] scope = schemas.isEmpty() ? allSchemas(c) : schemas.toArray(String[]::new);
            return new CatalogSnapshot(schemas(c, scope), tables(c, scope), columns(c, scope),
                    constraints(c, scope), indexes(c, scope), views(c, scope), sequences(c, scope),
                    functions(c, scope), enums(c, scope), triggers(c, scope), policies(c, scope), extensions(c),
                    types(c, scope));
        } finally {
            if (sp != null) {
                c.rollback(sp);
            } else {
                c.rollback();
                c.setAutoCommit(auto);
            }
        }
    }

    private static String[] allSchemas(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_namespace n WHERE " + EXCLUDED)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out.toArray(String[]::new);
    }

    private static List<SchemaInfo> schemas(Connection c, String[] scope) throws SQLException {
        return query(c, scope, "SELECT n.nspname, obj_description(n.oid, 'pg_namespace') FROM pg_namespace n "
                + "WHERE " + IN_SCOPE + " ORDER BY 1",
                rs -> new SchemaInfo(rs.getString(1), opt(rs, 2)));
    }

    private static List<TableInfo> tables(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, c.relkind::text, c.relpersistence::text, pt.partstrat::text, "
                + "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
                + "(SELECT string_agg(pn.nspname || '.' || pc.relname, ', ' ORDER BY i.inhseqno) FROM pg_inherits i "
                + "JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace "
                + "WHERE i.inhrelid = c.oid), "
                + "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, c.reloptions, "
                + "c.relrowsecurity, obj_description(c.oid, 'pg_class'), c.relforcerowsecurity, "
                + "CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing' WHEN 'i' THEN 'index ' || "
                + "(SELECT ri.relname FROM pg_index rx JOIN pg_class ri ON ri.oid = rx.indexrelid "
                + "WHERE rx.indrelid = c.oid AND rx.indisreplident) ELSE 'default' END "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid "
                + "WHERE c.relkind IN ('r', 'p', 'f') AND " + IN_SCOPE + " AND " + notExt("c.oid", "pg_class")
                + " ORDER BY 1, 2";
        return query(c, scope, sql, rs -> new TableInfo(rs.getString(1), rs.getString(2),
                switch (rs.getString(3)) {
                    case "p" -> "partitioned table";
                    case "f" -> "foreign table";
                    default -> "table";
                },
                switch (rs.getString(4)) {
                    case "u" -> "unlogged";
                    case "t" -> "temporary";
                    default -> "permanent";
                },
                opt(rs, 5).map(s -> s.equals("r") ? "range" : s.equals("l") ? "list" : "hash"), opt(rs, 6),
                opt(rs, 7), opt(rs, 8), CatalogObjects.reloptions(strings(rs.getArray(9))), rs.getBoolean(10),
                rs.getBoolean(12), rs.getString(13), opt(rs, 11)));
    }

    private static List<ColumnInfo> columns(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, a.attname, "
                + "row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)::int, "
                + "format_type(a.atttypid, a.atttypmod), "
                + "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, "
                + "CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(cn.nspname) || '.' "
                + "|| quote_ident(co.collname) END, col_description(c.oid, a.attnum) "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                + "LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace "
                + "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND "
                + IN_SCOPE + " AND " + notExt("c.oid", "pg_class")
                + " ORDER BY 1, 2, a.attnum";
        return query(c, scope, sql, rs -> {
            String gen = rs.getString(9);
            boolean generated = gen != null && !gen.isEmpty();
            Optional<String> expr = opt(rs, 7);
            String ident = rs.getString(8);
            return new ColumnInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                    rs.getBoolean(6), generated ? Optional.empty() : expr,
                    ident == null || ident.isEmpty() ? Optional.empty()
                            : Optional.of(ident.equals("a") ? "always" : "by default"),
                    generated ? expr.map(e -> "(" + e + ") " + (gen.equals("v") ? "virtual" : "stored"))
                            : Optional.empty(),
                    opt(rs, 10), opt(rs, 11));
        });
    }

    private static List<ConstraintInfo> constraints(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid), "
                + "obj_description(con.oid, 'pg_constraint') FROM pg_constraint con "
                + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE con.contype <> 'n' AND " + IN_SCOPE + " AND " + notExt("c.oid", "pg_class")
                + " ORDER BY 1, 2, 3";
        return query(c, scope, sql, rs -> new ConstraintInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), opt(rs, 6)));
    }

    private static List<IndexInfo> indexes(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, ci.relname, ct.relname, am.amname, x.indisunique, x.indisprimary, "
                + "ARRAY(SELECT pg_get_indexdef(ci.oid, k, true) FROM generate_series(1, x.indnkeyatts) k ORDER BY k), "
                + "ARRAY(SELECT pg_get_indexdef(ci.oid, k, true) FROM generate_series(x.indnkeyatts + 1, x.indnatts) k "
                + "ORDER BY k), pg_get_expr(x.indpred, x.indrelid, true), ci.reloptions, "
                + "(SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent "
                + "JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = ci.oid LIMIT 1), "
                + "ci.relkind = 'I', x.indisvalid, pg_get_indexdef(ci.oid), obj_description(ci.oid, 'pg_class') "
                + "FROM pg_index x JOIN pg_class ci ON ci.oid = x.indexrelid JOIN pg_class ct ON ct.oid = x.indrelid "
                + "JOIN pg_namespace n ON n.oid = ci.relnamespace JOIN pg_am am ON am.oid = ci.relam "
                + "WHERE " + IN_SCOPE + " AND " + notExt("ct.oid", "pg_class")
                + " ORDER BY 1, 2";
        return query(c, scope, sql, rs -> {
            String def = rs.getString(14);
            return new IndexInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getBoolean(5), rs.getBoolean(6), Arrays.asList(strings(rs.getArray(7))),
                    keyDef(def, rs.getString(4)), Arrays.asList(strings(rs.getArray(8))), opt(rs, 9),
                    CatalogObjects.reloptions(strings(rs.getArray(10))), opt(rs, 11), rs.getBoolean(12),
                    rs.getBoolean(13), def, opt(rs, 15));
        });
    }

    private static List<ViewInfo> views(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid), md5(pg_get_viewdef(c.oid)), "
                + "obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('v', 'm') AND " + IN_SCOPE + " AND " + notExt("c.oid", "pg_class")
                + " ORDER BY 1, 2";
        return query(c, scope, sql, rs -> new ViewInfo(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                rs.getString(4), rs.getString(5), opt(rs, 6)));
    }

    private static List<SequenceInfo> sequences(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
                + "s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
                + "(SELECT tn.nspname || '.' || tc.relname || '.' || ta.attname FROM pg_depend d "
                + "JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
                + "JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid "
                + "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass "
                + "AND d.deptype IN ('a', 'i') LIMIT 1) "
                + "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + IN_SCOPE + " AND " + notExt("c.oid", "pg_class") + " ORDER BY 1, 2";
        return query(c, scope, sql, rs -> new SequenceInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9),
                opt(rs, 10)));
    }

    private static List<FunctionInfo> functions(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), "
                + "CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, pg_get_functiondef(p.oid), "
                + "md5(pg_get_functiondef(p.oid)), obj_description(p.oid, 'pg_proc') "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE p.prokind IN ('f', 'p', 'w') AND " + IN_SCOPE + " AND " + notExt("p.oid", "pg_proc")
                + " ORDER BY 1, 2, pg_get_function_identity_arguments(p.oid) COLLATE \"C\"";
        return query(c, scope, sql, rs -> new FunctionInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), opt(rs, 7)));
    }

    private static List<EnumInfo> enums(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, t.typname, ARRAY(SELECT e.enumlabel::text FROM pg_enum e "
                + "WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder), obj_description(t.oid, 'pg_type') "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE t.typtype = 'e' AND " + IN_SCOPE + " AND " + notExt("t.oid", "pg_type")
                + " ORDER BY 1, 2";
        return query(c, scope, sql, rs -> new EnumInfo(rs.getString(1), rs.getString(2),
                Arrays.asList(strings(rs.getArray(3))), opt(rs, 4)));
    }

    /** Domains, composite types (not tables' row types) and ranges (not their multiranges, made with them). */
    private static List<CatalogObjects.TypeInfo> types(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, t.typname, CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite'"
                + " ELSE 'range' END, CASE t.typtype WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)"
                + " WHEN 'r' THEN format_type(r.rngsubtype, NULL) ELSE '' END, t.typnotnull, t.typdefault, "
                + "ARRAY(SELECT quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k"
                + " WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname), "
                + "ARRAY(SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) FROM"
                + " pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum), obj_description(t.oid, 'pg_type') "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "LEFT JOIN pg_range r ON r.rngtypid = t.oid LEFT JOIN pg_class cl ON cl.oid = t.typrelid "
                + "WHERE (t.typtype IN ('d', 'r') OR t.typtype = 'c' AND cl.relkind = 'c') AND " + IN_SCOPE
                + " AND " + notExt("t.oid", "pg_type") + " ORDER BY 1, 2";
        return query(c, scope, sql, rs -> new CatalogObjects.TypeInfo(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getBoolean(5), opt(rs, 6), Arrays.asList(strings(rs.getArray(7))),
                Arrays.asList(strings(rs.getArray(8))), opt(rs, 9)));
    }

    private static List<TriggerInfo> triggers(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, tg.tgname, pg_get_triggerdef(tg.oid), tg.tgenabled::text, "
                + "obj_description(tg.oid, 'pg_trigger') FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT tg.tgisinternal AND " + IN_SCOPE
                + " ORDER BY 1, 2, 3";
        return query(c, scope, sql, rs -> new TriggerInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), opt(rs, 6)));
    }

    private static List<PolicyInfo> policies(Connection c, String[] scope) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, p.polname, p.polpermissive, "
                + "CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update' "
                + "WHEN 'd' THEN 'delete' ELSE 'all' END, "
                + "ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END "
                + "FROM unnest(p.polroles) r ORDER BY 1), "
                + "pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) "
                + "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + IN_SCOPE + " ORDER BY 1, 2, 3";
        return query(c, scope, sql, rs -> new PolicyInfo(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getBoolean(4), rs.getString(5), Arrays.asList(strings(rs.getArray(6))), opt(rs, 7), opt(rs, 8)));
    }

    private static List<ExtensionInfo> extensions(Connection c) throws SQLException {
        String sql = "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e "
                + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname !~ '^specgen_run_[0-9a-f]{10}$' "
                + "AND e.extname <> 'plpgsql' "
                + "ORDER BY 1";
        return query(c, null, sql, rs -> new ExtensionInfo(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** The text inside {@code USING method (...)} of an index definition, quote- and paren-aware. */
    static String keyDef(String def, String method) {
        String marker = " USING " + method + " (";
        int i = def.indexOf(marker);
        if (i < 0) {
            return "";
        }
        int start = i + marker.length();
        int depth = 1;
        for (Token t : SqlLexer.tokens(def.substring(start))) {
            if (t.kind() == Token.Kind.OPEN_PAREN) {
                depth++;
            } else if (t.kind() == Token.Kind.CLOSE_PAREN && --depth == 0) {
                return def.substring(start, start + t.start());
            }
        }
        return "";
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(Connection c, String[] scope, String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (scope != null) {
                ps.setArray(1, c.createArrayOf("text", scope));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
        }
        return out;
    }

    private static String notExt(String oid, String catalog) {
        return String.format(java.util.Locale.ROOT, NOT_EXT, oid, catalog);
    }

    private static Optional<String> opt(ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static String[] strings(Array a) throws SQLException {
        if (a == null) {
            return new String[0];
        }
        Object[] o = (Object[]) a.getArray();
        return Arrays.stream(o).map(String::valueOf).toArray(String[]::new);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
