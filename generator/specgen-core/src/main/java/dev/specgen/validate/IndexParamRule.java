package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.model.Entity;
import dev.specgen.model.Index;
import dev.specgen.model.Index.Method;
import dev.specgen.model.Param;
import dev.specgen.model.SpecModel;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Index {@code with:} parameters: each must be one the access method knows, with a value in range (SG210). */
final class IndexParamRule implements Rule {

    private static final ParamSpec FILLFACTOR = ParamSpec.integer("fillfactor", 10, 100);

    static final Map<Method, Map<String, ParamSpec>> PARAMS = new EnumMap<>(Method.class);

    static {
        put(Method.BTREE, FILLFACTOR, ParamSpec.bool("deduplicate_items"));
        put(Method.HASH, FILLFACTOR);
        put(Method.GIST, FILLFACTOR, ParamSpec.words("buffering", "on", "off", "auto"));
        put(Method.SPGIST, FILLFACTOR);
        put(Method.GIN, ParamSpec.bool("fastupdate"), ParamSpec.integer("gin_pending_list_limit", 64, 2147483647L));
        put(Method.BRIN, ParamSpec.integer("pages_per_range", 1, 2147483647L), ParamSpec.bool("autosummarize"));
    }

    private static void put(Method m, ParamSpec... specs) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            byName.put(s.name(), s);
        }
        PARAMS.put(m, byName);
    }

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Index ix : e.indexes()) {
            Map<String, ParamSpec> known = PARAMS.get(ix.method());
            String m = ix.method().sql();
            for (Param p : ix.with()) {
                ParamSpec spec = known.get(p.name());
                if (spec != null) {
                    spec.check(p, diags);
                } else if (allNames().contains(p.name())) {
                    diags.error(p.pos(), Code.SG210, "storage parameter " + p.name() + " is not valid for " + m
                            + " indexes", m + " indexes take " + String.join(", ", known.keySet()));
                } else {
                    diags.error(p.pos(), Code.SG210, "unknown storage parameter \"" + p.name() + "\" for " + m
                            + " indexes" + Suggest.didYouMean(p.name(), List.copyOf(known.keySet())),
                            m + " indexes take " + String.join(", ", known.keySet()));
                }
            }
        }
    }

    private static Set<String> allNames() {
        Set<String> all = new LinkedHashSet<>();
        PARAMS.values().forEach(m -> all.addAll(m.keySet()));
        return all;
    }
}
