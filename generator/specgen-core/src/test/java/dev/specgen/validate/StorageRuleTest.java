package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageRuleTest {

    private static Run storage(String yaml) {
        return Run.validate("entity: Sale\nfields: {id: bigint}\nstorage:\n" + yaml);
    }

    @Test
    void acceptsEveryParameterInRange() {
        assertEquals("", storage("""
                  fillfactor: 70
                  unlogged: true
                  autovacuum_enabled: false
                  autovacuum_vacuum_scale_factor: 0.05
                  autovacuum_analyze_scale_factor: .02
                  autovacuum_vacuum_threshold: 1000
                  autovacuum_analyze_threshold: 500
                  autovacuum_vacuum_insert_threshold: -1
                  autovacuum_vacuum_insert_scale_factor: 0.2
                  autovacuum_vacuum_cost_delay: 2
                  autovacuum_vacuum_cost_limit: 2000
                  autovacuum_freeze_min_age: 50000000
                  autovacuum_freeze_max_age: 200000000
                  autovacuum_freeze_table_age: 150000000
                  toast_tuple_target: 2048
                  parallel_workers: 4
                """).text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "filfactor: 70 | a.yaml:4:3: error SG210: unknown storage parameter \"filfactor\" (did you mean"
                + " \"fillfactor\"?)",
        "compression: lz4 | a.yaml:4:3: error SG210: unknown storage parameter \"compression\"",
        "fillfactor: 5 | a.yaml:4:3: error SG210: fillfactor must be an integer from 10 to 100, found 5",
        "fillfactor: 70.5 | a.yaml:4:3: error SG210: fillfactor must be an integer from 10 to 100, found 70.5",
        "fillfactor: high | a.yaml:4:3: error SG210: fillfactor must be an integer from 10 to 100, found \"high\"",
        "autovacuum_enabled: yes | a.yaml:4:3: error SG210: autovacuum_enabled must be true or false, found"
                + " \"yes\"\\n  hint: YAML 1.2 reads yes/no/on/off as strings; write true or false",
        "autovacuum_vacuum_scale_factor: 150 | a.yaml:4:3: error SG210: autovacuum_vacuum_scale_factor must be a"
                + " number from 0 to 100, found 150",
        "autovacuum_vacuum_cost_limit: 0 | a.yaml:4:3: error SG210: autovacuum_vacuum_cost_limit must be an integer"
                + " from 1 to 10000, found 0",
        "toast_tuple_target: 64 | a.yaml:4:3: error SG210: toast_tuple_target must be an integer from 128 to 8160,"
                + " found 64",
        "parallel_workers: 2000 | a.yaml:4:3: error SG210: parallel_workers must be an integer from 0 to 1024,"
                + " found 2000",
    })
    void reports(String param, String expected) {
        assertEquals(expected.replace("\\n", "\n"), storage("  " + param + "\n").text());
    }

    @Test
    void unloggedPartitionedTable() {
        assertEquals("""
                a.yaml:3:10: error SG210: partitioned table sale cannot be unlogged
                  hint: PostgreSQL does not support UNLOGGED partitioned tables; drop unlogged or the partitioning""",
                Run.validate("""
                        entity: Sale
                        fields: {id: {type: bigint, nullable: false}}
                        storage: {unlogged: true}
                        partitioning: {strategy: hash, column: id, modulus: 2}
                        """).text());
    }
}
