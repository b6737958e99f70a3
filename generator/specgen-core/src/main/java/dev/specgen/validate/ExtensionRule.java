package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Declared extensions ({@code extensions: [pg_trgm]}): each a contrib extension of PostgreSQL 16-18 (SG280 with a
 * did-you-mean), listed once per entity (SG202), with the extension it requires declared too (SG280). An index key
 * with an operator class that an extension defines ({@code gin_trgm_ops}) needs that extension declared by some
 * entity of the run (SG281): an extension belongs to the database, so one declaration serves every schema.
 */
final class ExtensionRule implements Rule {

    @Override
    public void check(SpecModel model, Diagnostics diags) {
        Set<String> declared = new TreeSet<>();
        model.entities().forEach(e -> e.extensions().forEach(x -> declared.add(x.name())));
        for (Entity e : model.entities()) {
            Set<String> seen = new HashSet<>();
            for (Named x : e.extensions()) {
                if (!Contrib.EXTENSIONS.contains(x.name())) {
                    diags.error(x.pos(), Code.SG280, "unknown extension \"" + x.name() + "\""
                            + Suggest.didYouMean(x.name(), Contrib.EXTENSIONS), "specgen knows the extensions"
                            + " PostgreSQL 16 to 18 ship as contrib modules (docs/spec-reference.md#extensions)");
                } else if (!seen.add(x.name())) {
                    diags.error(x.pos(), Code.SG202, "extension \"" + x.name() + "\" is listed twice");
                } else if (Contrib.REQUIRES.containsKey(x.name()) && !declared.contains(Contrib.REQUIRES.get(x.name()))) {
                    String needed = Contrib.REQUIRES.get(x.name());
                    diags.error(x.pos(), Code.SG280, "extension \"" + x.name() + "\" requires the " + needed
                            + " extension, which no spec of the run declares", "add " + needed + " to extensions:");
                }
            }
            for (Index ix : e.indexes()) {
                for (IndexColumn c : ix.columns()) {
                    c.opclass().ifPresent(o -> {
                        String bare = o.substring(o.lastIndexOf('.') + 1);
                        Contrib.extensionOf(bare).filter(x -> !declared.contains(x)).ifPresent(x -> diags.error(
                                c.pos(), Code.SG281, "operator class " + bare + " comes from the " + x
                                        + " extension, which no spec of the run declares",
                                "add extensions: [" + x + "] to entity " + e.name()));
                    });
                }
            }
        }
    }
}
