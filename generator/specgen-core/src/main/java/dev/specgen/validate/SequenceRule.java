package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Sequence;
import dev.specgen.model.SpecModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Declared sequences: one name per schema, not a table's (SG202: tables and sequences share PostgreSQL's namespace of
 * relations), options PostgreSQL accepts for the type (SG282), {@code owned_by} a field of the entity (SG203). A
 * default {@code nextval('name')} must name a sequence the run declares (SG284, with a did-you-mean), and its column
 * must be an integer type, which holds what a sequence gives (SG284).
 */
final class SequenceRule implements Rule {

    @Override
    public void check(SpecModel model, Diagnostics diags) {
        Map<String, Sequence> declared = new HashMap<>();
        Set<String> tables = new TreeSet<>();
        model.entities().forEach(e -> tables.add(e.schema() + "." + e.table()));
        for (Entity e : model.entities()) {
            for (Sequence s : e.sequences()) {
                String q = s.schema() + "." + s.name();
                if (declared.putIfAbsent(q, s) != null) {
                    diags.error(s.pos(), Code.SG202, "sequence " + q + " is declared twice");
                } else if (tables.contains(q)) {
                    diags.error(s.pos(), Code.SG202, "sequence " + q + " has the name of a table",
                            "tables and sequences share one namespace per schema; give the sequence another name");
                }
                GenerationRule.options("sequence " + s.name(), s.type(), range(s.type()), s.options(), diags);
                s.ownedBy().filter(o -> e.field(o.name()).isEmpty()).ifPresent(o -> diags.error(o.pos(), Code.SG203,
                        "owned_by of sequence " + s.name() + " names \"" + o.name() + "\", which is not a field of "
                                + e.name() + Columns.didYouMean(o.name(), e)));
            }
        }
        for (Entity e : model.entities()) {
            for (Field f : e.fields()) {
                f.nextval().ifPresent(r -> {
                    String q = r.schema() + "." + r.name();
                    if (!declared.containsKey(q)) {
                        List<String> candidates = declared.keySet().stream().sorted().toList();
                        diags.error(r.pos(), Code.SG284, "default of field \"" + f.name() + "\" takes nextval of "
                                + q + ", which no spec of the run declares" + Suggest.didYouMean(q, candidates),
                                "declare it under sequences: of an entity in schema " + r.schema());
                    } else if (!f.type().has(FieldType.Traits.INTEGER)) {
                        diags.error(r.pos(), Code.SG284, "default of field \"" + f.name() + "\" takes nextval of "
                                + q + ", but the field is " + f.type().sql(), "use an integer type for it");
                    }
                });
            }
        }
    }

    private static long[] range(String type) {
        return switch (type) {
            case "smallint" -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case "integer" -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }
}
