package dev.specgen.verify;

import dev.specgen.db.CatalogObjects.EnumInfo;
import dev.specgen.db.CatalogObjects.TypeInfo;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import dev.specgen.model.UserType;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The declared types ({@code types:}) against the catalog: each exists with its kind; a domain's base type, NOT
 * NULL, whether it has a default, how many CHECKs and the names the spec gives them; a composite's attributes (name
 * and type, in order); a range's subtype; an enum's labels. Differences are drift (SG404) at the declaration. The
 * text of a domain's default and checks is not compared (PostgreSQL stores it rewritten).
 */
final class TypeDrift {
    private final CatalogSnapshot cat;
    private final BiConsumer<SourcePos, String> drift;

    TypeDrift(CatalogSnapshot cat, BiConsumer<SourcePos, String> drift) {
        this.cat = cat;
        this.drift = drift;
    }

    void check(UserType t) {
        String q = t.schema() + "." + t.name();
        if (t instanceof UserType.Enum en) {
            Optional<EnumInfo> found = cat.enums().stream()
                    .filter(x -> x.schema().equals(t.schema()) && x.name().equals(t.name())).findFirst();
            if (found.isEmpty()) {
                drift.accept(t.pos(), "enum type " + q + " is missing");
            } else {
                same(t.pos(), "labels of enum type " + q, en.type().values().toString(), found.get().labels().toString());
            }
            return;
        }
        String kind = t instanceof UserType.Domain ? "domain" : t instanceof UserType.Composite ? "composite" : "range";
        Optional<TypeInfo> found = cat.types().stream()
                .filter(x -> x.schema().equals(t.schema()) && x.name().equals(t.name())).findFirst();
        if (found.isEmpty() || !found.get().kind().equals(kind)) {
            drift.accept(t.pos(), kind + " " + q + " is missing" + found.map(f -> " (a " + f.kind() + " has its name)")
                    .orElse(""));
            return;
        }
        TypeInfo info = found.get();
        if (t instanceof UserType.Domain d) {
            same(d.basePos(), "base type of domain " + q, d.type().base().formatType(), info.base());
            same(t.pos(), "NOT NULL of domain " + q, String.valueOf(d.type().notNull()), String.valueOf(info.notNull()));
            same(d.defaultPos(), "default of domain " + q, d.defaultSql().isPresent() ? "a default" : "no default",
                    info.defaultSql().isPresent() ? "a default" : "no default");
            same(t.pos(), "number of checks of domain " + q, String.valueOf(d.checks().size()),
                    String.valueOf(info.constraints().size()));
            for (UserType.Check c : d.checks()) {
                c.name().filter(n -> info.constraints().stream().noneMatch(k -> k.startsWith(Sql.ident(n) + " ")))
                        .ifPresent(n -> drift.accept(c.pos(), "check " + n + " of domain " + q + " is missing"));
            }
        } else if (t instanceof UserType.Composite c) {
            List<String> planned = c.type().attributes().stream()
                    .map(a -> Sql.ident(a.name()) + " " + a.type().formatType()).toList();
            same(t.pos(), "attributes of composite type " + q, planned.toString(), info.attributes().toString());
        } else if (t instanceof UserType.Range r) {
            // PostgreSQL keeps no type modifier on a range subtype (SG289 warns of one)
            same(r.subtypePos(), "subtype of range " + q,
                    r.type().subtype().formatType().replaceAll("\\(\\d+(,\\d+)?\\)", ""), info.base());
        }
    }

    private void same(SourcePos pos, String what, String planned, String actual) {
        if (!planned.equals(actual)) {
            drift.accept(pos, what + " differs: the spec makes \"" + planned + "\", the database has \"" + actual + "\"");
        }
    }
}
