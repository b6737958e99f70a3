package dev.specgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Diagnostic;
import dev.specgen.model.SpecModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 11 item 10, nothing silently ignored: every key docs/spec-reference.md documents (the first cell of its key
 * tables, and the hints it lists in prose) has a probe here, a spec without the key (or with another value) and one
 * with it, and the probe proves the key changes the generated files, or produces the warning that says why it has
 * no effect, or (for what only {@code specgen load} reads) changes the model. A key the reference documents without a
 * probe fails {@link #everyDocumentedKeyHasAProbe}.
 */
public class EveryKeyHasAnEffectTest {

    /** What a probe proves: the files differ, a warning appears, or what a function of the model reads differs. */
    sealed interface Effect permits Output, Warning, Model {
    }

    record Output() implements Effect {
    }

    record Warning(String code) implements Effect {
    }

    record Model(Function<SpecModel, Object> read) implements Effect {
    }

    record Probe(String section, String key, String without, String with, Effect effect) {
    }

    static final Output OUTPUT = new Output();

    // --- specs the probes vary ---

    static String sale(String amount, String more) {
        return "entity: Sale\nschema: app\nfields:\n  id: {type: bigint, nullable: false}\n"
                + "  at: {type: date, nullable: false}\n  amount: {type: integer" + amount + "}\n"
                + "  note: {type: text, nullable: false}\nprimary_key: [id, at]\n" + more;
    }

    static String sale(String more) {
        return sale("", more);
    }

    static final String SHOP = "---\nentity: Shop\nschema: app\nfields:\n  id: {type: integer, primary_key: true}\n"
            + "  region: text\n";

    static String type(String item) {
        return sale("types: [{" + item + "}]\n");
    }

    static String part(String inner) {
        return sale("partitioning: {" + inner + "}\n");
    }

    static final String MONTHS = "strategy: range, column: at, interval: monthly, from: 2024-01-01, to: 2024-03-01";

    static String index(String more) {
        return sale("indexes: [{columns: [amount]" + more + "}]\n");
    }

    static String action(String inner) {
        return sale("actions: [{" + inner + "}]\n");
    }

    static final String INSERT = "name: add_sales, pattern: batch/bulk_operation, operation: insert";

    static String unique(String inner) {
        return sale(", nullable: false, unique: true", "actions: [{" + inner + "}]\n");
    }

    static String view(String more) {
        return sale("") + SHOP + "---\nmaterialized_view: per_note\nschema: app\nsource: Sale\ngroup_by: [note]\n"
                + "measures: {n: count}\n" + more;
    }

    static final String QUERY_VIEW = sale("") + SHOP + "---\nmaterialized_view: per_note\nschema: app\n"
            + "query: \"SELECT note, count(*) AS n FROM app.sale GROUP BY note\"\n";

    static final String ENTITY_VIEW = "materialized_view: {name: sale_mv, group_by: [note], measures: {n: count}}\n";

    static final String FK = "foreign_keys: [{columns: [amount], references: {entity: Shop}}]\n";

    static final String CHECK = "constraints: [{check: \"amount > 0\"}]\n";

    static final String UNIQUE = "constraints: [{unique: [amount, id]}]\n";

    static final String EXCLUDE = "constraints: [{exclude: {elements: [{column: note, with: \"=\"}]}}]\n";

    static final String POLICY = "row_level_security: {policies: [{name: p1, using: \"true\"}]}\n";

    static final String TRIGGER = "triggers: [{name: t1, timing: before, events: [update], function:"
            + " pg_catalog.suppress_redundant_updates_trigger}]\n";

    static final String WORKFLOW = "name: flow, pattern: composite/workflow_orchestrator, workflow: [{step: s1,"
            + " action: insert, entity: Sale, fields: {amount: \"1\"}}]";

    static List<Probe> probes() {
        List<Probe> p = new ArrayList<>();
        // Entity keys
        p.add(new Probe("Entity keys", "entity", sale(""), sale("").replace("entity: Sale", "entity: Sales"), OUTPUT));
        p.add(new Probe("Entity keys", "schema", sale(""), sale("").replace("schema: app", "schema: shop"), OUTPUT));
        p.add(new Probe("Entity keys", "table", sale(""), sale("table: sale_rows\n"), OUTPUT));
        // what it allows (names with capitals) is an error without it, so the probe shows the model's setting; the
        // output it enables is golden case identifiers_exact
        p.add(new Probe("Entity keys", "identifiers", sale(""), sale("identifiers: exact\n"),
                new Model(m -> m.entities().get(0).identifiers())));
        p.add(new Probe("Entity keys", "description", sale(""), sale("description: one row per sale\n"), OUTPUT));
        p.add(new Probe("Entity keys", "fields", sale(""), sale("").replace("primary_key:", "  extra: integer\n"
                + "primary_key:"), OUTPUT));
        p.add(new Probe("Entity keys", "primary_key", sale(""), sale("").replace("[id, at]", "[id]"), OUTPUT));
        p.add(new Probe("Entity keys", "indexes", sale(""), index(""), OUTPUT));
        p.add(new Probe("Entity keys", "partitioning", sale(""), part(MONTHS), OUTPUT));
        p.add(new Probe("Entity keys", "storage", sale(""), sale("storage: {fillfactor: 80}\n"), OUTPUT));
        p.add(new Probe("Entity keys", "actions", sale(""), action(INSERT), OUTPUT));
        p.add(new Probe("Entity keys", "performance_hints", sale(""), sale("performance_hints: {seed_rows: 500}\n"),
                OUTPUT));
        p.add(new Probe("Entity keys", "materialized_view", sale(""), sale(ENTITY_VIEW), OUTPUT));
        p.add(new Probe("Entity keys", "refresh_strategy", sale(ENTITY_VIEW), sale(ENTITY_VIEW
                + "refresh_strategy: incremental\n"), OUTPUT));
        p.add(new Probe("Entity keys", "refresh_interval", sale(ENTITY_VIEW), sale(ENTITY_VIEW
                + "refresh_interval: 1 hour\n"), OUTPUT));
        p.add(new Probe("Entity keys", "replica_identity", sale(""), sale("replica_identity: full\n"), OUTPUT));
        p.add(new Probe("Entity keys", "row_level_security", sale(""), sale("row_level_security: true\n"), OUTPUT));
        p.add(new Probe("Entity keys", "triggers", sale(""), sale(TRIGGER), OUTPUT));
        p.add(new Probe("Entity keys", "extensions", sale(""), sale("extensions: [pg_trgm]\n"), OUTPUT));
        p.add(new Probe("Entity keys", "sequences", sale(""), sale("sequences: [{name: sale_no}]\n"), OUTPUT));
        p.add(new Probe("Entity keys", "types", sale(""), sale("types: [{name: qty, domain: integer}]\n"), OUTPUT));
        // Declared types
        p.add(new Probe("Declared types", "name", type("name: qty, domain: integer"),
                type("name: quantity, domain: integer"), OUTPUT));
        p.add(new Probe("Declared types", "domain", type("name: qty, domain: integer"),
                type("name: qty, domain: bigint"), OUTPUT));
        p.add(new Probe("Declared types", "composite", sale(""), type("name: pair, composite: {a: integer}"),
                OUTPUT));
        p.add(new Probe("Declared types", "range", sale(""), type("name: span, range: integer"), OUTPUT));
        p.add(new Probe("Declared types", "enum", sale(""), type("name: mood, enum: [ok]"), OUTPUT));
        p.add(new Probe("Declared types", "not_null", type("name: qty, domain: integer"),
                type("name: qty, domain: integer, not_null: true"), OUTPUT));
        p.add(new Probe("Declared types", "default", type("name: qty, domain: integer"),
                type("name: qty, domain: integer, default: 1"), OUTPUT));
        p.add(new Probe("Declared types", "checks", type("name: qty, domain: integer"),
                type("name: qty, domain: integer, checks: [\"VALUE > 0\"]"), OUTPUT));
        p.add(new Probe("Declared types", "check", type("name: qty, domain: integer, checks: [\"VALUE > 0\"]"),
                type("name: qty, domain: integer, checks: [{name: qty_positive, check: \"VALUE > 0\"}]"), OUTPUT));
        p.add(new Probe("Declared types", "collation", type("name: code, domain: text"),
                type("name: code, domain: text, collation: C"), OUTPUT));
        p.add(new Probe("Fields", "generated", sale(""), sale(", generated: \"id * 2\"", ""), OUTPUT));
        p.add(new Probe("Entity keys", "foreign_keys", sale("") + SHOP, sale(FK) + SHOP, OUTPUT));
        // Foreign keys
        p.add(new Probe("Foreign keys", "columns", sale(FK) + SHOP, sale(FK.replace("[amount]", "[id]")) + SHOP
                .replace("id: {type: integer", "id: {type: bigint"), OUTPUT));
        p.add(new Probe("Foreign keys", "references", sale(FK) + SHOP, sale(FK.replace("entity: Shop}",
                "entity: Shop, columns: [code]}")) + SHOP.replace("region: text",
                "region: text\n  code: {type: integer, unique: true}"), OUTPUT));
        p.add(new Probe("Foreign keys", "name", sale(FK) + SHOP, sale(FK.replace("{columns", "{name: sale_shop_fk,"
                + " columns")) + SHOP, OUTPUT));
        p.add(new Probe("Foreign keys", "on_delete", sale(FK) + SHOP, sale(FK.replace("Shop}", "Shop}, on_delete:"
                + " cascade")) + SHOP, OUTPUT));
        p.add(new Probe("Foreign keys", "on_update", sale(FK) + SHOP, sale(FK.replace("Shop}", "Shop}, on_update:"
                + " cascade")) + SHOP, OUTPUT));
        p.add(new Probe("Foreign keys", "deferrable", sale(FK) + SHOP, sale(FK.replace("Shop}", "Shop}, deferrable:"
                + " initially_deferred")) + SHOP, OUTPUT));
        p.add(new Probe("Foreign keys", "not_valid", sale(FK) + SHOP, sale(FK.replace("Shop}", "Shop}, not_valid:"
                + " true")) + SHOP, OUTPUT));
        // Constraints
        p.add(new Probe("Entity keys", "constraints", sale(""), sale(CHECK), OUTPUT));
        p.add(new Probe("Constraints", "check", sale(CHECK), sale(CHECK.replace("> 0", "> 1")), OUTPUT));
        p.add(new Probe("Constraints", "unique", sale(UNIQUE), sale(UNIQUE.replace("amount", "note")), OUTPUT));
        p.add(new Probe("Constraints", "exclude", sale(""), sale(EXCLUDE), OUTPUT));
        p.add(new Probe("Constraints", "name", sale(CHECK), sale(CHECK.replace("}", ", name: sale_amount_ck}")),
                OUTPUT));
        p.add(new Probe("Constraints", "not_valid", sale(CHECK), sale(CHECK.replace("}", ", not_valid: true}")),
                OUTPUT));
        p.add(new Probe("Constraints", "nulls_not_distinct", sale(UNIQUE), sale(UNIQUE.replace("]}",
                "], nulls_not_distinct: true}")), OUTPUT));
        p.add(new Probe("Constraints", "using", sale(EXCLUDE), sale(EXCLUDE.replace("{elements", "{using: hash,"
                + " elements")), OUTPUT));
        p.add(new Probe("Constraints", "elements", sale(EXCLUDE), sale(EXCLUDE.replace("}]}", "}, {column: amount,"
                + " with: \"=\"}]}")), OUTPUT));
        p.add(new Probe("Constraints", "where", sale(EXCLUDE), sale(EXCLUDE.replace("}]}", "}], where: \"amount >"
                + " 0\"}")), OUTPUT));
        p.add(new Probe("Constraints", "column", sale(EXCLUDE), sale(EXCLUDE.replace("column: note",
                "column: amount")), OUTPUT));
        p.add(new Probe("Constraints", "with", sale(EXCLUDE), sale(EXCLUDE.replace("\"=\"", "\"<>\"")), OUTPUT));
        // Table features
        p.add(new Probe("Table features", "force", sale("row_level_security: true\n"),
                sale("row_level_security: {force: true}\n"), OUTPUT));
        p.add(new Probe("Table features", "policies", sale("row_level_security: true\n"), sale(POLICY), OUTPUT));
        p.add(new Probe("Table features", "name", sale(POLICY), sale(POLICY.replace("name: p1", "name: p2")),
                OUTPUT));
        p.add(new Probe("Table features", "command", sale(POLICY), sale(POLICY.replace("\"true\"}", "\"true\", command: update}")),
                OUTPUT));
        p.add(new Probe("Table features", "as", sale(POLICY), sale(POLICY.replace("\"true\"}", "\"true\", as: restrictive}")),
                OUTPUT));
        p.add(new Probe("Table features", "roles", sale(POLICY), sale(POLICY.replace("\"true\"}", "\"true\", roles: [current_user]}")),
                OUTPUT));
        p.add(new Probe("Table features", "using", sale(POLICY), sale(POLICY.replace("using: \"true\"",
                "using: \"amount > 0\"")), OUTPUT));
        p.add(new Probe("Table features", "with_check", sale(POLICY), sale(POLICY.replace("\"true\"}",
                "\"true\", with_check: \"amount > 0\"}")), OUTPUT));
        p.add(new Probe("Table features", "timing", sale(TRIGGER), sale(TRIGGER.replace("before", "after")),
                OUTPUT));
        p.add(new Probe("Table features", "events", sale(TRIGGER), sale(TRIGGER.replace("[update]",
                "[update, insert]")), OUTPUT));
        p.add(new Probe("Table features", "columns", sale(TRIGGER), sale(TRIGGER.replace("trigger}", "trigger, columns: [note]}")),
                OUTPUT));
        p.add(new Probe("Table features", "for_each", sale(TRIGGER), sale(TRIGGER.replace("trigger}",
                "trigger, for_each: statement}")), OUTPUT));
        p.add(new Probe("Table features", "function", sale(TRIGGER), sale(TRIGGER.replace("pg_catalog.",
                "app.")), OUTPUT));
        p.add(new Probe("Table features", "arguments", sale(TRIGGER), sale(TRIGGER.replace("trigger}", "trigger, arguments: [x]}")),
                OUTPUT));
        p.add(new Probe("Table features", "when", sale(TRIGGER), sale(TRIGGER.replace("trigger}",
                "trigger, when: \"NEW.amount > 0\"}")), OUTPUT));
        // Fields
        p.add(new Probe("Fields", "type", sale(""), sale("").replace("amount: {type: integer",
                "amount: {type: bigint"), OUTPUT));
        p.add(new Probe("Fields", "nullable", sale(""), sale(", nullable: false", ""), OUTPUT));
        p.add(new Probe("Fields", "default", sale(""), sale(", default: 0", ""), OUTPUT));
        String noKey = sale("").replace("primary_key: [id, at]\n", "");
        p.add(new Probe("Fields", "primary_key", noKey, noKey.replace("id: {type: bigint, nullable: false}",
                "id: {type: bigint, primary_key: true}"), OUTPUT));
        p.add(new Probe("Fields", "unique", sale(""), sale(", unique: true", ""), OUTPUT));
        p.add(new Probe("Fields", "check", sale(""), sale(", check: \"amount > 0\"", ""), OUTPUT));
        p.add(new Probe("Fields", "references", sale("") + SHOP, sale(", references: Shop", "") + SHOP, OUTPUT));
        p.add(new Probe("Fields", "comment", sale(""), sale(", comment: what was paid", ""), OUTPUT));
        p.add(new Probe("Fields", "identity", sale(""), sale(", identity: always", ""), OUTPUT));
        String en = sale("").replace("amount: {type: integer", "amount: {type: enum, values: [a, b]");
        p.add(new Probe("Fields", "values", en, en.replace("[a, b]", "[a, b, c]"), OUTPUT));
        p.add(new Probe("Fields", "enum_name", en, en.replace("[a, b]", "[a, b], enum_name: amount_kind"), OUTPUT));
        p.add(new Probe("Fields", "seed", sale(""), sale(", seed: \"i % 7\"", ""), OUTPUT));
        // Indexes
        p.add(new Probe("Indexes", "name", index(""), index(", name: sale_amount_ix"), OUTPUT));
        p.add(new Probe("Indexes", "columns", index(""), index("").replace("[amount]", "[note]"), OUTPUT));
        p.add(new Probe("Indexes", "type", index(""), index(", type: hash"), OUTPUT));
        p.add(new Probe("Indexes", "unique", index(""), index(", unique: true"), OUTPUT));
        p.add(new Probe("Indexes", "include", index(""), index(", include: [note]"), OUTPUT));
        p.add(new Probe("Indexes", "where", index(""), index(", where: \"amount > 0\""), OUTPUT));
        p.add(new Probe("Indexes", "with", index(""), index(", with: {fillfactor: 70}"), OUTPUT));
        p.add(new Probe("Indexes", "concurrently", index(""), index(", concurrently: true"), OUTPUT));
        p.add(new Probe("Indexes", "comment", index(""), index(", comment: by amount"), OUTPUT));
        // Partitioning
        p.add(new Probe("Partitioning", "strategy", part("strategy: list, column: at, partitions: [{name: sale_a,"
                + " values: [2024-01-01]}]"), part("strategy: hash, column: at, modulus: 2"), OUTPUT));
        p.add(new Probe("Partitioning", "column", part("strategy: hash, column: id, modulus: 2"),
                part("strategy: hash, column: at, modulus: 2"), OUTPUT));
        p.add(new Probe("Partitioning", "interval", part(MONTHS), part(MONTHS.replace("monthly", "daily")), OUTPUT));
        String listed = "strategy: range, column: at, intervals: [monthly], from: 2024-01-01, to: 2024-03-01";
        p.add(new Probe("Partitioning", "intervals", part(listed), part(listed.replace("monthly", "daily")),
                OUTPUT));
        p.add(new Probe("Partitioning", "from", part(MONTHS), part(MONTHS.replace("from: 2024-01-01",
                "from: 2023-12-01")), OUTPUT));
        p.add(new Probe("Partitioning", "to", part(MONTHS), part(MONTHS.replace("to: 2024-03-01", "to: 2024-04-01")),
                OUTPUT));
        String steps = "strategy: range, column: id, step: 100, from: 0, to: 300";
        p.add(new Probe("Partitioning", "step", part(steps), part(steps.replace("100", "150")), OUTPUT));
        String explicit = "strategy: range, column: at, partitions: [{name: sale_a, from: 2024-01-01, to:"
                + " 2024-02-01}]";
        p.add(new Probe("Partitioning", "partitions", part(explicit), part(explicit.replace("}]", "}, {name:"
                + " sale_b, from: 2024-02-01, to: 2024-03-01}]")), OUTPUT));
        p.add(new Probe("Partitioning", "modulus", part("strategy: hash, column: id, modulus: 2"),
                part("strategy: hash, column: id, modulus: 4"), OUTPUT));
        p.add(new Probe("Partitioning", "default", part(MONTHS), part(MONTHS + ", default: false"), OUTPUT));
        p.add(new Probe("Partitioning", "subpartition", part(MONTHS), part(MONTHS + ", subpartition: {strategy:"
                + " hash, column: id, modulus: 2}"), OUTPUT));
        p.add(new Probe("Partitioning", "premake", part(MONTHS), part(MONTHS + ", premake: 2"), OUTPUT));
        p.add(new Probe("Partitioning", "retention", part(MONTHS), part(MONTHS + ", retention: 3"), OUTPUT));
        p.add(new Probe("Partitioning", "retention_mode", part(MONTHS + ", retention: 3"), part(MONTHS
                + ", retention: 3, retention_mode: detach"), OUTPUT));
        p.add(new Probe("Partitioning", "create_partitions", part(MONTHS + ", retention: 3"), part(MONTHS
                + ", retention: 3, create_partitions: false"), OUTPUT));
        p.add(new Probe("Partitioning", "partition_name", part(MONTHS), part(MONTHS
                + ", partition_name: \"{table}_{yyyy}{mm}\""), OUTPUT));
        p.add(new Probe("Partitioning", "names", part("strategy: hash, column: id, modulus: 2"),
                part("strategy: hash, column: id, modulus: 2, names: [even, odd]"), OUTPUT));
        p.add(new Probe("Partitioning", "partition_schema", part(MONTHS), part(MONTHS
                + ", partition_schema: app_parts"), OUTPUT));
        // Storage
        Map<String, String> storage = new LinkedHashMap<>();
        storage.put("unlogged", "true");
        storage.put("fillfactor", "80");
        storage.put("autovacuum_enabled", "false");
        storage.put("autovacuum_vacuum_scale_factor", "0.05");
        storage.put("autovacuum_analyze_scale_factor", "0.05");
        storage.put("autovacuum_vacuum_threshold", "100");
        storage.put("autovacuum_analyze_threshold", "100");
        storage.put("autovacuum_vacuum_insert_threshold", "100");
        storage.put("autovacuum_vacuum_insert_scale_factor", "0.05");
        storage.put("autovacuum_vacuum_cost_delay", "2");
        storage.put("autovacuum_vacuum_cost_limit", "200");
        storage.put("autovacuum_freeze_min_age", "1000");
        storage.put("autovacuum_freeze_max_age", "200000");
        storage.put("autovacuum_freeze_table_age", "1000");
        storage.put("toast_tuple_target", "256");
        storage.put("parallel_workers", "2");
        storage.forEach((k, v) -> p.add(new Probe("Storage", k, sale(""), sale("storage: {" + k + ": " + v + "}\n"),
                OUTPUT)));
        // Actions
        p.add(new Probe("Actions", "name", action(INSERT), action(INSERT.replace("add_sales", "put_sales")),
                OUTPUT));
        p.add(new Probe("Actions", "pattern", action(INSERT), action(WORKFLOW), OUTPUT));
        p.add(new Probe("Actions", "operation", action(INSERT), action(INSERT.replace("insert", "upsert")), OUTPUT));
        String upsert = "name: put_sales, pattern: batch/bulk_operation, operation: upsert";
        p.add(new Probe("Actions", "conflict_columns", unique(upsert), unique(upsert + ", conflict_columns:"
                + " [amount]"), OUTPUT));
        String delete = "name: drop_sales, pattern: batch/bulk_operation, operation: delete";
        p.add(new Probe("Actions", "key", unique(delete), unique(delete + ", key: [amount]"), OUTPUT));
        String replace = "name: set_sales, pattern: batch/bulk_operation, operation: replace, parent_key: ";
        p.add(new Probe("Actions", "parent_key", action(replace + "[id]"), action(replace + "[at]"), OUTPUT));
        p.add(new Probe("Actions", "update_columns", action(upsert), action(upsert + ", update_columns: [amount]"),
                OUTPUT));
        p.add(new Probe("Actions", "batch_field", action(INSERT), action(INSERT + ", batch_field: items"), OUTPUT));
        p.add(new Probe("Actions", "trigger", action(INSERT), action(INSERT + ", trigger: on_sale"),
                new Warning("SG235")));
        p.add(new Probe("Actions", "performance_hints", action(INSERT), action(INSERT
                + ", performance_hints: {disable_triggers: true}"), new Warning("SG234")));
        p.add(new Probe("Actions", "workflow", action(INSERT), action(WORKFLOW), new Warning("SG236")));
        // Performance hints: action level (what only specgen load reads changes the model it reads)
        Function<SpecModel, Object> hints = m -> m.entities().get(0).actions().get(0).hints();
        p.add(new Probe("Performance hints", "copy_mode", action(INSERT), action(INSERT
                + ", performance_hints: {copy_mode: true}"), new Model(hints)));
        p.add(new Probe("Performance hints", "disable_indexes", action(INSERT), action(INSERT
                + ", performance_hints: {disable_indexes: true}"), new Model(hints)));
        p.add(new Probe("Performance hints", "batch_size", action(INSERT), action(INSERT
                + ", performance_hints: {batch_size: 500}"), new Model(hints)));
        p.add(new Probe("Performance hints", "disable_triggers", action(INSERT), action(INSERT
                + ", performance_hints: {disable_triggers: true}"), new Warning("SG234")));
        for (String h : List.of("async_execution", "batch_updates", "materialized_views")) {
            p.add(new Probe("Performance hints", h, action(INSERT), action(INSERT + ", performance_hints: {" + h
                    + ": true}"), new Warning("SG235")));
        }
        // Performance hints: entity level (listed in prose)
        p.add(new Probe("Performance hints", "seed_rows", index(""), index("") + "performance_hints: {seed_rows:"
                + " 500}\n", OUTPUT));
        p.add(new Probe("Performance hints", "lookup_budget_ms", index(""), index("") + "performance_hints:"
                + " {lookup_budget_ms: 5}\n", OUTPUT));
        p.add(new Probe("Performance hints", "range_budget_ms", part(MONTHS), part(MONTHS) + "performance_hints:"
                + " {range_budget_ms: 5}\n", OUTPUT));
        // Materialized views
        p.add(new Probe("Materialized views", "materialized_view", view(""), view("").replace("per_note", "by_note"),
                OUTPUT));
        p.add(new Probe("Materialized views", "schema", view(""), view("").replace("schema: app\nsource",
                "schema: rep\nsource"), OUTPUT));
        p.add(new Probe("Materialized views", "description", view(""), view("description: per note\n"), OUTPUT));
        p.add(new Probe("Materialized views", "query", view(""), QUERY_VIEW, OUTPUT));
        p.add(new Probe("Materialized views", "source", QUERY_VIEW, view(""), OUTPUT));
        p.add(new Probe("Materialized views", "joins", view(""), view("joins: [{entity: Shop, on: amount}]\n"),
                OUTPUT));
        p.add(new Probe("Materialized views", "where", view(""), view("where: \"amount > 0\"\n"), OUTPUT));
        p.add(new Probe("Materialized views", "group_by", view(""), view("").replace("group_by: [note]",
                "group_by: [note, amount]"), OUTPUT));
        p.add(new Probe("Materialized views", "measures", view(""), view("").replace("{n: count}",
                "{n: count, total: sum(amount)}"), OUTPUT));
        // (a key defaults to the GROUP BY keys when they are output columns: another key)
        p.add(new Probe("Materialized views", "key", QUERY_VIEW, QUERY_VIEW + "key: [n, note]\n", OUTPUT));
        p.add(new Probe("Materialized views", "indexes", view(""), view("indexes: [{columns: [n]}]\n"), OUTPUT));
        p.add(new Probe("Materialized views", "refresh", view(""), view("refresh: incremental\n"), OUTPUT));
        p.add(new Probe("Materialized views", "refresh_strategy", view(""), view("refresh_strategy: incremental\n"),
                OUTPUT));
        p.add(new Probe("Materialized views", "refresh_interval", view(""), view("refresh_interval: 1 hour\n"),
                OUTPUT));
        p.add(new Probe("Materialized views", "on_busy", view(""), view("on_busy: skip\n"), OUTPUT));
        p.add(new Probe("Materialized views", "full_refresh_threshold", view("refresh: incremental\n"),
                view("refresh: incremental\nfull_refresh_threshold: 0.2\n"), OUTPUT));
        p.add(new Probe("Materialized views", "with_data", view(""), view("with_data: false\n"), OUTPUT));
        return p;
    }

    // --- the documented keys ---

    /** The sections of docs/spec-reference.md whose tables list spec keys, and the keys they list. */
    public static Map<String, TreeSet<String>> documentedKeys() throws IOException {
        Path doc = docs().resolve("spec-reference.md");
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        Pattern heading = Pattern.compile("^## (.+)$");
        Pattern row = Pattern.compile("^\\| ([^|]+) \\|");
        Pattern name = Pattern.compile("`([a-z_]+)`");
        String section = "";
        boolean keyTable = false;
        List<String> wanted = List.of("Entity keys", "Fields", "Foreign keys", "Declared types", "Constraints", "Indexes",
                "Partitioning",
                "Table features",
                "Storage", "Actions", "Performance hints", "Materialized views");
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            Matcher h = heading.matcher(line);
            if (h.matches()) {
                section = h.group(1).strip();
                keyTable = false;
                continue;
            }
            if (!wanted.contains(section)) {
                continue;
            }
            if (line.startsWith("| Key |") || line.startsWith("| Hint |")) {
                keyTable = true;
                continue;
            }
            if (!line.startsWith("|")) {
                keyTable = false;
                continue;
            }
            Matcher r = row.matcher(line);
            if (keyTable && r.find()) {
                Matcher n = name.matcher(r.group(1));
                while (n.find()) {
                    out.computeIfAbsent(section, k -> new TreeSet<>()).add(n.group(1));
                }
            }
        }
        // listed in prose, not in a table
        out.computeIfAbsent("Performance hints", k -> new TreeSet<>()).addAll(List.of("seed_rows",
                "lookup_budget_ms", "range_budget_ms"));
        return out;
    }

    private static Path docs() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docs")) && Files.exists(p.resolve("docs/spec-reference.md"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException("no docs/spec-reference.md above " + here);
    }

    @Test
    void everyDocumentedKeyHasAProbe() throws IOException {
        Map<String, TreeSet<String>> documented = documentedKeys();
        assertTrue(documented.values().stream().mapToInt(TreeSet::size).sum() > 100, documented::toString);
        Map<String, TreeSet<String>> probed = new LinkedHashMap<>();
        for (Probe p : probes()) {
            probed.computeIfAbsent(p.section(), k -> new TreeSet<>()).add(p.key());
        }
        List<String> missing = new ArrayList<>();
        documented.forEach((section, keys) -> keys.stream()
                .filter(k -> !probed.getOrDefault(section, new TreeSet<>()).contains(k))
                .forEach(k -> missing.add(section + ": " + k)));
        assertEquals(List.of(), missing, "documented keys without a probe in this test");
    }

    @TestFactory
    Stream<DynamicTest> everyProbeShowsItsKeysEffect() {
        return probes().stream().map(p -> DynamicTest.dynamicTest(p.section() + ": " + p.key(), () -> check(p)));
    }

    static void check(Probe p) throws IOException {
        Result without = render(p.without());
        Result with = render(p.with());
        assertFalse(without.hasErrors(), () -> "without " + p.key() + ": " + lines(without));
        assertFalse(with.hasErrors(), () -> "with " + p.key() + ": " + lines(with));
        if (p.effect() instanceof Warning w) {
            assertTrue(lines(without).stream().noneMatch(l -> l.contains("warning " + w.code())),
                    () -> lines(without).toString());
            assertTrue(lines(with).stream().anyMatch(l -> l.contains("warning " + w.code())),
                    () -> p.key() + " without a " + w.code() + " warning: " + lines(with));
        } else if (p.effect() instanceof Model m) {
            assertNotEquals(m.read().apply(without.model().orElseThrow()), m.read().apply(with.model().orElseThrow()),
                    () -> p.key() + " left the model as it was");
        } else {
            assertNotEquals(files(without), files(with), () -> p.key() + " changed no generated file; diagnostics: "
                    + lines(with));
        }
    }

    private static Map<String, String> files(Result r) {
        return r.rendered().map(x -> (Map<String, String>) x.files()).orElse(Map.of());
    }

    private static List<String> lines(Result r) {
        return r.diagnostics().stream().map(Diagnostic::format).toList();
    }

    private static Result render(String yaml) throws IOException {
        Path dir = Files.createTempDirectory("specgen-keys");
        try {
            Files.createDirectories(dir.resolve("specs"));
            Files.writeString(dir.resolve("specs/s.yaml"), yaml, StandardCharsets.UTF_8);
            return Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out")));
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(x -> {
                    try {
                        Files.delete(x);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** A unique: true on the field that is the primary key adds nothing: a warning says so (SG228). */
    @Test
    void uniqueOnThePrimaryKeyFieldIsAWarning() throws IOException {
        Result r = render("entity: Account\nschema: app\nfields:\n  id: {type: bigint, primary_key: true, unique:"
                + " true}\n  email: {type: text, unique: true}\n");
        assertEquals(List.of("specs/s.yaml:4:3: warning SG228: unique: true on \"id\" has no effect: it is the primary"
                + " key of account, which is unique already (no UNIQUE constraint is generated)\n  hint: remove"
                + " unique: true"), lines(r));
        // one column of a composite key: a constraint of its own, no warning
        Result composite = render(sale("").replace("id: {type: bigint, nullable: false}",
                "id: {type: bigint, nullable: false, unique: true}"));
        assertEquals(List.of(), lines(composite));
    }
}
