package dev.specgen.verify;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.TableConstraint;
import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.SqlObject;
import dev.specgen.render.RenderedStatement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeding test that failed on a field's own CHECK: generic seed values broke a {@code check:} that the seed plan
 * could not read. Reported at the {@code check:} with the field, the constraint and the {@code seed:} to write,
 * instead of at the entity with PostgreSQL's message alone.
 */
final class SeedFailures {
    private static final Pattern CHECK = Pattern.compile("violates check constraint \"([^\"]+)\"");

    private SeedFailures() {
    }

    /** SG406 at the check: of the field whose constraint PostgreSQL named in {@code why}; empty otherwise. */
    static Optional<Diagnostic> checkViolation(SchemaPlan plan, List<RenderedStatement> ddl, String test,
            String why) {
        Matcher m = CHECK.matcher(why);
        if (!m.find()) {
            return Optional.empty();
        }
        String constraint = m.group(1);
        Optional<SourcePos> origin = ddl.stream().map(RenderedStatement::object)
                .flatMap(o -> o instanceof SqlObject.CreateTable t ? t.constraints().stream()
                        : o instanceof SqlObject.AddConstraint a ? java.util.stream.Stream.of(a.constraint())
                        : java.util.stream.Stream.empty())
                .filter(c -> c.kind() == SqlObject.Constraint.Kind.CHECK && unquoted(c.name()).equals(constraint))
                .map(SqlObject.Constraint::origin).findFirst();
        if (origin.isEmpty()) {
            return Optional.empty();
        }
        for (var ep : plan.entities()) {
            Entity e = ep.entity();
            for (TableConstraint c : e.constraints()) {
                if (c instanceof TableConstraint.Check k && k.pos().equals(origin.get())) {
                    return Optional.of(tableCheck(e, k, test, constraint));
                }
            }
            for (Field f : e.fields()) {
                if (f.check().isPresent() && f.seed().isEmpty() && f.checkPos().equals(origin.get())) {
                    return Optional.of(Diagnostic.error(f.checkPos(), Code.SG406, test + " failed: the generated"
                            + " seed values of " + e.table() + "." + f.name() + " break its check (constraint "
                            + constraint + ")").withHint("specgen reads IN lists, = ANY (ARRAY[...]), comparisons,"
                            + " BETWEEN and length limits, not this check; give the field a seed: expression of the"
                            + " row number i that passes it, e.g. seed: \"" + example(f.type()) + "\""));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * SG406 at a table-level {@code check:} the generic seed values break, one the seed plan could not read
     * ({@code TableChecks} in testgen says which it reads): the hint names the fields the check reads (without a {@code seed:} of their own) and the form of the
     * {@code seed:} to give one of them.
     */
    private static Diagnostic tableCheck(Entity e, TableConstraint.Check k, String test, String constraint) {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (dev.specgen.sql.Token t : dev.specgen.sql.SqlLexer.tokens(k.expression())) {
            if (t.kind() == dev.specgen.sql.Token.Kind.IDENTIFIER) {
                words.add(t.text(k.expression()).toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<Field> read = e.fields().stream().filter(f -> words.contains(f.name())).toList();
        List<Field> unseeded = read.stream().filter(f -> f.seed().isEmpty()).toList();
        Optional<Field> last = (unseeded.isEmpty() ? read : unseeded).stream().reduce((a, b) -> b);
        String fields = String.join(", ", read.stream().map(Field::name).toList());
        return Diagnostic.error(k.pos(), Code.SG406, test + " failed: the generated seed values of " + e.table()
                + (read.isEmpty() ? "" : " (" + fields + ")") + " break its check (constraint " + constraint + ")")
                .withHint("the seeding reads parts on one field, which fields are NULL together (num_nonnulls,"
                        + " num_nulls, IS NULL ... OR ...) and orders of two free fields (a < b), not this check; give "
                        + last.map(f -> f.name() + " a seed: expression of the row number i that passes it, e.g."
                                + " seed: \"" + example(f.type()) + "\"")
                                .orElse("the fields it reads seed: expressions of the row number i that pass it"));
    }

    /** A name as PostgreSQL reports it: without the quotes specgen may have written. */
    private static String unquoted(String name) {
        return name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2
                ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }

    private static String example(FieldType t) {
        if (t.isText()) {
            return "'item-' || i";
        }
        if (t.has(FieldType.Traits.INTEGER) || t instanceof FieldType.Numeric) {
            return "1 + i % 100";
        }
        if (t.is(FieldType.Kind.DATE)) {
            return "date '2024-01-01' + i";
        }
        if (t.has(FieldType.Traits.TEMPORAL)) {
            return "timestamptz '2024-01-01 00:00+00' + i * interval '1 minute'";
        }
        return "<an expression of i>";
    }
}
