package dev.specgen.loader;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

/**
 * Test connections that tell what the loader's plain statements do: with {@code client_min_messages = debug1}, every
 * server notice a statement got goes to {@code seen} after the statement's first three words; before a statement that adds the --initial bound CHECK, the
 * leaf's rows are counted on the same connection ({@code "<leaf> had <n> rows"}); before an index build, the setting of
 * parallel workers it runs with ({@code "build on <table>: max_parallel_maintenance_workers <n>"}).
 */
final class WatchedStatements {
    private WatchedStatements() {
    }

    static ConnectionSource source(ConnectionSource real, List<String> seen) {
        return () -> {
            Connection c = real.open();
            try (Statement st = c.createStatement()) {
                st.execute("SET client_min_messages = debug1");
            }
            return (Connection) Proxy.newProxyInstance(WatchedStatements.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, a) -> {
                        Object out = call(m, c, a);
                        return out instanceof Statement s && m.getName().equals("createStatement")
                                ? statement(c, s, seen) : out;
                    });
        };
    }

    private static Statement statement(Connection c, Statement s, List<String> seen) {
        return (Statement) Proxy.newProxyInstance(WatchedStatements.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (p, m, a) -> {
                    if (m.getName().equals("execute") && a != null && a.length == 1 && a[0] instanceof String sql
                            && sql.contains(" ADD CONSTRAINT " + InitialLoad.BOUND_CHECK + " ")) {
                        String leaf = sql.substring("ALTER TABLE ".length(), sql.indexOf(" ADD CONSTRAINT "));
                        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*)"
                                + " FROM " + leaf)) {
                            rs.next();
                            seen.add(leaf + " had " + rs.getLong(1) + " rows");
                        }
                    }
                    if (m.getName().equals("execute") && a != null && a.length == 1 && a[0] instanceof String sql
                            && builds(sql) != null) {
                        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT"
                                + " current_setting('max_parallel_maintenance_workers')")) {
                            rs.next();
                            seen.add("build on " + builds(sql) + ": max_parallel_maintenance_workers "
                                    + rs.getString(1));
                        }
                    }
                    Object out = call(m, s, a);
                    if (m.getName().startsWith("execute")) {
                        String head = a != null && a.length > 0 && a[0] instanceof String sql
                                ? String.join(" ", java.util.Arrays.asList(sql.split(" ")).subList(0,
                                        Math.min(3, sql.split(" ").length))) : "";
                        for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                            seen.add(head + ": " + w.getMessage());
                        }
                        s.clearWarnings();
                    }
                    return out;
                });
    }

    /** The table an index build (CREATE INDEX, or a key constraint added) is on, or null for other statements. */
    private static String builds(String sql) {
        if (sql.startsWith("CREATE INDEX ") || sql.startsWith("CREATE UNIQUE INDEX ")) {
            String rest = sql.substring(sql.indexOf(" ON ") + 4).replaceFirst("^ONLY ", "");
            return rest.substring(0, rest.indexOf(' '));
        }
        if (sql.startsWith("ALTER TABLE ") && (sql.contains(" PRIMARY KEY ") || sql.contains(" UNIQUE "))) {
            return sql.substring("ALTER TABLE ".length(), sql.indexOf(' ', "ALTER TABLE ".length()));
        }
        return null;
    }

    private static Object call(Method m, Object target, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
