package dev.specgen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each operation takes, matches on and updates, by default and as given. */
class BulkShapeTest {
    static final String ENTITY = """
            entity: Ref
            fields:
              id: {type: bigint, identity: always}
              parent: {type: bigint, nullable: false}
              target: {type: uuid, nullable: false}
              weight: {type: integer, nullable: false, default: 1}
              note: text
            primary_key: [id, parent]
            actions:
            """;

    static BulkShape shape(String action) {
        Run r = Run.build(ENTITY + "  - " + action + "\n");
        Entity e = r.entity();
        return BulkShape.of(e, e.bulkActions().get(0));
    }

    static List<String> names(List<Field> fields) {
        return fields.stream().map(Field::name).toList();
    }

    @Test
    void insertDoesNotDeduplicateOnAnIdentityKeyAndLeavesIdentityToItsSequence() {
        BulkShape s = shape("{name: a, pattern: batch/bulk_operation, operation: insert}");
        assertEquals(List.of("parent", "target", "weight", "note"), names(s.supplied()));
        assertEquals(List.of(), names(s.key()));
        Entity e = Run.build(ENTITY).entity();
        assertEquals(List.of("weight", "note"), s.supplied().stream().filter(f -> s.optional(e, f)).map(Field::name)
                .toList());
    }

    @Test
    void replaceMatchesOnItsKeyWithinTheParentAndUpdatesTheRest() {
        BulkShape s = shape("{name: a, pattern: batch/bulk_operation, operation: replace, parent_key: [parent],"
                + " key: [target]}");
        assertEquals(List.of("target"), names(s.key()));
        assertEquals(List.of("parent"), names(s.parentKey()));
        assertEquals(List.of("weight", "note"), names(s.update()));
    }

    @Test
    void upsertDefaultsToThePrimaryKeyAndDeleteTakesOnlyItsKey() {
        assertEquals(List.of("id", "parent"), names(shape("{name: a, pattern: batch/bulk_operation, operation:"
                + " upsert}").key()));
        BulkShape d = shape("{name: a, pattern: batch/bulk_operation, operation: delete, key: [parent, target]}");
        assertEquals(List.of("parent", "target"), names(d.supplied()));
        BulkShape u = shape("{name: a, pattern: batch/bulk_operation, operation: upsert, conflict_columns: [parent,"
                + " target], update_columns: [note]}");
        assertEquals(List.of("note"), names(u.update()));
    }
}
