package dev.specgen.plan;

import dev.specgen.model.Action;
import dev.specgen.model.Action.Operation;
import dev.specgen.model.BulkShape;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import dev.specgen.plan.SqlObject.BulkFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two functions of one bulk operation: the array form {@code <action>(p_<column> <type>[], ...)} and the jsonb
 * form {@code <action>_json(p_<batch_field> jsonb)}. Both read their input as rows aliased {@code u} (unnest with
 * ordinality; jsonb_array_elements with ordinality and jsonb_to_record), so one statement shape serves both: only
 * the FROM item and how "was this column given" is asked differ.
 *
 * <p>Rules, the same in both forms and in {@code specgen load}:
 * <ul>
 * <li>a column left out (its array NULL, or its key in no jsonb row) takes its default (NULL without one) in a new
 * row and keeps its value in an updated one;</li>
 * <li>rows with the same key in one call: the last one wins (highest input position), and rows are written in key
 * order, so concurrent callers take row locks in one order;</li>
 * <li>delete first locks the rows in key order ({@code SELECT ... ORDER BY key FOR UPDATE}), then deletes;</li>
 * <li>replace takes a transaction-level advisory lock per parent hash bucket (of {@value #BUCKETS}), in bucket order,
 * then deletes the parents' rows that are gone, updates those that differ and inserts the new ones in one
 * statement.</li>
 * </ul>
 */
final class BulkPlanner {
    /** Advisory-lock buckets of replace: bounds the locks one call takes (the lock table is shared). */
    static final int BUCKETS = 256;
    /** Comment lines are wrapped at this width. */
    static final int WIDTH = 112;

    private final Entity entity;
    private final String table;

    BulkPlanner(Entity entity) {
        this.entity = entity;
        this.table = Sql.qualified(entity.schema(), entity.table());
    }

    List<BulkFunction> plan(Action.Bulk a) {
        BulkShape shape = BulkShape.of(entity, a);
        return List.of(function(a, shape, false), function(a, shape, true));
    }

    /**
     * The function's statements for rows staged by {@code specgen load}: the same record as the array form, read from
     * {@code stage} (an SQL FROM item aliased {@code u}, holding every supplied column and {@code specgen_line}) with
     * the columns in {@code given} given and the others left out (constant conditions PostgreSQL folds away).
     * {@code into} replaces the table (a detached partition of --initial); {@code fill} says it is written as an
     * insert (an empty partition filling without its indexes), else by the action's own rules.
     */
    BulkFunction staged(Action.Bulk a, java.util.Collection<String> given, String stage, String into, boolean fill) {
        BulkShape shape = BulkShape.of(entity, a);
        Input in = new Input();
        in.staged = new java.util.HashSet<>(given);
        in.nullMessage = "";
        in.rowCount = "";
        in.source = stage;
        in.ordinal = "u.specgen_line";
        in.types.add("");
        in.fill = fill;
        return function(a, shape, in, entity.schema() + "." + a.name(), into);
    }

    private BulkFunction function(Action.Bulk a, BulkShape shape, boolean json) {
        String fname = json ? a.name() + "_json" : a.name();
        String plain = entity.schema() + "." + fname;
        Input in = json ? jsonInput(a, shape, plain) : arrayInput(shape, plain);
        return function(a, shape, in, plain, table);
    }

    private BulkFunction function(Action.Bulk a, BulkShape shape, Input in, String plain, String table) {
        String name = Sql.qualified(entity.schema(), plain.substring(plain.indexOf('.') + 1));
        boolean json = in.json;
        List<Field> written = shape.supplied();
        List<String> columns = written.stream().map(f -> Sql.ident(f.name())).toList();
        List<String> values = new ArrayList<>();
        for (Field f : written) {
            values.add(value(shape, f, in) + " AS " + Sql.ident(f.name()));
        }
        String row = a.operation() == Operation.UPSERT ? "excluded" : "n";
        List<String> updates = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        boolean comparable = true;
        for (Field f : shape.update()) {
            String col = Sql.ident(f.name());
            String v = shape.optional(entity, f) ? "CASE WHEN " + in.given(f) + " THEN " + row + "." + col + " ELSE t."
                    + col + " END" : row + "." + col;
            updates.add(col + " = " + v);
            boolean text = isJson(f.type());
            comparable &= text || f.type().sortable();
            stored.add(text ? "t." + col + "::text" : "t." + col);
            fresh.add(text ? "(" + v + ")::text" : v);
        }
        // point and box have no equality that tells values apart: such rows are always rewritten
        String changed = updates.isEmpty() || !comparable ? "" : "(" + String.join(", ", stored)
                + ")\n           IS DISTINCT FROM\n           (" + String.join(",\n            ", fresh) + ")";
        // rows are de-duplicated and written in key order with the partition columns first: any one order keeps
        // concurrent callers from waiting on each other in a cycle, and this one writes a partition's rows together
        // (its heap and index pages stay in cache; an upsert of 10k rows into 13 monthly partitions measured about a
        // third faster than in the key's own order, which scatters them over every partition)
        List<String> partitions = entity.partitionColumns();
        List<String> key = java.util.stream.Stream.concat(
                shape.key().stream().filter(f -> partitions.contains(f.name())),
                shape.key().stream().filter(f -> !partitions.contains(f.name())))
                .map(f -> Sql.ident(f.name())).toList();
        List<String> parent = shape.parentKey().stream().map(f -> Sql.ident(f.name())).toList();
        if (in.fill && !parent.isEmpty()) {
            // a replace written as an insert (into an empty partition): its rows are told apart by parent and key
            List<String> both = new ArrayList<>(parent);
            both.addAll(key);
            key = both;
        }
        String signature = plain + "(" + String.join(", ", in.types) + ")";
        String lockSpace = Sql.literal(table) + "::regclass::oid::integer";
        String lockBucket = "(pg_catalog.hash_record_extended(ROW(" + String.join(", ", parent.stream()
                .map(k -> "u." + k).toList()) + "), 0) & " + (BUCKETS - 1) + ")::integer";
        List<String> comments = in.staged != null ? List.of() : comments(a, shape, json, plain, in);
        String body = String.join("|", values) + String.join("|", updates) + in.source;
        return new BulkFunction(a.operation(), json, name, signature, table, comments, in.params, in.declarations,
                in.nullChecks, Sql.literal(in.nullMessage), in.rowCount, in.lengthChecks,
                Sql.literal(plain + ": the arrays differ in length"), in.lengthDetail, in.rowsParam, in.flags,
                in.flagVariables, in.flagKeys, in.source, in.ordinal, columns, values, key, parent, updates, changed, lockSpace,
                lockBucket, written.stream().filter(f -> shape.optional(entity, f)).map(Field::defaultSql)
                        .flatMap(java.util.Optional::stream).distinct().toList(), settings(a), Sql.dollarTag(body),
                a.pos());
    }

    /**
     * Delete and replace join the given keys (or parents) to the table. A call's keys are a few next to the table's
     * rows, but after DISTINCT the planner underestimates them and may hash-join a sequential scan of every partition,
     * once per call: measured on the DMS references (200k rows, 10k per call) 1.1 s against 0.3 s driven by the
     * indexes. Pinned on the function (restored when it returns), this makes the keys drive index scans.
     */
    static List<String> settings(Action.Bulk a) {
        return a.operation() == Operation.DELETE || a.operation() == Operation.REPLACE
                ? List.of("enable_seqscan = off") : List.of();
    }

    /** The value written for {@code f}: the input, or the column's default when the caller left it out. */
    private String value(BulkShape shape, Field f, Input in) {
        String u = "u." + Sql.ident(f.name()) + (isArrayColumn(f) && !in.json && in.staged == null
                ? "::" + f.type().sql() : "");
        if (shape.optional(entity, f) && f.defaultSql().isPresent()) {
            return "CASE WHEN " + in.given(f) + " THEN " + u + " ELSE " + f.defaultSql().get() + " END";
        }
        return u;
    }

    /** How the input arrives and how to ask whether a column was given. */
    private static final class Input {
        boolean json;
        final List<String> params = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        final List<String> declarations = new ArrayList<>();
        final List<String> nullChecks = new ArrayList<>();
        String nullMessage;
        String rowCount;
        final List<String> lengthChecks = new ArrayList<>();
        String lengthDetail = "";
        final List<String> flags = new ArrayList<>();
        final List<String> flagVariables = new ArrayList<>();
        final List<String> flagKeys = new ArrayList<>();
        String source;
        String ordinal;
        String rowsParam = "";

        /** Staged rows: the columns the input has (the others are left out), else null. */
        java.util.Set<String> staged;
        /** Staged rows written as an insert into an empty partition, whatever the action. */
        boolean fill;

        String given(Field f) {
            if (staged != null) {
                return Boolean.toString(staged.contains(f.name()));
            }
            return json ? variable(f) : Sql.ident(param(f)) + " IS NOT NULL";
        }
    }

    private Input arrayInput(BulkShape shape, String plain) {
        Input in = new Input();
        List<Field> required = shape.supplied().stream().filter(f -> !shape.optional(entity, f)).toList();
        List<Field> optional = shape.supplied().stream().filter(f -> shape.optional(entity, f)).toList();
        List<String> requiredNames = new ArrayList<>();
        for (Field f : required) {
            in.params.add(Sql.ident(param(f)) + " " + arrayType(f));
            in.types.add(arrayType(f));
            in.nullChecks.add(Sql.ident(param(f)) + " IS NULL");
            requiredNames.add(param(f));
        }
        for (Field f : optional) {
            in.params.add(Sql.ident(param(f)) + " " + arrayType(f) + " DEFAULT NULL");
            in.types.add(arrayType(f));
        }
        // the first required array sets the row count (validation guarantees one: a key or a NOT NULL column)
        Field first = required.isEmpty() ? shape.supplied().get(0) : required.get(0);
        in.nullMessage = plain + ": " + String.join(", ", requiredNames) + (requiredNames.size() == 1
                ? " is required (not NULL)" : " are required (not NULL)");
        if (required.isEmpty()) {
            in.nullChecks.add(shape.supplied().stream().map(f -> Sql.ident(param(f)) + " IS NULL")
                    .reduce((x, y) -> x + " AND " + y).orElseThrow());
            in.nullMessage = plain + ": give at least one array";
        }
        in.rowCount = required.isEmpty() ? "greatest(" + String.join(", ", shape.supplied().stream()
                .map(f -> "cardinality(" + Sql.ident(param(f)) + ")").toList()) + ")"
                : "cardinality(" + Sql.ident(param(first)) + ")";
        List<String> detail = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (Field f : shape.supplied()) {
            String p = Sql.ident(param(f));
            if (!required.isEmpty() && f == first) {
                detail.add(param(f) + " %s");
                args.add("cardinality(" + p + ")");
                continue;
            }
            in.lengthChecks.add("cardinality(" + p + ") <> v_rows");
            detail.add(param(f) + " %s");
            args.add("coalesce(cardinality(" + p + ")::text, 'NULL')");
        }
        if (!in.lengthChecks.isEmpty()) {
            in.lengthDetail = "format(" + Sql.literal("elements: " + String.join(", ", detail)) + ", "
                    + String.join(", ", args) + ")";
        }
        List<String> arrays = shape.supplied().stream().map(f -> Sql.ident(param(f))).toList();
        List<String> names = new ArrayList<>(shape.supplied().stream().map(f -> Sql.ident(f.name())).toList());
        names.add("specgen_ord");
        in.source = "unnest(" + String.join(", ", arrays) + ")\n                   WITH ORDINALITY AS u("
                + String.join(", ", names) + ")";
        in.ordinal = "u.specgen_ord";
        return in;
    }

    private Input jsonInput(Action.Bulk a, BulkShape shape, String plain) {
        Input in = new Input();
        in.json = true;
        String p = "p_" + a.batchField().map(b -> b.name()).orElse("rows");
        in.rowsParam = Sql.ident(p);
        in.params.add(Sql.ident(p) + " jsonb");
        in.types.add("jsonb");
        in.nullChecks.add(Sql.ident(p) + " IS NULL");
        in.nullMessage = plain + ": " + p + " is required (not NULL)";
        in.rowCount = "jsonb_array_length(" + Sql.ident(p) + ")";
        for (Field f : shape.supplied()) {
            if (shape.optional(entity, f)) {
                in.declarations.add(variable(f) + " boolean := true");
                in.flags.add("bool_or(e.specgen_doc ? " + Sql.literal(f.name()) + ")");
                in.flagVariables.add(variable(f));
                in.flagKeys.add(Sql.literal(f.name()));
            }
        }
        List<String> defs = shape.supplied().stream().map(f -> Sql.ident(f.name()) + " " + f.type().sql()).toList();
        in.source = "jsonb_array_elements(" + Sql.ident(p) + ") WITH ORDINALITY AS e(specgen_doc, specgen_ord)\n"
                + "                   CROSS JOIN LATERAL jsonb_to_record(e.specgen_doc) AS u("
                + String.join(", ", defs) + ")";
        in.ordinal = "e.specgen_ord";
        return in;
    }

    private List<String> comments(Action.Bulk a, BulkShape shape, boolean json, String plain, Input in) {
        List<String> out = new ArrayList<>();
        String what = switch (a.operation()) {
            case INSERT -> "inserts the given rows";
            case UPSERT -> "inserts the given rows, or updates the rows with the same "
                    + names(shape.key()) + " where a value differs";
            case DELETE -> "deletes the rows with the given " + names(shape.key());
            case REPLACE -> "makes the rows of each given " + names(shape.parentKey()) + " exactly the given rows"
                    + " (matched on " + names(shape.key()) + "): deletes those that are gone, updates those that"
                    + " differ, inserts the new ones";
        };
        String input = json ? "Rows come as a jsonb array of objects keyed by column name." : "Rows come as one array"
                + " per column, all of one length; call with named parameters (p_<column> => ...).";
        StringBuilder s = new StringBuilder(plain + " " + what + ". " + input);
        List<String> optional = shape.supplied().stream().filter(f -> shape.optional(entity, f))
                .map(f -> json ? f.name() : param(f)).toList();
        if (!optional.isEmpty()) {
            s.append(" Optional: ").append(String.join(", ", optional)).append(json
                    ? " (a key no row has is left out)" : "")
                    .append("; left out, a new row gets the column default and an existing row keeps its value.");
        }
        if (!shape.key().isEmpty() && a.operation() != Operation.DELETE) {
            s.append(" Rows with the same ").append(names(concat(shape.parentKey(), shape.key())))
                    .append(" in one call: the last one wins; rows are written in that order.");
        }
        switch (a.operation()) {
            case DELETE -> s.append(" Rows are locked in key order, then deleted.");
            case REPLACE -> s.append(" Callers replacing the same parent take turns (an advisory lock per parent"
                    + " hash bucket, in bucket order).");
            default -> { }
        }
        s.append(" Returns the number of rows ").append(switch (a.operation()) {
            case INSERT -> "inserted.";
            case UPSERT -> "inserted or changed.";
            case DELETE -> "deleted.";
            case REPLACE -> "deleted, changed or inserted.";
        });
        return wrap(s.toString());
    }

    private static List<Field> concat(List<Field> a, List<Field> b) {
        List<Field> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String names(List<Field> fields) {
        List<String> n = fields.stream().map(Field::name).toList();
        return n.size() == 1 ? n.get(0) : "(" + String.join(", ", n) + ")";
    }

    static List<String> wrap(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.add(line.toString());
        return out;
    }

    static String param(Field f) {
        return "p_" + f.name();
    }

    /** {@code v_given_<column>}, or when that is too long for a name, {@code v_given_<hash>}. */
    static String variable(Field f) {
        String v = "v_given_" + f.name().toLowerCase(Locale.ROOT);
        return Sql.byteLength(v) <= Sql.MAX_IDENT_BYTES ? v
                : "v_given_" + Integer.toHexString(f.name().hashCode() & 0x7fffffff);
    }

    /** The array parameter's type; array columns travel as text[] of array literals (unnest would flatten them). */
    static String arrayType(Field f) {
        return BulkShape.arrayType(f);
    }

    static boolean isArrayColumn(Field f) {
        return BulkShape.asText(f.type());
    }

    static boolean isJson(FieldType t) {
        FieldType base = t instanceof FieldType.Array arr ? arr.element() : t;
        return base.is(FieldType.Kind.JSON);
    }
}
