package dev.specgen.view;

/**
 * What the analysis knows of an expression's type, as far as incremental maintenance cares: exact numbers add
 * up exactly in any order; floating point does not; other types only compare.
 */
public enum ValueKind {
    /** smallint, integer, bigint: sum() is bigint (numeric for bigint), avg() numeric. */
    INTEGER,
    /** numeric, decimal. */
    NUMERIC,
    /** real, double precision: sums depend on the order of addition. */
    FLOAT,
    /** money, interval: exact sums. */
    OTHER_EXACT,
    /** text, dates, uuid, ...: min and max only. */
    OTHER,
    /** an expression whose type the analysis cannot tell. */
    UNKNOWN;

    public boolean exactSum() {
        return this == INTEGER || this == NUMERIC || this == OTHER_EXACT;
    }

    /** Types whose avg() is numeric_div(sum, count): sum / count::numeric gives exactly avg()'s result. */
    public boolean numericAvg() {
        return this == INTEGER || this == NUMERIC;
    }
}
