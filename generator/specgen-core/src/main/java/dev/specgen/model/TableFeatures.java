package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Table features of an entity beyond columns, keys and indexes: {@code replica_identity}, {@code row_level_security}
 * (with its policies) and {@code triggers} whose functions are the user's.
 */
public record TableFeatures(Optional<ReplicaIdentity> replicaIdentity, Optional<RowSecurity> rowSecurity,
        List<Trigger> triggers) {

    public static final TableFeatures NONE = new TableFeatures(Optional.empty(), Optional.empty(), List.of());

    public TableFeatures {
        Objects.requireNonNull(replicaIdentity, "replicaIdentity == null");
        Objects.requireNonNull(rowSecurity, "rowSecurity == null");
        triggers = List.copyOf(triggers);
    }

    /** A spec word's SQL spelling: the constant with {@code _} as a space ({@code INSTEAD_OF}: INSTEAD OF). */
    public interface Word {
        String name();

        default String sql() {
            return name().replace('_', ' ');
        }
    }

    /** {@code REPLICA IDENTITY}: what logical decoding records of an updated or deleted row. */
    public record ReplicaIdentity(Kind kind, Optional<Named> index, SourcePos pos) {
        public enum Kind implements Word { DEFAULT, FULL, NOTHING, INDEX }

        public ReplicaIdentity {
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(index, "index == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /** {@code ENABLE ROW LEVEL SECURITY}, with {@code FORCE} (the owner too) and the table's policies. */
    public record RowSecurity(boolean force, List<Policy> policies, SourcePos pos) {
        public RowSecurity {
            policies = List.copyOf(policies);
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /** {@code CREATE POLICY}; roles empty: PUBLIC. */
    public record Policy(String name, Command command, boolean permissive, List<Named> roles, Optional<String> using,
            SourcePos usingPos, Optional<String> withCheck, SourcePos withCheckPos, SourcePos pos) {
        public enum Command implements Word { ALL, SELECT, INSERT, UPDATE, DELETE }

        public Policy {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(command, "command == null");
            roles = List.copyOf(roles);
            Objects.requireNonNull(using, "using == null");
            Objects.requireNonNull(usingPos, "usingPos == null");
            Objects.requireNonNull(withCheck, "withCheck == null");
            Objects.requireNonNull(withCheckPos, "withCheckPos == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }

    /**
     * {@code CREATE OR REPLACE TRIGGER}: {@code function} is the user's trigger function ({@code schema}, {@code name};
     * the entity's schema when the spec names none), {@code arguments} string literals, {@code columns} those of
     * {@code UPDATE OF}.
     */
    public record Trigger(String name, Timing timing, List<Event> events, List<Named> columns, boolean forEachRow,
            String functionSchema, String function, List<String> arguments, Optional<String> condition,
            SourcePos conditionPos, SourcePos pos) {
        public enum Timing implements Word { BEFORE, AFTER }

        public enum Event implements Word { INSERT, UPDATE, DELETE, TRUNCATE }

        public Trigger {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(timing, "timing == null");
            events = List.copyOf(events);
            columns = List.copyOf(columns);
            Objects.requireNonNull(functionSchema, "functionSchema == null");
            Objects.requireNonNull(function, "function == null");
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(condition, "condition == null");
            Objects.requireNonNull(conditionPos, "conditionPos == null");
            Objects.requireNonNull(pos, "pos == null");
        }
    }
}
