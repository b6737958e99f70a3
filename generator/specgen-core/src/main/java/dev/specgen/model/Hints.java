package dev.specgen.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The performance hints of an entity or an action, in spec order, each name at most once. */
public record Hints(List<Hint> all) {
    public static final Hints NONE = new Hints(List.of());

    public Hints {
        all = List.copyOf(all);
    }

    public Optional<Hint> get(Hint.Name name) {
        return all.stream().filter(h -> h.name() == name).findFirst();
    }

    /** A boolean hint's value; {@code false} when it is not given. */
    public boolean on(Hint.Name name) {
        return get(name).map(h -> h.value() instanceof Hint.Flag f && f.on()).orElse(false);
    }

    public OptionalLong count(Hint.Name name) {
        return get(name).filter(h -> h.value() instanceof Hint.Count)
                .map(h -> OptionalLong.of(((Hint.Count) h.value()).value())).orElse(OptionalLong.empty());
    }

    public Optional<BigDecimal> amount(Hint.Name name) {
        return get(name).filter(h -> h.value() instanceof Hint.Amount).map(h -> ((Hint.Amount) h.value()).value());
    }
}
