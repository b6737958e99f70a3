package dev.specgen.model.build;

import dev.specgen.diag.SourcePos;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.model.Named;
import dev.specgen.model.Sequence;
import dev.specgen.model.SequenceOptions;
import dev.specgen.validate.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sequences:} items to {@link Sequence}s, and the options an identity mapping shares with them ({@code start},
 * {@code increment}, {@code min}, {@code max}, {@code cache}, {@code cycle}).
 */
final class SequenceBuilder {

    static final List<String> OPTION_KEYS = List.of("start", "increment", "min", "max", "cache", "cycle");
    private static final List<String> KEYS = List.of("name", "as", "start", "increment", "min", "max", "cache", "cycle",
            "owned_by");
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("smallint", "smallint");
        TYPES.put("integer", "integer");
        TYPES.put("bigint", "bigint");
        TYPES.put("int2", "smallint");
        TYPES.put("int4", "integer");
        TYPES.put("int", "integer");
        TYPES.put("int8", "bigint");
    }

    private SequenceBuilder() {
    }

    static List<Sequence> build(Shape shape, YNode n, String schema) {
        List<Sequence> out = new ArrayList<>();
        shape.seq(n, "\"sequences\"").ifPresent(s -> s.items().forEach(i -> shape.map(i, "each item of \"sequences\"")
                .ifPresent(m -> sequence(shape, m, schema).ifPresent(out::add))));
        return out;
    }

    private static Optional<Sequence> sequence(Shape shape, YMap m, String schema) {
        shape.keys(m, KEYS, "sequence");
        Optional<Named> name = shape.required(m, "name", "sequence").flatMap(v -> shape.named(v, "\"name\""));
        name.ifPresent(v -> shape.ident("sequence", v.name(), v.pos()));
        String type = m.get("as").flatMap(v -> shape.word(v, "as", TYPES)).orElse("bigint");
        Optional<Named> ownedBy = m.get("owned_by").flatMap(v -> shape.named(v, "\"owned_by\""));
        SequenceOptions options = options(shape, m);
        return name.map(v -> new Sequence(schema, v.name(), type, options, ownedBy, v.pos()));
    }

    /** The options of {@code m}; other keys are the caller's to check. */
    static SequenceOptions options(Shape shape, YMap m) {
        Map<String, SourcePos> positions = new LinkedHashMap<>();
        for (String k : OPTION_KEYS) {
            m.get(k).ifPresent(v -> positions.put(k, v.pos()));
        }
        return new SequenceOptions(number(shape, m, "start"), number(shape, m, "increment"), number(shape, m, "min"),
                number(shape, m, "max"), number(shape, m, "cache"),
                m.get("cycle").flatMap(c -> shape.bool(c, "\"cycle\"")), positions, m.pos());
    }

    private static Optional<Long> number(Shape shape, YMap m, String key) {
        return m.get(key).flatMap(v -> shape.integer(v, "\"" + key + "\""));
    }
}
