package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SG226: a btree index that another btree of the table (an index, the primary key, a unique field) serves. */
class RedundantIndexRuleTest {

    private static final String HINT = "\n  hint: drop it: each index slows down writes and takes space (keep it only"
            + " if it is much smaller than ";

    /** Fields: id bigint (primary key), a text, b text, c int, e text (unique); indexes from line 9 on. */
    private static String indexes(String yaml) {
        return Run.validate("""
                entity: Sale
                fields:
                  id: {type: bigint, primary_key: true}
                  a: text
                  b: text
                  c: integer
                  e: {type: text, unique: true}
                indexes:
                """ + yaml).text();
    }

    @Test
    void prefixOfAnotherIndex() {
        assertEquals("a.yaml:9:5: warning SG226: index idx_a is redundant: idx_ab on (a, b) serves every lookup it"
                + " serves" + HINT + "idx_ab and that matters)", indexes("""
                  - {name: idx_a, columns: [a]}
                  - {name: idx_ab, columns: [a, b]}
                """));
    }

    @Test
    void identicalDuplicateReportsTheLaterOne() {
        assertEquals("a.yaml:10:5: warning SG226: index on (a, b) is redundant: idx_ab on (a, b) serves every"
                + " lookup it serves" + HINT + "idx_ab and that matters)", indexes("""
                  - {name: idx_ab, columns: [a, b]}
                  - {columns: [a, b]}
                """));
    }

    @Test
    void primaryKeyCovers() {
        assertEquals("a.yaml:9:5: warning SG226: index idx_id is redundant: the primary key (id) serves every"
                + " lookup it serves" + HINT + "the primary key and that matters)", indexes("""
                  - {name: idx_id, columns: [id]}
                """));
    }

    @Test
    void compositePrimaryKeyAndUniqueFieldCover() {
        assertEquals("""
                a.yaml:8:5: warning SG226: index idx_at is redundant: the primary key (at, id) serves every lookup\
                 it serves
                  hint: drop it: each index slows down writes and takes space (keep it only if it is much smaller\
                 than the primary key and that matters)
                a.yaml:9:5: warning SG226: index on (e) is redundant: the unique constraint on (e) serves every\
                 lookup it serves
                  hint: drop it: each index slows down writes and takes space (keep it only if it is much smaller\
                 than the unique constraint on (e) and that matters)""", Run.validate("""
                entity: Sale
                fields:
                  id: bigint
                  at: date
                  e: {type: text, unique: true}
                primary_key: [at, id]
                indexes:
                  - {name: idx_at, columns: [at DESC NULLS FIRST]}
                  - {columns: [e]}
                """).text());
    }

    /** A btree is scanned both ways: all keys reversed serve the same lookups; one reversed key does not (see notRedundant). */
    @Test
    void allKeysReversedServe() {
        assertEquals("a.yaml:9:5: warning SG226: index idx_a_desc is redundant: idx_abc on (a, b, c) serves every"
                + " lookup it serves" + HINT + "idx_abc and that matters)", indexes("""
                  - {name: idx_a_desc, columns: [a DESC, b DESC]}
                  - {name: idx_abc, columns: [a, b, c]}
                """));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // DESC mismatch: ORDER BY a, b DESC needs an index in that order
        "desc mismatch | {columns: [a, b DESC]} | {columns: [a, b, c]}",
        "nulls mismatch | {columns: [a NULLS FIRST]} | {columns: [a, b]}",
        "opclass mismatch | {columns: [a text_pattern_ops]} | {columns: [a, b]}",
        "opclass on the wider one only | {columns: [a]} | {columns: [a text_pattern_ops, b]}",
        "not a prefix | {columns: [b]} | {columns: [a, b]}",
        "partial | {columns: [a], where: a <> ''} | {columns: [a, b]}",
        "partial, other predicate | {columns: [a], where: a <> ''} | {columns: [a, b], where: a <> 'x'}",
        "the wider one partial | {columns: [a]} | {columns: [a, b], where: a <> ''}",
        "unique | {columns: [a], unique: true} | {columns: [a, b]}",
        "include not covered | {columns: [a], include: [c]} | {columns: [a, b]}",
        "storage parameters | {columns: [a], with: {fillfactor: 70}} | {columns: [a, b]}",
        "expression key | {columns: [\"lower(a)\"]} | {columns: [\"lower(a)\", b]}",
        "expression in the wider one | {columns: [a, b]} | {columns: [a, \"lower(b)\"]}",
        "hash | {columns: [a], type: hash} | {columns: [a, b]}",
        "brin | {columns: [c], type: brin} | {columns: [c, a]}",
        "gin over a btree | {columns: [c], type: gin} | {columns: [c]}",
        "gist witness | {columns: [a]} | {columns: [a, b], type: gist}",
        "unknown column | {columns: [x]} | {columns: [x, a]}",
    })
    void notRedundant(String what, String first, String second) {
        String text = indexes("  - " + first + "\n  - " + second + "\n");
        assertEquals("", text.lines().filter(l -> l.contains("SG226")).reduce("", String::concat), what);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "include among the keys | {columns: [a], include: [b]} | {columns: [a, b]}",
        "include among the includes | {columns: [a], include: [c]} | {columns: [a, b], include: [c]}",
        "same predicate | {columns: [a], where: a <> ''} | {columns: [a, b], where: \" a <> '' \"}",
        "unique witness | {columns: [a]} | {columns: [a, b], unique: true}",
        "witness with storage parameters | {columns: [a]} | {columns: [a, b], with: {fillfactor: 70}}",
        "same opclass | {columns: [a text_pattern_ops]} | {columns: [{column: a, opclass: TEXT_PATTERN_OPS}, b]}",
        "explicit defaults | {columns: [a ASC NULLS LAST]} | {columns: [a, b]}",
        "witness with an expression after the prefix | {columns: [a]} | {columns: [a, \"lower(b)\"]}",
    })
    void redundant(String what, String first, String second) {
        String text = indexes("  - " + first + "\n  - " + second + "\n");
        assertEquals(1, text.lines().filter(l -> l.startsWith("a.yaml:9:5: warning SG226: index on (")).count(),
                what + ": " + text);
        assertEquals(0, text.lines().filter(l -> l.contains("error")).count(), what + ": " + text);
    }

    @Test
    void sameKeysWithStorageParametersReportTheOneWithout() {
        assertEquals("a.yaml:10:5: warning SG226: index idx_plain is redundant: idx_ff on (a) serves every lookup"
                + " it serves" + HINT + "idx_ff and that matters)", indexes("""
                  - {name: idx_ff, columns: [a], with: {fillfactor: 70}}
                  - {name: idx_plain, columns: [a]}
                """));
    }

    @Test
    void threeCopiesReportTheLaterTwo() {
        assertEquals("""
                a.yaml:10:5: warning SG226: index idx_2 is redundant: idx_1 on (a DESC) serves every lookup it serves
                  hint: drop it: each index slows down writes and takes space (keep it only if it is much smaller\
                 than idx_1 and that matters)
                a.yaml:11:5: warning SG226: index idx_3 is redundant: idx_1 on (a DESC) serves every lookup it serves
                  hint: drop it: each index slows down writes and takes space (keep it only if it is much smaller\
                 than idx_1 and that matters)""", indexes("""
                  - {name: idx_1, columns: [a DESC]}
                  - {name: idx_2, columns: [a]}
                  - {name: idx_3, columns: [a DESC]}
                """));
    }
}
