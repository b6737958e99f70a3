package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceRuleTest {

    private static final String CUSTOMER = """
            entity: Customer
            fields:
              id: {type: bigint, primary_key: true}
              email: {type: text, unique: true}
              code: text
              name: text
            indexes:
              - {columns: [code], unique: true}
            """;

    private static final String PAIR = """
            entity: Pair
            fields:
              a: bigint
              b: bigint
            primary_key: [a, b]
            """;

    private static final String KEYLESS = "entity: Note\nfields: {body: text}\n";

    private static final String SHARDED = """
            entity: Shard
            fields:
              id: {type: bigint, unique: true}
              region: {type: text, nullable: false, primary_key: true}
            partitioning: {strategy: list, column: region, partitions: [{name: eu, values: [eu]}]}
            """;

    private static String order(String references) {
        return "entity: Purchase\nfields:\n  ref: {type: bigint, references: " + references + "}\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Customer", "Customer.id", "Customer.email", "Customer.code", "{entity: Customer, on_delete: cascade}",
        "Shard", "Shard.region",
    })
    void accepts(String ref) {
        assertEquals("", Run.validate(CUSTOMER, order(ref), SHARDED.replace("unique: true", "unique: false"))
                .text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Custmer | b.yaml:3:35: error SG204: field \"ref\" references unknown entity \"Custmer\" (did you mean"
                + " \"Customer\"?)\\n  hint: entities of this run: Customer, Purchase, Pair, Note, Shard; specs that"
                + " reference each other must be generated together",
        // on a partitioned target, unique: true on id would itself be SG209: the hint must not suggest it
        "Shard.id | b.yaml:3:35: error SG224: field \"ref\" references Shard.id, which is neither the primary key"
                + " nor unique\\n  hint: Shard is partitioned by \"region\": its unique keys must include region, so"
                + " unique: true on id is not possible (SG209); reference a key that includes region with a"
                + " table-level key: foreign_keys: [{columns: [...], references: {entity: Shard, columns: [id,"
                + " region]}}]",
        "Customer.mail | b.yaml:3:35: error SG203: field \"ref\" references Customer.mail, but mail is not a field"
                + " of Customer (did you mean \"email\"?)",
        "Customer.name | b.yaml:3:35: error SG224: field \"ref\" references Customer.name, which is neither the"
                + " primary key nor unique\\n  hint: mark Customer.name with unique: true, or reference the"
                + " primary key of Customer",
        "Pair | b.yaml:3:35: error SG224: field \"ref\" references Pair, whose primary key has 2 columns\\n"
                + "  hint: a field references one column; for the key (a, b) declare a table-level key:"
                + " foreign_keys: [{columns: [...], references: {entity: Pair}}], with a column of this entity for"
                + " each key column",
        "Note | b.yaml:3:35: error SG224: field \"ref\" references Note, which has no primary key\\n  hint: declare"
                + " a primary key on Note, or reference a unique field as Note.<field>",
    })
    void reports(String ref, String expected) {
        // Shard's own keys are fine for this test: region is its primary key and id's unique is switched off
        String shard = SHARDED.replace("unique: true", "unique: false");
        String actual = Run.validate(CUSTOMER, order(ref), PAIR, KEYLESS, shard).text();
        assertEquals(expected.replace("\\n", "\n"), actual);
    }

    @Test
    void referencedKeyOfPartitionedTableMustIncludeThePartitionColumn() {
        assertEquals("""
                a.yaml:3:3: error SG209: unique field "id" on partitioned table shard must include the partition\
                 column "region"
                  hint: drop unique: true and add a unique index on (id, region): PostgreSQL requires unique\
                 constraints on partitioned tables to include all partition key columns
                b.yaml:3:35: error SG224: field "ref" references Shard.id, but Shard is partitioned by "region" and a\
                 referenced key must include it
                  hint: reference a key of Shard that includes region with a table-level key: foreign_keys:\
                 [{columns: [...], references: {entity: Shard, columns: [id, region]}}]""",
                Run.validate(SHARDED, order("Shard.id")).text());
    }
}
