package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.Objects;
import java.util.Optional;

/**
 * A sequence an entity declares ({@code sequences: [{name: invoice_no_seq, as: bigint, start: 1000, owned_by:
 * invoice_no}]}), created in the entity's schema. {@code type} is {@code smallint}, {@code integer} or {@code bigint};
 * {@code ownedBy} a field of the entity whose column the sequence belongs to (dropped with it). {@code pos} is the
 * name's position.
 */
public record Sequence(String schema, String name, String type, SequenceOptions options, Optional<Named> ownedBy,
        SourcePos pos) {

    public Sequence {
        Objects.requireNonNull(schema, "schema == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(options, "options == null");
        Objects.requireNonNull(ownedBy, "ownedBy == null");
        Objects.requireNonNull(pos, "pos == null");
    }

    /**
     * A sequence a column default names: {@code default: "nextval('invoice_no_seq')"} (the entity's schema) or
     * {@code nextval('billing.invoice_no_seq')}; {@code pos} is the default's position.
     */
    public record Ref(String schema, String name, SourcePos pos) {
        public Ref {
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }
}
