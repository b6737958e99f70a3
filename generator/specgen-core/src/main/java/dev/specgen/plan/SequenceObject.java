package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import java.util.Objects;

/**
 * The plan records of declared sequences: each is created in its schema's {@code 00_schema.sql}, before any table
 * (a default of any table of the run may take its nextval), and owned by its column after that table exists. Names
 * are quoted and options spelled by the planner.
 */
public sealed interface SequenceObject extends SqlObject {

    /** {@code CREATE SEQUENCE IF NOT EXISTS <name> AS <type> <options>}; {@code options} may be empty. */
    record CreateSequence(String name, String type, String options, SourcePos origin) implements SequenceObject {
        public CreateSequence {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(options, "options == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasOptions() {
            return !options.isEmpty();
        }

        public String describe() {
            return "sequence " + name;
        }

        public String template() {
            return "create_sequence";
        }
    }

    /** {@code ALTER SEQUENCE <name> OWNED BY <table>.<column>}: dropped with the column; re-running changes nothing. */
    record OwnedBy(String name, String column, SourcePos origin) implements SequenceObject {
        public OwnedBy {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(column, "column == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "owner of sequence " + name;
        }

        public String template() {
            return "sequence_owned_by";
        }
    }
}
