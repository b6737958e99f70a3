package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;

/**
 * The plan records of declared types ({@code types:}): each created in its schema's {@code 00_schema.sql}, before
 * any table, after the types it is made of, as a DO block that ignores duplicate_object (re-runnable, like enums).
 * Names are quoted and types spelled by the planner; {@code tag()} is a dollar-quote tag the body does not contain.
 */
public sealed interface TypeObject extends SqlObject {

    /** The text inside the DO block, for its tag. */
    String body();

    default String tag() {
        return Sql.dollarTag(body());
    }

    default String describe() {
        return "type " + name();
    }

    String name();

    /**
     * {@code CREATE DOMAIN <name> AS <base>} with its options, each on a line of its own: {@code COLLATE <c>},
     * {@code DEFAULT <expr>}, {@code NOT NULL}, {@code [CONSTRAINT <n>] CHECK (<expr>)}.
     */
    record CreateDomain(String name, String base, List<String> options, SourcePos origin) implements TypeObject {
        public CreateDomain {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(base, "base == null");
            options = List.copyOf(options);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String body() {
            return base + String.join(" ", options);
        }

        public String template() {
            return "create_domain";
        }
    }

    /** {@code CREATE TYPE <name> AS (<attribute> <type>, ...)}; {@code attributes} are {@code name type}. */
    record CreateComposite(String name, List<String> attributes, SourcePos origin) implements TypeObject {
        public CreateComposite {
            Objects.requireNonNull(name, "name == null");
            attributes = List.copyOf(attributes);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String body() {
            return String.join(",", attributes);
        }

        public String template() {
            return "create_composite_type";
        }
    }

    /** {@code CREATE TYPE <name> AS RANGE (SUBTYPE = <subtype>)}; PostgreSQL creates its multirange with it. */
    record CreateRange(String name, String subtype, SourcePos origin) implements TypeObject {
        public CreateRange {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(subtype, "subtype == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String body() {
            return subtype;
        }

        public String template() {
            return "create_range_type";
        }
    }
}
