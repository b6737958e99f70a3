package dev.specgen.db;

import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.SqlSplitter;
import java.util.List;
import java.util.Objects;

/**
 * One statement to apply. {@code origin} is an opaque tag chosen by the caller (a plan object carrying a spec
 * position, or a {@link SqlSplitter.Piece}); {@link ScriptRunner} hands it back when the statement fails.
 * {@code nonTransactional} marks statements PostgreSQL refuses inside a transaction block
 * ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...); the two-argument constructor detects them.
 */
public record Stmt(String sql, Object origin, boolean nonTransactional) {

    public Stmt {
        Objects.requireNonNull(sql, "sql == null");
        Objects.requireNonNull(origin, "origin == null");
    }

    /** Classifies the statement with {@link #requiresNoTransaction(String)}. */
    public Stmt(String sql, Object origin) {
        this(sql, origin, requiresNoTransaction(sql));
    }

    /** Statements of a script, each tagged with its {@link SqlSplitter.Piece} (line number) as origin. */
    public static List<Stmt> fromScript(String script) {
        return SqlSplitter.split(script).stream().map(p -> new Stmt(p.sql(), p)).toList();
    }

    /**
     * True for statements that cannot run inside a transaction block: {@code VACUUM}, {@code CREATE|DROP
     * DATABASE|TABLESPACE}, {@code ALTER SYSTEM}, {@code CREATE|DROP INDEX CONCURRENTLY}, {@code REINDEX ...
     * CONCURRENTLY}, {@code ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY}, and {@code CLUSTER} without a table.
     */
    public static boolean requiresNoTransaction(String sql) {
        List<String> w = SqlLexer.words(sql);
        if (w.isEmpty()) {
            return false;
        }
        String first = w.get(0);
        String second = w.size() > 1 ? w.get(1) : "";
        switch (first) {
            case "VACUUM":
                return true;
            case "CLUSTER":
                return w.size() == 1 || (w.size() == 2 && second.equals("VERBOSE"));
            case "CREATE":
            case "DROP":
                if (second.equals("DATABASE") || second.equals("TABLESPACE")) {
                    return true;
                }
                int idx = w.indexOf("INDEX");
                return idx > 0 && idx <= 2 && idx + 1 < w.size() && w.get(idx + 1).equals("CONCURRENTLY");
            case "REINDEX":
                return w.contains("CONCURRENTLY") || second.equals("SYSTEM");
            case "ALTER":
                if (second.equals("SYSTEM")) {
                    return true;
                }
                int detach = w.indexOf("DETACH");
                return second.equals("TABLE") && detach > 0 && w.subList(detach, w.size()).contains("CONCURRENTLY");
            default:
                return false;
        }
    }

    /** BEGIN, START TRANSACTION, COMMIT, END: transaction control that the runner owns in transactional mode. */
    public static boolean isTransactionControl(String sql) {
        List<String> w = SqlLexer.words(sql);
        if (w.isEmpty()) {
            return false;
        }
        String first = w.get(0);
        return first.equals("COMMIT") || first.equals("END")
                || (first.equals("BEGIN") && !w.contains("ATOMIC"))
                || (first.equals("START") && w.size() > 1 && w.get(1).equals("TRANSACTION"));
    }

    @Override
    public String toString() {
        return origin + ": " + firstLine(sql);
    }

    static String firstLine(String sql) {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl) + " ...";
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
