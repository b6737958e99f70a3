package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;
import java.util.Optional;

/**
 * A column. Shorthand {@code quantity: integer} gives a nullable column with no default. {@code defaultSql} is
 * an SQL expression exactly as written in the spec ({@code now()}, {@code 0}, {@code 'new'}); {@code check} is an
 * SQL boolean expression. {@code typePos} points at the type text for type errors, {@code defaultPos} at the default
 * value (at the field when there is none). {@code seed} is an SQL expression of the row number {@code i} that the
 * generated tests' seeding function uses for this column instead of its generic values. {@code checkPos} and
 * {@code seedPos} point at the {@code check:} and {@code seed:} values (at the field when there is none).
 * {@code identityOptions} are the sequence options of an identity column ({@link SequenceOptions#NONE} without).
 * {@code generated} is the expression of a stored generated column ({@code GENERATED ALWAYS AS (expr) STORED}),
 * {@code generatedPos} its position (the field's when there is none). {@code nextval} is the sequence a default of
 * the form {@code nextval('name')} names; that default is then written schema-qualified ({@code
 * nextval('billing.invoice_no_seq'::regclass)}), so it does not depend on the search_path.
 */
public record Field(
        String name,
        FieldType type,
        boolean nullable,
        boolean nullableExplicit,
        Optional<String> defaultSql,
        Identity identity,
        boolean primaryKey,
        boolean unique,
        Optional<String> check,
        Optional<Reference> references,
        Optional<String> comment,
        SourcePos pos,
        SourcePos typePos,
        SourcePos defaultPos,
        Optional<String> seed,
        SourcePos checkPos,
        SourcePos seedPos,
        SequenceOptions identityOptions,
        Optional<String> generated,
        SourcePos generatedPos,
        Optional<Sequence.Ref> nextval) {

    /**
     * Consistent with the record's {@code equals} (equal fields have equal names and positions) and cheap: the
     * generated {@code hashCode} hashes every component, records within records, and its first call in a JVM spins
     * method handle classes for each record class it reaches (about 2.5 ms of CPU each in a fresh JVM). The planner
     * keys maps by fields. Only lookups depend on it: no output iterates a hashed collection of them.
     */
    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + pos.line()) + pos.col();
    }

    /**
     * The record's equality, component by component, after an identity check: the planner asks whether a list of an
     * entity's fields holds one of them ({@code List.contains}), which is nearly always the same object, and the
     * generated {@code equals} spins method handle classes on its first call in a JVM.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Field f && Objects.equals(name, f.name) && Objects.equals(type, f.type) &&
                nullable == f.nullable && nullableExplicit == f.nullableExplicit &&
                Objects.equals(defaultSql, f.defaultSql) && identity == f.identity && primaryKey == f.primaryKey &&
                unique == f.unique && Objects.equals(check, f.check) && Objects.equals(references, f.references) &&
                Objects.equals(comment, f.comment) && Objects.equals(pos, f.pos) &&
                Objects.equals(typePos, f.typePos) && Objects.equals(defaultPos, f.defaultPos) &&
                Objects.equals(seed, f.seed) && Objects.equals(checkPos, f.checkPos) &&
                Objects.equals(seedPos, f.seedPos) && Objects.equals(identityOptions, f.identityOptions) &&
                Objects.equals(generated, f.generated) && Objects.equals(generatedPos, f.generatedPos) &&
                Objects.equals(nextval, f.nextval);
    }

    public enum Identity { NONE, ALWAYS, BY_DEFAULT }

    public Field {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(defaultSql, "defaultSql == null");
        Objects.requireNonNull(identity, "identity == null");
        Objects.requireNonNull(check, "check == null");
        Objects.requireNonNull(references, "references == null");
        Objects.requireNonNull(comment, "comment == null");
        Objects.requireNonNull(pos, "pos == null");
        Objects.requireNonNull(typePos, "typePos == null");
        Objects.requireNonNull(defaultPos, "defaultPos == null");
        Objects.requireNonNull(seed, "seed == null");
        Objects.requireNonNull(checkPos, "checkPos == null");
        Objects.requireNonNull(seedPos, "seedPos == null");
        Objects.requireNonNull(identityOptions, "identityOptions == null");
        Objects.requireNonNull(generated, "generated == null");
        Objects.requireNonNull(generatedPos, "generatedPos == null");
        Objects.requireNonNull(nextval, "nextval == null");
    }

    /** A field without identity options and not generated. */
    public Field(String name, FieldType type, boolean nullable, boolean nullableExplicit, Optional<String> defaultSql,
            Identity identity, boolean primaryKey, boolean unique, Optional<String> check,
            Optional<Reference> references, Optional<String> comment, SourcePos pos, SourcePos typePos,
            SourcePos defaultPos, Optional<String> seed, SourcePos checkPos, SourcePos seedPos) {
        this(name, type, nullable, nullableExplicit, defaultSql, identity, primaryKey, unique, check, references,
                comment, pos, typePos, defaultPos, seed, checkPos, seedPos, SequenceOptions.NONE, Optional.empty(),
                pos, Optional.empty());
    }

    /** A stored generated column: no INSERT or UPDATE may give it a value (not even OVERRIDING SYSTEM VALUE). */
    public boolean isGenerated() {
        return generated.isPresent();
    }
}
