package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-level foreign keys: every problem at its position, with exact messages and hints. */
class ForeignKeyRuleTest {

    /** Partitioned by day: its primary key is (id, day). */
    private static final String EVENT = """
            entity: Event
            fields:
              id: {type: bigint, nullable: false}
              day: {type: date, nullable: false}
              code: {type: text, nullable: false}
            primary_key: [id, day]
            indexes:
              - {columns: [code, day], unique: true}
            partitioning: {strategy: range, column: day, interval: daily, from: 2025-01-01, to: 2025-01-03}
            """;

    private static String child(String fk) {
        return """
                entity: Attachment
                fields:
                  id: {type: bigint, primary_key: true}
                  event_id: {type: bigint, nullable: false}
                  event_day: date
                  event_code: text
                foreign_keys:
                  - %s
                """.formatted(fk);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{columns: [event_id, event_day], references: {entity: Event}}",
        "{columns: [event_day, event_id], references: {entity: Event, columns: [day, id]}}",
        "{columns: [event_code, event_day], references: {entity: Event, columns: [code, day]}, on_delete: cascade}",
        "{columns: [event_id, event_day], references: {entity: Event}, on_delete: set null, on_update: cascade}",
        "{columns: [event_id, event_day], references: {entity: Event}, deferrable: initially_deferred,"
                + " not_valid: true, name: attachment_event_fk}",
    })
    void accepts(String fk) {
        // set null: event_day is nullable, which is enough for PostgreSQL only if every column is; event_id is
        // NOT NULL, so that case must be reported: see reports()
        String text = Run.validate(EVENT, child(fk)).text();
        assertEquals(fk.contains("set null") ? "b.yaml:8:78: error SG262: on_delete: set null cannot work: column"
                + " \"event_id\" of Attachment is NOT NULL\n  hint: make event_id nullable, or choose another action"
                + " (cascade, restrict, no action)" : "", text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{columns: [event_id, event_dy], references: {entity: Event}}"
                + " | b.yaml:8:26: error SG203: foreign key column \"event_dy\" is not a field of Attachment (did you"
                + " mean \"event_day\"?)",
        "{columns: [event_id, event_day], references: {entity: Evnt}}"
                + " | b.yaml:8:59: error SG204: foreign key (event_id, event_day) references unknown entity \"Evnt\""
                + " (did you mean \"Event\"?)\\n  hint: entities of this run: Event, Attachment; specs that reference"
                + " each other must be generated together",
        "{columns: [event_id, event_day], references: {entity: Event, columns: [id, dai]}}"
                + " | b.yaml:8:80: error SG203: referenced column \"dai\" is not a field of Event (did you mean"
                + " \"day\"?)",
        "{columns: [event_id], references: {entity: Event}}"
                + " | b.yaml:8:16: error SG260: foreign key (event_id) has 1 column but references 2 columns: Event"
                + " (id, day)\\n  hint: list one column of Attachment for each referenced column, in the same order",
        "{columns: [event_id, event_id], references: {entity: Event}}"
                + " | b.yaml:8:26: error SG260: foreign key column \"event_id\" is listed twice\\n  hint: list each"
                + " column once",
        "{columns: [event_code, event_day], references: {entity: Event}}"
                + " | b.yaml:8:16: error SG261: foreign key column \"event_code\" (text) cannot reference Event.id"
                + " (bigint)\\n  hint: give event_code the type of Event.id (bigint), or reference a column of its"
                + " type",
        "{columns: [event_id], references: {entity: Event, columns: [id]}}"
                + " | b.yaml:8:65: error SG224: foreign key (event_id) references Event (id), which is neither the"
                + " primary key nor a unique key of Event\\n  hint: Event is partitioned by \"day\", so each of its"
                + " unique keys includes day: reference columns that include day (references: {entity: Event,"
                + " columns: [id, day]}, with a column of this entity for each)",
        "{columns: [event_code], references: {entity: Attachment, columns: [event_code]}}"
                + " | b.yaml:8:72: error SG224: foreign key (event_code) references Attachment (event_code), which is"
                + " neither the primary key nor a unique key of Attachment\\n  hint: reference the primary key of"
                + " Attachment, or give Attachment a unique key on (event_code) (unique: true on a field, a unique: item"
                + " of constraints:, or a unique index)",
        "{columns: [event_id, event_day], references: {entity: Event}, on_update: set default}"
                + " | b.yaml:8:78: error SG262: on_update: set default cannot work: column \"event_id\" of Attachment"
                + " is NOT NULL and has no default\\n  hint: give event_id a default: that exists in the referenced"
                + " table, or choose another action",
        "{columns: [event_id, event_day], references: {entity: Event}, on_delete: cascde}"
                + " | b.yaml:8:78: error SG109: on_delete \"cascde\" is not one of cascade, restrict, set null, set"
                + " default, no action (did you mean \"cascade\"?)",
        "{columns: [event_id, event_day], references: {entity: Event}, deferrable: yes}"
                + " | b.yaml:8:79: error SG109: deferrable \"yes\" is not one of false, true, initially immediate,"
                + " initially deferred",
        "{columns: [event_id, event_day], references: {entity: Event}, name: Attachment-FK}"
                + " | b.yaml:8:73: error SG212: foreign key name \"Attachment-FK\" is not a lower-case SQL"
                + " identifier\\n  hint: use \"attachment_fk\"",
    })
    void reports(String fk, String expected) {
        assertEquals(expected.replace("\\n", "\n"), Run.validate(EVENT, child(fk)).text());
    }

    @Test
    void aKeyGivenTwiceAlsoAsAFieldReferenceAndANameUsedTwice() {
        String keyless = """
                entity: Tag
                fields:
                  id: {type: bigint, primary_key: true}
                ---
                entity: Label
                fields:
                  id: {type: bigint, primary_key: true}
                  tag_id: {type: bigint, references: Tag}
                foreign_keys:
                  - {columns: [tag_id], references: {entity: Tag}, name: label_tag_fk}
                  - {columns: [tag_id], references: {entity: Tag, columns: [id]}, name: label_tag_fk}
                """;
        assertEquals("""
                a.yaml:10:5: error SG263: foreign key (tag_id) -> Tag (id) is given twice on Label
                  hint: keep one: the same key twice only slows down every write
                a.yaml:11:5: error SG263: foreign key (tag_id) -> Tag (id) is given twice on Label
                  hint: keep one: the same key twice only slows down every write
                a.yaml:11:73: error SG263: foreign key name "label_tag_fk" is used twice on Label
                  hint: give each foreign key its own name""", Run.validate(keyless).text());
    }

    @Test
    void notValidOnAPartitionedTableIsRefused() {
        String note = """
                entity: Note
                fields:
                  id: {type: bigint, nullable: false}
                  day: {type: date, nullable: false}
                  event_id: bigint
                primary_key: [id, day]
                partitioning: {strategy: range, column: day, interval: daily, from: 2025-01-01, to: 2025-01-03}
                foreign_keys:
                  - columns: [event_id, day]
                    references: {entity: Event}
                    not_valid: true
                """;
        assertEquals("""
                b.yaml:11:16: error SG264: foreign key (event_id, day) cannot be NOT VALID: Note is partitioned, and\
                 PostgreSQL before 18 rejects NOT VALID foreign keys on partitioned tables
                  hint: remove not_valid: (the key is checked when it is added, on tables that are still empty)""",
                Run.validate(EVENT, note).text());
    }

    @Test
    void typeFamilies() {
        assertEquals("integer", ForeignKeyRule.family(new dev.specgen.model.FieldType.Simple(
                dev.specgen.model.FieldType.Kind.SMALLINT, java.util.OptionalInt.empty())));
        assertEquals("text", ForeignKeyRule.family(new dev.specgen.model.FieldType.Sized("varchar", 8)));
        assertEquals("numeric", ForeignKeyRule.family(new dev.specgen.model.FieldType.Numeric(
                java.util.Optional.of(10), java.util.Optional.of(2))));
    }
}
