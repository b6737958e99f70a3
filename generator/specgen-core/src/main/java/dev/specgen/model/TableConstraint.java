package dev.specgen.model;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of an entity's {@code constraints:} list: a table-level CHECK, a UNIQUE over one or more columns, or an
 * EXCLUDE constraint. {@code name} is the spec's explicit name (PostgreSQL's default naming otherwise, chosen by
 * the planner); {@code notValid} is the spec's {@code not_valid: true} (only a CHECK can be NOT VALID, the
 * validator refuses it on the others as PostgreSQL does). {@code pos} is the kind key's value ({@code check:},
 * {@code unique:}, {@code exclude:}); {@code notValidPos} the {@code not_valid:} value's (else {@code pos}).
 */
public sealed interface TableConstraint {

    Optional<Named> name();

    boolean notValid();

    SourcePos notValidPos();

    SourcePos pos();

    /** {@code check}, {@code unique} or {@code exclude}: the key the item was written with. */
    String kind();

    /** {@code CHECK (expression)}; the expression exactly as written (one expression, SG221). */
    record Check(String expression, Optional<Named> name, boolean notValid, SourcePos notValidPos, SourcePos pos)
            implements TableConstraint {
        public Check {
            Objects.requireNonNull(expression, "expression == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(notValidPos, "notValidPos == null");
            Objects.requireNonNull(pos, "pos == null");
        }

        public String kind() {
            return "check";
        }
    }

    /** {@code UNIQUE [NULLS NOT DISTINCT] (columns)}. */
    record Unique(List<Named> columns, boolean nullsNotDistinct, Optional<Named> name, boolean notValid,
            SourcePos notValidPos, SourcePos pos) implements TableConstraint {
        public Unique {
            columns = List.copyOf(columns);
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(notValidPos, "notValidPos == null");
            Objects.requireNonNull(pos, "pos == null");
        }

        public String kind() {
            return "unique";
        }

        public List<String> columnNames() {
            return columns.stream().map(Named::name).toList();
        }
    }

    /**
     * {@code EXCLUDE USING method (column WITH operator, ...) [WHERE (predicate)]}. {@code operator} is an operator
     * token as written ({@code =}, {@code &&}); the validator accepts nothing else (SG272).
     */
    record Exclude(Index.Method method, SourcePos methodPos, List<Element> elements, Optional<String> where,
            SourcePos wherePos, Optional<Named> name, boolean notValid, SourcePos notValidPos, SourcePos pos)
            implements TableConstraint {
        public Exclude {
            Objects.requireNonNull(method, "method == null");
            Objects.requireNonNull(methodPos, "methodPos == null");
            elements = List.copyOf(elements);
            Objects.requireNonNull(where, "where == null");
            Objects.requireNonNull(wherePos, "wherePos == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(notValidPos, "notValidPos == null");
            Objects.requireNonNull(pos, "pos == null");
        }

        public String kind() {
            return "exclude";
        }

        public List<String> columnNames() {
            return elements.stream().map(el -> el.column().name()).toList();
        }
    }

    /** One {@code column WITH operator} of an EXCLUDE constraint; {@code operatorPos} is the {@code with:} value's. */
    record Element(Named column, String operator, SourcePos operatorPos) {
        public Element {
            Objects.requireNonNull(column, "column == null");
            Objects.requireNonNull(operator, "operator == null");
            Objects.requireNonNull(operatorPos, "operatorPos == null");
        }
    }
}
