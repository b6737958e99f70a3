package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.model.Action;
import dev.specgen.model.Action.Operation;
import dev.specgen.model.BulkShape;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.Named;
import dev.specgen.model.Sql;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk operations, on the facts of {@link BulkShape}: each key list only where its operation uses it (SG222),
 * replace has a parent key (SG108); keys are usable: present, supplied by callers, NOT NULL, comparable (SG230);
 * an upsert's conflict key is a unique constraint of the table and, on a partitioned table, holds every partition
 * column (SG231: ON CONFLICT needs both); a replace's parent key is NOT NULL and hashable (SG232); update columns
 * are neither keys nor generated (SG233); the jsonb form's name fits (SG211).
 */
final class BulkRule implements Rule {

    @Override
    public void check(Entity e, dev.specgen.model.SpecModel model, Diagnostics diags) {
        for (Action.Bulk a : e.bulkActions()) {
            check(e, a, diags);
        }
    }

    private static void check(Entity e, Action.Bulk a, Diagnostics diags) {
        String what = "action \"" + a.name() + "\" (" + a.operation().word() + ")";
        Operation op = a.operation();
        notFor(a.conflictColumns(), "conflict_columns", op != Operation.UPSERT, what, "upsert", diags);
        notFor(a.key(), "key", op != Operation.DELETE && op != Operation.REPLACE, what, "delete and replace",
                diags);
        notFor(a.updateColumns(), "update_columns", op != Operation.UPSERT && op != Operation.REPLACE, what,
                "upsert and replace", diags);
        notFor(a.parentKey(), "parent_key", op != Operation.REPLACE, what, "replace", diags);
        if (op == Operation.REPLACE && a.parentKey().isEmpty()) {
            diags.error(a.operationPos(), Code.SG108, what + " needs \"parent_key\": the columns that name the"
                    + " parent whose children a call replaces", "e.g. parent_key: [parent_document_id]");
        }
        int bytes = Sql.byteLength(a.name() + "_json");
        if (Sql.byteLength(a.name()) <= Sql.MAX_IDENT_BYTES && bytes > Sql.MAX_IDENT_BYTES) {
            diags.error(a.pos(), Code.SG211, "the jsonb form of " + what + ", " + a.name() + "_json, is " + bytes
                    + " bytes long (PostgreSQL's limit is 63)", "shorten the action name");
        }
        a.batchField().ifPresent(b -> {
            if (Identifiers.check("batch field", b.name(), b.pos(), diags)
                    && Sql.byteLength("p_" + b.name()) > Sql.MAX_IDENT_BYTES) {
                diags.error(b.pos(), Code.SG211, "batch field " + b.name() + " makes the parameter p_" + b.name()
                        + ", longer than 63 bytes", "shorten it");
            }
        });
        BulkShape shape = BulkShape.of(e, a);
        if (shape.supplied().isEmpty() && op != Operation.DELETE) {
            diags.error(a.pos(), Code.SG230, what + " has no column a caller could supply: every column of "
                    + e.table() + " is GENERATED ALWAYS AS IDENTITY");
            return;
        }
        if (op != Operation.INSERT) {
            keys(e, a, shape, what, diags);
        }
        if (op == Operation.UPSERT && !shape.key().isEmpty()) {
            conflictKey(e, a, shape, what, diags);
        }
        if (op == Operation.REPLACE) {
            parentKey(e, a, shape, what, diags);
        }
        a.updateColumns().ifPresent(u -> {
            for (Field f : u.fields()) {
                if (shape.key().contains(f) || shape.parentKey().contains(f)) {
                    diags.error(u.pos(), Code.SG233, "update_columns of " + what + " names \"" + f.name()
                            + "\", which is part of the " + (shape.key().contains(f) ? "key" : "parent key"),
                            "rows are matched on their key; the columns that identify a row never change");
                } else if (f.identity() == Field.Identity.ALWAYS) {
                    diags.error(u.pos(), Code.SG233, "update_columns of " + what + " names \"" + f.name()
                            + "\", which is GENERATED ALWAYS AS IDENTITY and cannot be updated");
                } else if (f.isGenerated()) {
                    diags.error(u.pos(), Code.SG233, "update_columns of " + what + " names \"" + f.name()
                            + "\", a generated column, which cannot be updated");
                }
            }
        });
    }

    private static void notFor(Optional<dev.specgen.model.Columns> cols, String key, boolean unused, String what,
            String users, Diagnostics diags) {
        if (unused && cols.isPresent()) {
            diags.error(cols.get().pos(), Code.SG222, what + " has " + key + ", which only " + users + " use"
                    + (users.contains(" and ") ? "" : "s"), "drop it, or change the operation");
        }
    }

    private static void keys(Entity e, Action.Bulk a, BulkShape shape, String what, Diagnostics diags) {
        String keyName = a.operation() == Operation.UPSERT ? "conflict_columns" : "key";
        Optional<dev.specgen.model.Columns> given = a.operation() == Operation.UPSERT ? a.conflictColumns() : a.key();
        SourcePos pos = given.map(dev.specgen.model.Columns::pos).orElse(a.operationPos());
        if (shape.key().isEmpty()) {
            if (given.isPresent()) {
                return; // every name in it was already reported (SG203), or it is [] (said below)
            }
            String why = e.primaryKey().isEmpty() ? e.name() + " has no primary key"
                    : "its primary key is the parent key";
            diags.error(pos, Code.SG230, what + " has no key to match rows on: " + why, "give " + keyName
                    + ": [...], the columns that identify a row" + (a.operation() == Operation.REPLACE
                            ? " among its parent's children" : ""));
            return;
        }
        for (Field f : shape.key()) {
            if (f.identity() == Field.Identity.ALWAYS) {
                diags.error(pos, Code.SG230, what + " matches rows on \"" + f.name() + "\", which is GENERATED"
                        + " ALWAYS AS IDENTITY: callers cannot supply it", given.isPresent() ? null
                        : "give " + keyName + ": [...], columns callers know (a natural key)");
            } else if (f.isGenerated() && a.operation() != Operation.DELETE) {
                diags.error(pos, Code.SG230, what + " matches rows on \"" + f.name() + "\", a generated column:"
                        + " callers cannot supply it", given.isPresent() ? null
                        : "give " + keyName + ": [...], columns callers know (a natural key)");
            } else if (!e.notNull(f)) {
                diags.error(pos, Code.SG230, what + " matches rows on \"" + f.name() + "\", which is nullable:"
                        + " a NULL key never matches", "make the column nullable: false, or match on other columns");
            } else if (!f.type().sortable()) {
                diags.error(pos, Code.SG230, what + " matches rows on \"" + f.name() + "\" of type "
                        + f.type().sql() + ", which has no equality operator for it",
                        "match on columns of a comparable type");
            }
        }
    }

    /** ON CONFLICT (cols) needs a unique constraint or index on exactly those columns, partition columns included. */
    private static void conflictKey(Entity e, Action.Bulk a, BulkShape shape, String what, Diagnostics diags) {
        SourcePos pos = a.conflictColumns().map(dev.specgen.model.Columns::pos).orElse(a.operationPos());
        Set<String> key = new HashSet<>(shape.key().stream().map(Field::name).toList());
        List<String> missing = Columns.partitionColumns(e).stream().filter(c -> !key.contains(c)).toList();
        if (!missing.isEmpty()) {
            diags.error(pos, Code.SG231, what + " upserts on (" + String.join(", ", names(shape.key()))
                    + "), which lacks the partition column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " of " + e.table(), "ON CONFLICT on a partitioned table needs a"
                            + " unique key that holds every partition column: add " + String.join(", ", missing)
                            + " to conflict_columns (and to the unique key)");
            return;
        }
        if (!uniqueKeys(e).contains(key)) {
            diags.error(pos, Code.SG231, what + " upserts on (" + String.join(", ", names(shape.key()))
                    + "), which is neither the primary key nor a unique key of " + e.table(),
                    "ON CONFLICT needs a unique constraint on exactly these columns: make them the primary key,"
                            + " a unique field, a unique: item of constraints: or a unique index without where:");
        }
    }

    private static List<Set<String>> uniqueKeys(Entity e) {
        List<Set<String>> out = new java.util.ArrayList<>();
        if (!e.primaryKey().isEmpty()) {
            out.add(new HashSet<>(e.primaryKey().stream().map(Named::name).toList()));
        }
        e.fields().stream().filter(Field::unique).forEach(f -> out.add(Set.of(f.name())));
        for (dev.specgen.model.TableConstraint c : e.constraints()) {
            if (c instanceof dev.specgen.model.TableConstraint.Unique u) {
                out.add(new HashSet<>(u.columnNames()));
            }
        }
        for (Index ix : e.indexes()) {
            if (ix.unique() && ix.where().isEmpty() && ix.columns().stream().allMatch(c -> c.column().isPresent())) {
                out.add(new HashSet<>(ix.columns().stream().map(IndexColumn::column).map(Optional::get).toList()));
            }
        }
        return out;
    }

    private static void parentKey(Entity e, Action.Bulk a, BulkShape shape, String what, Diagnostics diags) {
        if (a.parentKey().isEmpty()) {
            return;
        }
        SourcePos pos = a.parentKey().get().pos();
        for (Field f : shape.parentKey()) {
            if (f.identity() == Field.Identity.ALWAYS) {
                diags.error(pos, Code.SG232, "parent_key of " + what + " names \"" + f.name() + "\", which is"
                        + " GENERATED ALWAYS AS IDENTITY: callers cannot supply it");
            } else if (f.isGenerated()) {
                diags.error(pos, Code.SG232, "parent_key of " + what + " names \"" + f.name() + "\", a generated"
                        + " column: callers cannot supply it");
            } else if (!e.notNull(f)) {
                diags.error(pos, Code.SG232, "parent_key of " + what + " names \"" + f.name() + "\", which is"
                        + " nullable: a NULL parent never matches", "make the column nullable: false");
            } else if (!f.type().hashable()) {
                diags.error(pos, Code.SG232, "parent_key of " + what + " names \"" + f.name() + "\" of type "
                        + f.type().sql() + ", which cannot be hashed", "calls lock each parent by a hash of its"
                                + " key; use columns of a type with a hash operator class");
            }
            if (a.key().map(k -> k.contains(f)).orElse(false)) {
                diags.error(a.key().get().pos(), Code.SG230, "key of " + what + " repeats the parent key column \""
                        + f.name() + "\"", "key names the columns that tell one parent's children apart; the"
                                + " parent key is matched anyway");
            }
        }
    }

    private static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).toList();
    }
}
