package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;

/** A name as written in the spec, with its position (a column in a key list, an entity in a reference). */
public record Named(String name, SourcePos pos) {
    public Named {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(pos, "pos == null");
    }
}
