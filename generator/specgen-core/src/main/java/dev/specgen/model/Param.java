package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;

/**
 * A storage parameter: {@code fillfactor = 70}. {@code value} is the SQL literal text as it will be rendered
 * ({@code 70}, {@code 0.05}, {@code on}, {@code off}).
 */
public record Param(String name, String value, SourcePos pos) {
    public Param {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        Objects.requireNonNull(pos, "pos == null");
    }
}
