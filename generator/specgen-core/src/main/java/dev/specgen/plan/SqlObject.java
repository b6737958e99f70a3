package dev.specgen.plan;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement the plan will emit, as data. Every object knows the spec position it came from
 * ({@link #origin()}), so a PostgreSQL error on statement 7 is reported at {@code specs/order.yaml:12:9}.
 * All identifiers and literals are already quoted; templates ({@code templates/postgres/<template>.ftl}, one per
 * record type) only place them. Views, their maintenance and refresh functions are {@link ViewObject}s.
 */
public sealed interface SqlObject permits SqlObject.CreateSchema, SqlObject.CreateExtension, SqlObject.CreateEnum,
        SqlObject.CreateTable, SqlObject.CreatePartition, SqlObject.CreateIndex, SqlObject.AttachIndex,
        SqlObject.CommentOn, SqlObject.AddForeignKey, SqlObject.AddConstraint, SqlObject.BulkFunction, ViewObject,
        MaintenanceObject, TableFeatureObject, SequenceObject, TypeObject, WorkflowObject {

    SourcePos origin();

    /** What this is, for messages: {@code index analytics.idx_sales_transaction_date}. */
    String describe();

    /** The template that renders this record, without {@code .ftl}. */
    String template();

    /** False for statements PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY). */
    default boolean transactional() {
        return true;
    }

    /**
     * The statements this object runs inside a generated function (a view's delta capture and merge, a workflow's
     * steps), rendered and parse-gated on their own; never applied by themselves.
     */
    default List<? extends SqlObject> embedded() {
        return List.of();
    }

    /**
     * This object with the text the static parse gate (JSqlParser) cannot judge replaced by stand-ins of the same
     * grammatical role: the user's SQL (CHECK bodies, defaults, index expressions and predicates), which is
     * PostgreSQL's to judge and may use operators JSqlParser does not know, and names JSqlParser reads as key words
     * ({@code public}, {@code cache.entry_state}). Rendered through the same template, so the statement's shape is
     * what the gate checks, whatever an override template adds around it. This object itself when nothing is
     * replaced: the renderer renders a stand-in that is another object once more, and does not compare the two (a
     * record's generated {@code equals} spins method handle classes on its first call in a fresh JVM).
     */
    default SqlObject parseStandIn() {
        return this;
    }

    /** Whether two lists hold the same objects, in order (stand-ins that replaced nothing). */
    private static boolean sameObjects(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    record CreateSchema(String name, SourcePos origin) implements SqlObject {
        public CreateSchema {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "schema " + name;
        }

        @Override
        public SqlObject parseStandIn() {
            return name.equals("specgen_schema") ? this : new CreateSchema("specgen_schema", origin);
        }

        public String template() {
            return "create_schema";
        }
    }

    /**
     * {@code reason} is rendered as a comment above the statement. {@code schema} is where the extension goes if it
     * is not installed yet: named, because with an empty search_path {@code CREATE EXTENSION} has no schema to
     * create in (nothing refers to the extension's objects by name: GiST/GIN find default operator classes by type).
     */
    record CreateExtension(String name, String schema, String reason, SourcePos origin) implements SqlObject {
        public CreateExtension {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(schema, "schema == null");
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "extension " + name;
        }

        public String template() {
            return "create_extension";
        }
    }

    /**
     * {@code labels} are SQL string literals. Rendered as a DO block that ignores duplicate_object, quoted with
     * {@code $tag$} ({@link dev.specgen.model.Sql#dollarTag}).
     */
    record CreateEnum(String name, List<String> labels, SourcePos origin) implements SqlObject {
        public CreateEnum {
            Objects.requireNonNull(name, "name == null");
            labels = List.copyOf(labels);
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return dev.specgen.model.Sql.dollarTag(name + String.join(",", labels));
        }

        public String describe() {
            return "type " + name;
        }

        public String template() {
            return "create_enum";
        }
    }

    /**
     * A table. {@code partitionBy} is empty for a plain table. {@code with} holds storage parameters
     * ({@code fillfactor = 70}); always empty for a partitioned table, whose parameters go on its leaf partitions.
     */
    record CreateTable(String name, boolean unlogged, List<Column> columns, List<Constraint> constraints,
            String partitionBy, List<String> with, SourcePos origin) implements SqlObject {
        public CreateTable {
            Objects.requireNonNull(name, "name == null");
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            Objects.requireNonNull(partitionBy, "partitionBy == null");
            with = List.copyOf(with);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean partitioned() {
            return !partitionBy.isEmpty();
        }

        public boolean hasConstraints() {
            return !constraints.isEmpty();
        }

        @Override
        public SqlObject parseStandIn() {
            List<Column> standInColumns = columns.stream().map(Column::parseStandIn).toList();
            List<Constraint> standInConstraints = constraints.stream().map(Constraint::parseStandIn).toList();
            return sameObjects(standInColumns, columns) && sameObjects(standInConstraints, constraints) ? this
                    : new CreateTable(name, unlogged, standInColumns, standInConstraints, partitionBy, with, origin);
        }

        public boolean hasWith() {
            return !with.isEmpty();
        }

        public String describe() {
            return "table " + name;
        }

        public String template() {
            return "create_table";
        }
    }

    /**
     * A column line. {@code paddedName} is the quoted name padded to align the table's types. {@code defaultSql} is
     * the spec's default expression and {@code identity} {@code GENERATED ... AS IDENTITY}, each empty when absent.
     */
    record Column(String name, String paddedName, String type, boolean notNull, String defaultSql, String identity,
            SourcePos origin, String generated) {
        /**
         * {@code identity} is the whole identity clause ({@code GENERATED ALWAYS AS IDENTITY (START WITH 1000)}),
         * {@code generated} a stored generated column's expression; each empty when the column has none.
         */
        public Column {
            Objects.requireNonNull(generated, "generated == null");
            Objects.requireNonNull(origin, "origin == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(paddedName, "paddedName == null");
            Objects.requireNonNull(type, "type == null");
            Objects.requireNonNull(defaultSql, "defaultSql == null");
            Objects.requireNonNull(identity, "identity == null");
        }

        /** Everything after the type ({@code NOT NULL DEFAULT now()}), possibly empty. */
        public String attributes() {
            StringBuilder b = new StringBuilder(notNull ? "NOT NULL" : "");
            if (!defaultSql.isEmpty()) {
                b.append(b.length() > 0 ? " " : "").append("DEFAULT ").append(defaultSql);
            }
            if (!identity.isEmpty()) {
                b.append(b.length() > 0 ? " " : "").append(identity);
            }
            if (!generated.isEmpty()) {
                b.append(b.length() > 0 ? " " : "").append("GENERATED ALWAYS AS (").append(generated)
                        .append(") STORED");
            }
            return b.toString();
        }

        /** A column that is neither identity nor generated. */
        public Column(String name, String paddedName, String type, boolean notNull, String defaultSql,
                String identity, SourcePos origin) {
            this(name, paddedName, type, notNull, defaultSql, identity, origin, "");
        }

        public boolean hasAttributes() {
            return !attributes().isEmpty();
        }

        /** Schema-qualified (enum) types and the default replaced: see {@link SqlObject#parseStandIn()}. */
        Column parseStandIn() {
            String standInType = type.contains(".") ? "specgen_enum" + (type.endsWith("[]") ? "[]" : "") : type;
            String standInDefault = defaultSql.isEmpty() ? "" : "NULL";
            String standInGenerated = generated.isEmpty() ? "" : "NULL";
            return standInType.equals(type) && standInDefault.equals(defaultSql) && standInGenerated.equals(generated)
                    ? this : new Column(name, paddedName, standInType, notNull, standInDefault, identity, origin,
                    standInGenerated);
        }
    }

    /** {@code CONSTRAINT name body}; body is {@code PRIMARY KEY (a, b)}, {@code CHECK (...)}, ... */
    record Constraint(Kind kind, String name, String body, SourcePos origin) {

        /** What the constraint is; a CHECK's body holds the spec's expression. */
        public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, EXCLUDE, FOREIGN_KEY }

        public Constraint {
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(origin, "origin == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(body, "body == null");
        }

        Constraint parseStandIn() {
            return kind == Kind.CHECK ? new Constraint(kind, name, "CHECK (true)", origin) : this;
        }
    }

    /**
     * {@code CREATE TABLE name PARTITION OF parent bound}. {@code bound} is {@code FOR VALUES ...} or
     * {@code DEFAULT}; {@code partitionBy} is set for a partition that is itself sub-partitioned.
     */
    record CreatePartition(String name, String parent, String bound, String partitionBy, boolean unlogged,
            List<String> with, SourcePos origin) implements SqlObject {
        public CreatePartition {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(parent, "parent == null");
            Objects.requireNonNull(bound, "bound == null");
            Objects.requireNonNull(partitionBy, "partitionBy == null");
            with = List.copyOf(with);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean partitioned() {
            return !partitionBy.isEmpty();
        }

        public boolean hasWith() {
            return !with.isEmpty();
        }

        public String describe() {
            return "partition " + name;
        }

        public String template() {
            return "create_partition";
        }
    }

    /**
     * An index. {@code only}: {@code ON ONLY parent} (rollout form on a partitioned table);
     * {@code concurrently}: built without blocking writes, outside a transaction block.
     */
    record CreateIndex(String name, String table, boolean unique, boolean concurrently, boolean only, String method,
            List<String> keys, List<String> include, String where, List<String> with, SourcePos origin)
            implements SqlObject {
        public CreateIndex {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(method, "method == null");
            keys = List.copyOf(keys);
            include = List.copyOf(include);
            Objects.requireNonNull(where, "where == null");
            with = List.copyOf(with);
            Objects.requireNonNull(origin, "origin == null");
        }

        public boolean hasInclude() {
            return !include.isEmpty();
        }

        public boolean hasWhere() {
            return !where.isEmpty();
        }

        public boolean hasWith() {
            return !with.isEmpty();
        }

        @Override
        public boolean transactional() {
            return !concurrently;
        }

        /** Expression keys (the only keys IndexPlanner writes in parentheses) and the predicate replaced. */
        @Override
        public SqlObject parseStandIn() {
            List<String> standInKeys = keys.stream().map(k -> k.startsWith("(") ? "specgen_expression" : k).toList();
            String standInWhere = where.isEmpty() ? "" : "true";
            return standInKeys.equals(keys) && standInWhere.equals(where) ? this : new CreateIndex(name, table, unique,
                    concurrently, only, method, standInKeys, include, standInWhere, with, origin);
        }

        public String describe() {
            return "index " + name;
        }

        public String template() {
            return "create_index";
        }
    }

    /** {@code ALTER INDEX parent ATTACH PARTITION child}: the last step of an index rollout. */
    /**
     * {@code ALTER INDEX parent ATTACH PARTITION child}. With {@code onlyWhileAttached} (the partitions retention may
     * detach), only while {@code childTable} is a partition of {@code parentTable}: a detached partition keeps its
     * name and its index, so re-running the install script would otherwise fail at this statement.
     *
     * @param childTable  quoted qualified table of {@code child}
     * @param parentTable quoted qualified table of {@code parent}
     */
    record AttachIndex(String parent, String child, String childTable, String parentTable, boolean onlyWhileAttached,
            SourcePos origin) implements SqlObject {
        public AttachIndex {
            Objects.requireNonNull(parent, "parent == null");
            Objects.requireNonNull(child, "child == null");
            Objects.requireNonNull(childTable, "childTable == null");
            Objects.requireNonNull(parentTable, "parentTable == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String childTableLiteral() {
            return Sql.literal(childTable);
        }

        public String parentTableLiteral() {
            return Sql.literal(parentTable);
        }

        /** The DO block's dollar tag: one that none of the names in it contains. */
        public String tag() {
            return Sql.dollarTag(parent + child + childTableLiteral() + parentTableLiteral());
        }

        public String describe() {
            return "index attachment " + child + " to " + parent;
        }

        public String template() {
            return "attach_index";
        }
    }

    /** {@code COMMENT ON kind target IS literal}. */
    record CommentOn(String kind, String target, String text, SourcePos origin) implements SqlObject {
        public CommentOn {
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(target, "target == null");
            Objects.requireNonNull(text, "text == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String describe() {
            return "comment on " + kind.toLowerCase(java.util.Locale.ROOT) + " " + target;
        }

        public String template() {
            return "comment_on";
        }
    }

    /** A foreign key added after all tables (it closes a dependency cycle); a DO block ignoring duplicates. */
    record AddForeignKey(String table, Constraint constraint, SourcePos origin) implements SqlObject {
        public AddForeignKey {
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(constraint, "constraint == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return dev.specgen.model.Sql.dollarTag(table + constraint.name() + constraint.body());
        }

        public String describe() {
            return "foreign key " + constraint.name() + " on " + table;
        }

        public String template() {
            return "add_foreign_key";
        }
    }

    /**
     * A constraint added to its table after the table (and its partitions) exist: a CHECK marked NOT VALID, which
     * PostgreSQL only leaves unvalidated when it is added by ALTER TABLE (in CREATE TABLE it validates it anyway). A
     * DO block ignoring duplicates, so the install runs twice.
     */
    record AddConstraint(String table, Constraint constraint, SourcePos origin) implements SqlObject {
        public AddConstraint {
            Objects.requireNonNull(table, "table == null");
            Objects.requireNonNull(constraint, "constraint == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        public String tag() {
            return dev.specgen.model.Sql.dollarTag(table + constraint.name() + constraint.body());
        }

        public String describe() {
            return "constraint " + constraint.name() + " on " + table;
        }

        public SqlObject parseStandIn() {
            Constraint standIn = constraint.parseStandIn();
            return standIn == constraint ? this : new AddConstraint(table, standIn, origin);
        }

        public String template() {
            return "add_constraint";
        }
    }

    /**
     * One generated bulk function: {@code kind} is the action's operation, {@code json} picks the jsonb form
     * ({@code <action>_json(p_rows jsonb)}) over the array form ({@code <action>(p_<column> <type>[], ...)}). Rendered
     * by {@code bulk_<kind>.ftl} as a plpgsql function (RAISE for bad input, GET DIAGNOSTICS for row counts) whose
     * SQL statements are assembled here from quoted names and the spec's default expressions; templates only place
     * them. See {@link BulkPlanner} for what each list holds.
     *
     * @param signature   {@code analytics.load(uuid[], timestamp[])}: the function as GRANT and DROP name it
     * @param params      parameter declarations ({@code p_region text[] DEFAULT NULL})
     * @param declarations plpgsql variables beyond {@code v_rows} ({@code v_given_region boolean})
     * @param nullChecks  conditions that mean a required input is missing ({@code p_id IS NULL})
     * @param rowCount    the number of input rows ({@code cardinality(p_id)}; jsonb: {@code jsonb_array_length})
     * @param lengthChecks conditions that mean the arrays differ in length
     * @param lengthMessage the error message (an SQL literal) when they do
     * @param lengthDetail a format() call naming each array's length, for the error's DETAIL
     * @param rowsParam   jsonb form: the parameter ({@code p_rows}); empty for the array form
     * @param flags       jsonb form: {@code bool_or(...)} presence tests of the optional columns, into
     *                    {@code flagVariables}
     * @param flagKeys    jsonb form: the optional columns' keys, as SQL literals, in the order of {@code flags}
     * @param source      the FROM item of the input rows, aliased {@code u}
     * @param ordinal     the input position of a row ({@code u.specgen_ord})
     * @param columns     the table columns written, quoted
     * @param values      one select item per column: the input value, or the column's default when not given
     * @param key         columns rows are matched (and de-duplicated, sorted) on; parentKey for replace
     * @param updates     {@code col = expr} assignments of an update
     * @param changed     the update's condition: new values differ from the stored ones (empty: always update)
     * @param lockSpace   replace: the first advisory-lock key (the table's oid)
     * @param lockBucket  replace: the second, a parent's hash bucket
     * @param userSql     the spec's default expressions used in the body (the parse gate leaves them to PostgreSQL)
     * @param settings    planner settings pinned on the function besides search_path ({@code enable_seqscan = off})
     */
    record BulkFunction(dev.specgen.model.Action.Operation kind, boolean json, String name, String signature,
            String table, List<String> comments, List<String> params, List<String> declarations,
            List<String> nullChecks, String nullMessage, String rowCount, List<String> lengthChecks,
            String lengthMessage, String lengthDetail, String rowsParam, List<String> flags,
            List<String> flagVariables, List<String> flagKeys, String source, String ordinal,
            List<String> columns, List<String> values, List<String> key, List<String> parentKey,
            List<String> updates, String changed, String lockSpace, String lockBucket, List<String> userSql,
            List<String> settings, String tag, SourcePos origin)
            implements SqlObject {
        public BulkFunction {
            Objects.requireNonNull(kind, "kind == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(signature, "signature == null");
            Objects.requireNonNull(table, "table == null");
            comments = List.copyOf(comments);
            params = List.copyOf(params);
            declarations = List.copyOf(declarations);
            nullChecks = List.copyOf(nullChecks);
            Objects.requireNonNull(nullMessage, "nullMessage == null");
            Objects.requireNonNull(rowCount, "rowCount == null");
            lengthChecks = List.copyOf(lengthChecks);
            Objects.requireNonNull(lengthMessage, "lengthMessage == null");
            Objects.requireNonNull(lengthDetail, "lengthDetail == null");
            Objects.requireNonNull(rowsParam, "rowsParam == null");
            flags = List.copyOf(flags);
            flagVariables = List.copyOf(flagVariables);
            flagKeys = List.copyOf(flagKeys);
            Objects.requireNonNull(source, "source == null");
            Objects.requireNonNull(ordinal, "ordinal == null");
            columns = List.copyOf(columns);
            values = List.copyOf(values);
            key = List.copyOf(key);
            parentKey = List.copyOf(parentKey);
            updates = List.copyOf(updates);
            Objects.requireNonNull(changed, "changed == null");
            Objects.requireNonNull(lockSpace, "lockSpace == null");
            Objects.requireNonNull(lockBucket, "lockBucket == null");
            userSql = List.copyOf(userSql);
            settings = List.copyOf(settings);
            Objects.requireNonNull(tag, "tag == null");
            Objects.requireNonNull(origin, "origin == null");
        }

        /** The spec's default expressions, where the body writes a column's default, replaced by {@code NULL}. */
        @Override
        public SqlObject parseStandIn() {
            List<String> standInValues = values.stream().map(v -> {
                String out = v;
                for (String d : userSql) {
                    out = out.replace(" ELSE " + d + " END", " ELSE NULL END");
                }
                return out;
            }).toList();
            if (userSql.isEmpty() && standInValues.equals(values)) {
                return this;
            }
            return new BulkFunction(kind, json, name, signature, table, comments, params, declarations, nullChecks,
                    nullMessage, rowCount, lengthChecks, lengthMessage, lengthDetail, rowsParam, flags, flagVariables,
                    flagKeys, source, ordinal, columns, standInValues, key, parentKey, updates, changed, lockSpace, lockBucket,
                    List.of(), settings, tag, origin);
        }

        public boolean hasLengthChecks() {
            return !lengthChecks.isEmpty();
        }

        public boolean hasFlags() {
            return !flags.isEmpty();
        }

        public boolean deduplicated() {
            return !key.isEmpty();
        }

        public boolean hasUpdates() {
            return !updates.isEmpty();
        }

        public boolean hasChanged() {
            return !changed.isEmpty();
        }

        public String describe() {
            return "function " + name;
        }

        public String template() {
            return "bulk_" + kind.word();
        }
    }
}
