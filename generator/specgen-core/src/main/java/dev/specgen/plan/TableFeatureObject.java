package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;

/**
 * Table features as statements: replica identity, row level security and its policies, triggers. Names and
 * literals quoted, SQL words spelled; the templates only place them.
 */
public sealed interface TableFeatureObject extends SqlObject permits TableFeatureObject.SetReplicaIdentity,
        TableFeatureObject.SetRowSecurity, TableFeatureObject.CreatePolicy, TableFeatureObject.CreateTableTrigger {

    /** {@code ALTER TABLE table REPLICA IDENTITY identity} ({@code FULL}, {@code USING INDEX i}, ...). */
    record SetReplicaIdentity(String table, String identity, SourcePos origin) implements TableFeatureObject {
        public SetReplicaIdentity {
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(identity, "identity == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "replica identity of " + table;
        }

        public String template() {
            return "replica_identity";
        }
    }

    /** {@code ALTER TABLE table ENABLE ROW LEVEL SECURITY} ({@code action} ENABLE) or {@code FORCE ...}. */
    record SetRowSecurity(String table, String action, SourcePos origin) implements TableFeatureObject {
        public SetRowSecurity {
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(action, "action == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "row level security (" + action.toLowerCase(java.util.Locale.ROOT) + ") of " + table;
        }

        public String template() {
            return "row_security";
        }
    }

    /**
     * {@code CREATE POLICY}, in a DO block that leaves an existing policy of the name alone (CREATE POLICY has no IF
     * NOT EXISTS); {@code using} and {@code withCheck} empty when not given, {@code roles} quoted ({@code PUBLIC}).
     */
    record CreatePolicy(String name, String table, String kind, String command, List<String> roles,
            String usingSql, String withCheck, SourcePos origin) implements TableFeatureObject {
        public CreatePolicy {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(command, "command == null");
            roles = List.copyOf(roles);
            Objects.requireNonNull(usingSql, "usingSql == null");
            Objects.requireNonNull(withCheck, "withCheck == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String rolesList() {
            return String.join(", ", roles);
        }

        public boolean hasUsing() {
            return !usingSql.isEmpty();
        }

        public boolean hasWithCheck() {
            return !withCheck.isEmpty();
        }

        public String tag() {
            return Sql.dollarTag(name + table + rolesList() + usingSql + withCheck);
        }

        public String describe() {
            return "policy " + name + " on " + table;
        }

        @Override
        public SqlObject parseStandIn() {
            String standInUsing = usingSql.isEmpty() ? "" : "true";
            String standInCheck = withCheck.isEmpty() ? "" : "true";
            return standInUsing.equals(usingSql) && standInCheck.equals(withCheck) ? this
                    : new CreatePolicy(name, table, kind, command, roles, standInUsing, standInCheck, origin);
        }

        public String template() {
            return "create_policy";
        }
    }

    /**
     * {@code CREATE OR REPLACE TRIGGER name timing events ON table FOR EACH level [WHEN (condition)] EXECUTE FUNCTION
     * function(arguments)}; {@code events} spelled ({@code INSERT OR UPDATE OF a, b}), {@code arguments} literals.
     */
    record CreateTableTrigger(String name, String table, String timing, String events, String level,
            String condition, String function, List<String> arguments, SourcePos origin) implements TableFeatureObject {
        public CreateTableTrigger {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(timing, "timing == null");
            Objects.requireNonNull(events, "events == null");
            Objects.requireNonNull(level, "level == null");
            Objects.requireNonNull(condition, "condition == null");
            Objects.requireNonNull(function, "function == null");
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasCondition() {
            return !condition.isEmpty();
        }

        public String argumentList() {
            return String.join(", ", arguments);
        }

        public String describe() {
            return "trigger " + name + " on " + table;
        }

        @Override
        public SqlObject parseStandIn() {
            String standInCondition = condition.isEmpty() ? "" : "true";
            return standInCondition.equals(condition) ? this : new CreateTableTrigger(name, table, timing, events,
                    level, standInCondition, function, arguments, origin);
        }

        public String template() {
            return "create_table_trigger";
        }
    }
}
