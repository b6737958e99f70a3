package dev.specgen;

import java.util.Locale;

/**
 * How much one run may generate. Checked before planning, from the model (an estimate that is never above what
 * planning would make: the counts are exact, the bytes a lower bound), and the output bytes again while rendering,
 * so a spec within the validation rules that would still multiply into millions of objects or gigabytes of SQL
 * (1,000 daily partitions each hashed 1,024 ways; aliases of one long text) stops with a positioned error (SG310,
 * SG311, SG312) naming the limit and the option that raises it, in milliseconds rather than after minutes and
 * gigabytes.
 *
 * @param relations   tables and partitions (every {@code CREATE TABLE}, partitions of partitions included)
 * @param statements  statements of the DDL (install order: schemas, types, tables, partitions, indexes, comments)
 * @param outputBytes bytes of every generated file together (DDL, install script, tests)
 */
public record Limits(long relations, long statements, long outputBytes) {
    /**
     * Far above any schema a team maintains by hand (1,000 entities with 13 partitions and 3 indexes each are 14,000
     * relations, 19,000 statements and 29 MB), and low enough that reaching them costs seconds, not minutes.
     */
    public static final Limits DEFAULT = new Limits(100_000, 250_000, 256L * 1024 * 1024);

    /** The CLI options and Maven parameters that raise each limit, for hints. */
    public static final String RELATIONS_OPTION = "--max-relations (Maven: maxRelations)";
    public static final String STATEMENTS_OPTION = "--max-statements (Maven: maxStatements)";
    public static final String OUTPUT_BYTES_OPTION = "--max-output-bytes (Maven: maxOutputBytes)";

    public Limits {
        positive(relations, "relations");
        positive(statements, "statements");
        positive(outputBytes, "outputBytes");
    }

    private static void positive(long v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be positive: " + v);
        }
    }

    public Limits withRelations(long n) {
        return new Limits(n, statements, outputBytes);
    }

    public Limits withStatements(long n) {
        return new Limits(relations, n, outputBytes);
    }

    public Limits withOutputBytes(long n) {
        return new Limits(relations, statements, n);
    }

    /** {@code 1,025,001}: counts in messages. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
