package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;
import java.util.Optional;

/**
 * A foreign key: {@code references: Customer} (its primary key), {@code references: Customer.customer_id}, or the
 * long form with {@code on_delete}/{@code on_update} ({@code cascade}, {@code restrict}, {@code set null},
 * {@code set default}, {@code no action}).
 */
public record Reference(String entity, Optional<String> field, Optional<String> onDelete, Optional<String> onUpdate,
        SourcePos pos) {
    public Reference {
        Objects.requireNonNull(entity, "entity == null");
        Objects.requireNonNull(field, "field == null");
        Objects.requireNonNull(onDelete, "onDelete == null");
        Objects.requireNonNull(onUpdate, "onUpdate == null");
        Objects.requireNonNull(pos, "pos == null");
    }
}
