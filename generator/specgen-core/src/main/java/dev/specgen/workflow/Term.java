package dev.specgen.workflow;

import dev.specgen.model.Field;
import java.util.Objects;

/** The arithmetic of a derived workflow field, parsed once: numbers, columns, + - * / and parentheses. */
public sealed interface Term permits Term.Number, Term.NewValue, Term.Column, Term.Binary, Term.Paren {

    /** An unsigned numeric literal as written ({@code 1}, {@code 2.5}). */
    record Number(String text) implements Term {
        public Number {
            Objects.requireNonNull(text, "text == null");
        }
    }

    /** The value an accumulated column of the same step has after the step. */
    record NewValue(CompiledWorkflow.Accumulate fold) implements Term {
        public NewValue {
            Objects.requireNonNull(fold, "fold == null");
        }
    }

    /** A target column the step does not set: its value before (and after) the step. */
    record Column(Field field) implements Term {
        public Column {
            Objects.requireNonNull(field, "field == null");
        }
    }

    /** {@code left op right}, op one of {@code + - * /}. */
    record Binary(Term left, String op, Term right) implements Term {
        public Binary {
            Objects.requireNonNull(left, "left == null");
            Objects.requireNonNull(op, "op == null");
            Objects.requireNonNull(right, "right == null");
        }
    }

    /** {@code (inner)}, kept so the rendering reads as written. */
    record Paren(Term inner) implements Term {
        public Paren {
            Objects.requireNonNull(inner, "inner == null");
        }
    }
}
