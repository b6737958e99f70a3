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
        SourcePos seedPos) {

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
    }
}
