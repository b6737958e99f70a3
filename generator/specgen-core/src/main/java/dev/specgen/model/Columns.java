package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;

/**
 * A list of the entity's own fields named in the spec ({@code conflict_columns: [a, b]}), resolved by the model
 * builder: names that are not fields were reported (SG203) and left out. {@code pos} is the list's position.
 */
public record Columns(List<Field> fields, SourcePos pos) {
    public Columns {
        fields = List.copyOf(fields);
        Objects.requireNonNull(pos, "pos == null");
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    public boolean contains(Field f) {
        return fields.stream().anyMatch(x -> x.name().equals(f.name()));
    }
}
