package dev.specgen.plan;

import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import dev.specgen.model.UserType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CREATE statements of a schema's declared types, in dependency order (a type after the declared types it is
 * made of; otherwise by name), for its {@code 00_schema.sql}. A declared enum is created here too, and not again by
 * a table that uses it.
 */
final class TypePlanner {
    private TypePlanner() {
    }

    /** The declared types of {@code schema}, each after those of the same schema it uses. */
    static List<SqlObject> objects(String schema, List<UserType> all) {
        List<UserType> own = all.stream().filter(t -> t.schema().equals(schema))
                .sorted(Comparator.comparing(UserType::name)).toList();
        Set<UserType> done = new LinkedHashSet<>();
        for (UserType t : own) {
            visit(t, own, done);
        }
        List<SqlObject> out = new ArrayList<>();
        done.forEach(t -> out.add(object(t)));
        return out;
    }

    private static void visit(UserType t, List<UserType> own, Set<UserType> done) {
        if (done.contains(t)) {
            return;
        }
        for (FieldType p : t.parts()) {
            declared(p).flatMap(d -> own.stream().filter(o -> o.type().sql().equals(d)).findFirst())
                    .filter(o -> o != t).ifPresent(o -> visit(o, own, done));
        }
        done.add(t);
    }

    /** The quoted name of the declared type {@code t} is (an array's element; a multirange's range), if any. */
    static Optional<String> declared(FieldType t) {
        FieldType e = t instanceof FieldType.Array a ? a.element() : t;
        if (e instanceof FieldType.Range r) {
            return Optional.of(Sql.qualified(r.schema(), r.name()));
        }
        if (e instanceof FieldType.Domain || e instanceof FieldType.Composite || e instanceof FieldType.Enum) {
            return Optional.of(e.sql());
        }
        return Optional.empty();
    }

    static SqlObject object(UserType t) {
        String name = Sql.qualified(t.schema(), t.name());
        if (t instanceof UserType.Domain d) {
            List<String> options = new ArrayList<>();
            d.collation().ifPresent(c -> options.add("COLLATE " + collation(c)));
            d.defaultSql().ifPresent(x -> options.add("DEFAULT " + x));
            if (d.type().notNull()) {
                options.add("NOT NULL");
            }
            for (UserType.Check c : d.checks()) {
                options.add(c.name().map(n -> "CONSTRAINT " + Sql.ident(n) + " ").orElse("") + "CHECK ("
                        + c.expression().strip() + ")");
            }
            return new TypeObject.CreateDomain(name, d.type().base().sql(), options, d.pos());
        }
        if (t instanceof UserType.Composite c) {
            return new TypeObject.CreateComposite(name, c.type().attributes().stream()
                    .map(a -> Sql.ident(a.name()) + " " + a.type().sql()).toList(), c.pos());
        }
        if (t instanceof UserType.Range r) {
            return new TypeObject.CreateRange(name, r.type().subtype().sql(), r.pos());
        }
        UserType.Enum en = (UserType.Enum) t;
        return new SqlObject.CreateEnum(name, en.type().values().stream().map(Sql::literal).toList(), en.pos());
    }

    /** {@code "C"}, {@code "en_US"} or {@code pg_catalog."default"}: each part quoted where needed. */
    private static String collation(String c) {
        int dot = c.indexOf('.');
        return dot < 0 ? Sql.ident(c) : Sql.qualified(c.substring(0, dot), c.substring(dot + 1));
    }
}
