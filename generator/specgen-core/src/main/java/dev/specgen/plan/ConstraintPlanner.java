package dev.specgen.plan;

import dev.specgen.model.Entity;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import dev.specgen.model.TableConstraint;
import dev.specgen.plan.SqlObject.AddConstraint;
import dev.specgen.plan.SqlObject.Constraint;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The entity's {@code constraints:} list as table constraints: each with the spec's name or PostgreSQL's default
 * ({@code <table>_<columns>_key}, {@code <table>_<columns>_excl}, {@code <table>_<column>_check} for a CHECK on one
 * column, {@code <table>_check} otherwise), in spec order. A NOT VALID CHECK becomes an {@link AddConstraint} after
 * the table: in CREATE TABLE, PostgreSQL marks every CHECK valid whatever the statement says.
 */
final class ConstraintPlanner {
    private final Entity entity;
    private final NameAllocator names;
    private final String table;
    private final List<Constraint> inline = new ArrayList<>();
    private final List<AddConstraint> added = new ArrayList<>();
    private final List<EntityPlan.KeyIndex> keyIndexes = new ArrayList<>();
    private final List<EntityPlan.NamedConstraint> named = new ArrayList<>();

    ConstraintPlanner(Entity entity, NameAllocator names, String table) {
        this.entity = entity;
        this.names = names;
        this.table = table;
        for (TableConstraint c : entity.constraints()) {
            plan(c);
        }
    }

    /** Explicit names are the spec's: taken before any name is generated. */
    static void reserveNames(Entity e, NameAllocator names) {
        e.primaryKeyName().ifPresent(n -> names.reserve(n.name()));
        e.constraints().forEach(c -> c.name().ifPresent(n -> names.reserve(n.name())));
    }

    /** The constraints written inside CREATE TABLE. */
    List<Constraint> inline() {
        return inline;
    }

    /** The constraints added after the table (NOT VALID checks). */
    List<AddConstraint> added() {
        return added;
    }

    /** The indexes UNIQUE and EXCLUDE constraints make, with their names. */
    List<EntityPlan.KeyIndex> keyIndexes() {
        return keyIndexes;
    }

    private void plan(TableConstraint c) {
        if (c instanceof TableConstraint.Check k) {
            String name = name(k, entity.table() + checkColumn(k.expression()).map(col -> "_" + col).orElse("")
                    + "_check");
            Constraint con = new Constraint(Constraint.Kind.CHECK, Sql.ident(name), "CHECK (" + k.expression() + ")"
                    + (k.notValid() ? " NOT VALID" : ""), k.pos());
            if (k.notValid()) {
                added.add(new AddConstraint(table, con, k.pos()));
            } else {
                inline.add(con);
            }
        } else if (c instanceof TableConstraint.Unique u) {
            String name = name(u, entity.table() + "_" + String.join("_", u.columnNames()) + "_key");
            keyIndexes.add(new EntityPlan.KeyIndex(name, u.columnNames(), false));
            inline.add(new Constraint(Constraint.Kind.UNIQUE, Sql.ident(name), "UNIQUE "
                    + (u.nullsNotDistinct() ? "NULLS NOT DISTINCT " : "") + "(" + EntityPlanner.idents(u.columnNames())
                    + ")", u.pos()));
        } else if (c instanceof TableConstraint.Exclude x) {
            String name = name(x, entity.table() + "_" + String.join("_", x.columnNames()) + "_excl");
            // its index serves lookups on its leading column too: the lookup tests accept it
            keyIndexes.add(new EntityPlan.KeyIndex(name, x.columnNames(), false));
            List<String> elements = x.elements().stream()
                    .map(el -> Sql.ident(el.column().name()) + " WITH " + el.operator()).toList();
            inline.add(new Constraint(Constraint.Kind.EXCLUDE, Sql.ident(name), "EXCLUDE USING " + x.method().sql()
                    + " (" + String.join(", ", elements) + ")" + x.where().map(w -> " WHERE (" + w + ")").orElse(""),
                    x.pos()));
        }
    }

    /** Each item with its name, in spec order. */
    List<EntityPlan.NamedConstraint> named() {
        return named;
    }

    private String name(TableConstraint c, String wanted) {
        String name = c.name().map(Named::name).orElseGet(() -> names.allocate(wanted));
        named.add(new EntityPlan.NamedConstraint(name, c));
        return name;
    }

    /**
     * The one field a CHECK reads, as PostgreSQL picks the default name: {@code <table>_<column>_check} when the
     * expression refers to exactly one column, {@code <table>_check} otherwise. Words are matched against the
     * entity's fields (bare words case-insensitively, quoted ones exactly).
     */
    private Optional<String> checkColumn(String expression) {
        Set<String> fields = new LinkedHashSet<>();
        entity.fields().forEach(f -> fields.add(f.name()));
        Set<String> seen = new LinkedHashSet<>();
        for (Token t : SqlLexer.tokens(expression)) {
            String text = t.text(expression);
            if (t.kind() == Token.Kind.IDENTIFIER && fields.contains(text.toLowerCase(Locale.ROOT))) {
                seen.add(text.toLowerCase(Locale.ROOT));
            } else if (t.kind() == Token.Kind.QUOTED_IDENTIFIER && text.startsWith("\"")) {
                String name = text.substring(1, text.length() - 1).replace("\"\"", "\"");
                if (fields.contains(name)) {
                    seen.add(name);
                }
            }
        }
        return seen.size() == 1 ? Optional.of(seen.iterator().next()) : Optional.empty();
    }
}
