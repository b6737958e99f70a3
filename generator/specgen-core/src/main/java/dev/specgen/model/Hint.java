package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;

/** A performance hint, {@code disable_triggers: true} or {@code seed_rows: 10000}; value as written. */
public record Hint(String name, String value, SourcePos pos) {
    public Hint {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        Objects.requireNonNull(pos, "pos == null");
    }
}
