package dev.specgen.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --initial} of an upsert or a replace ends where the same load without it ends, when a key comes back in
 * a later batch: the leaves fill without their unique indexes, so such a key is only found afterwards (by the index
 * build, or for a replace whose parent and key have no unique index, by looking for it), and the leaf is loaded again
 * with the action's own statements.
 */
class InitialActionsLiveTest {
    static final String SPEC = """
            entity: Item
            schema: ia
            fields:
              id: {type: bigint, nullable: false}
              part: {type: smallint, nullable: false}
              qty: {type: integer, nullable: false}
            primary_key: [id, part]
            partitioning: {strategy: hash, column: part, modulus: 2}
            actions:
              - {name: upsert_items, pattern: batch/bulk_operation, operation: upsert}
            ---
            entity: Link
            schema: ia
            fields:
              parent_id: {type: bigint, nullable: false}
              target: {type: text, nullable: false}
              weight: integer
            primary_key: [parent_id, target]
            partitioning: {strategy: hash, column: parent_id, modulus: 2}
            actions:
              - {name: replace_links, pattern: batch/bulk_operation, operation: replace, parent_key: [parent_id],
                 key: [target]}
            ---
            entity: Bag
            schema: ia
            fields:
              id: {type: bigint, identity: always}
              parent_id: {type: bigint, nullable: false}
              target: {type: text, nullable: false}
              weight: integer
            primary_key: [id, parent_id]
            partitioning: {strategy: hash, column: parent_id, modulus: 2}
            actions:
              - {name: replace_bags, pattern: batch/bulk_operation, operation: replace, parent_key: [parent_id],
                 key: [target]}
            """;

    @TempDir
    static Path dir;
    static Options specs;
    static ScratchSpecs fx;

    @BeforeAll
    static void start() throws IOException {
        fx = ScratchSpecs.apply(dir, "ia.yaml", SPEC);
        specs = fx.specs();
    }

    @AfterAll
    static void drop() {
        if (fx != null) {
            fx.drop();
        }
    }

    /** Loads {@code file} with and without --initial (batches of 2) and returns both contents of {@code table}. */
    private static String[] both(String action, String file, String table, String order) {
        String cols = table.endsWith("item") ? "id, part, qty" : "parent_id, target, weight";
        String contents = "SELECT count(*) || ': ' || string_agg(format('(%s)', concat_ws(',', " + cols + ")), '; '"
                + " ORDER BY " + order + ") FROM " + table;
        Path f = dir.resolve(action + ".csv");
        try {
            Files.writeString(f, file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        fx.exec("TRUNCATE " + table);
        LoadOptions o = LoadOptions.of(specs, action, f).withBatchSize(2).withForget(true);
        LoadResult plain = Loader.run(o, fx.source(), LoadListener.NONE);
        String expected = fx.query(contents);
        fx.exec("TRUNCATE " + table);
        LoadResult initial = Loader.run(o.withInitial(true), fx.source(), LoadListener.NONE);
        assertEquals(plain.rejected(), initial.rejected(), () -> "rejects: " + initial.rejectFile().map(r -> {
            try {
                return Files.readString(r, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        }).orElse(""));
        return new String[] {expected, fx.query(contents)};
    }

    @Test
    void anUpsertsKeyInALaterBatchUpdatesTheRowAsWithoutInitial() {
        String[] r = both("upsert_items", "id,part,qty\n1,1,10\n2,2,20\n3,1,30\n1,1,11\n", "ia.item", "id, part");
        assertEquals("3: (1,1,11); (2,2,20); (3,1,30)", r[0]);
        assertEquals(r[0], r[1], "the later row of key 1 wins, it is not rejected");
    }

    @Test
    void aReplacesParentAndKeyInALaterBatchAreReplacedAsWithoutInitial() {
        String file = "parent_id,target,weight\n1,a,1\n1,b,2\n1,b,3\n1,c,4\n2,d,5\n";
        String[] unique = both("replace_links", file, "ia.link", "parent_id, target");
        assertEquals("4: (1,a,1); (1,b,3); (1,c,4); (2,d,5)", unique[0]);
        assertEquals(unique[0], unique[1], "the reload of the leaf keeps the children of earlier batches");

        String[] bag = both("replace_bags", file, "ia.bag", "parent_id, target");
        assertEquals("4: (1,a,1); (1,b,3); (1,c,4); (2,d,5)", bag[0]);
        assertEquals(bag[0], bag[1], "without a unique index on parent and key, (1,b) still ends once");
    }
}
