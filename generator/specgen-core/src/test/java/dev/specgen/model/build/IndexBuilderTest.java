package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.IndexColumn.Nulls;
import dev.specgen.model.IndexColumn.Order;
import dev.specgen.model.Named;
import dev.specgen.model.Param;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IndexBuilderTest {

    private static Run indexes(String yaml) {
        return Run.build("entity: Sale\nfields: {a: text, b: text}\nindexes:\n" + yaml);
    }

    @Test
    void fullIndex() {
        Run r = indexes("""
                  - name: sale_a_idx
                    columns: [a]
                    type: BTREE
                    unique: true
                    include: [b]
                    where: "a IS NOT NULL"
                    with: {fillfactor: 70, deduplicate_items: False}
                    concurrently: true
                    comment: lookups
                """);
        assertEquals("", r.text());
        Index ix = r.entity().indexes().get(0);
        assertEquals(Optional.of("sale_a_idx"), ix.name());
        assertEquals(List.of(IndexColumn.of("a", new SourcePos("a.yaml", 5, 15))), ix.columns());
        assertEquals(Index.Method.BTREE, ix.method());
        assertEquals(true, ix.unique());
        assertEquals(List.of(new Named("b", new SourcePos("a.yaml", 8, 15))), ix.include());
        assertEquals(Optional.of("a IS NOT NULL"), ix.where());
        assertEquals(List.of(new Param("fillfactor", "70", new SourcePos("a.yaml", 10, 12)),
                new Param("deduplicate_items", "false", new SourcePos("a.yaml", 10, 28))), ix.with());
        assertEquals(true, ix.concurrently());
        assertEquals(Optional.of("lookups"), ix.comment());
        assertEquals(new SourcePos("a.yaml", 4, 5), ix.pos());
        assertEquals(new SourcePos("a.yaml", 6, 11), ix.methodPos());
        assertEquals(new SourcePos("a.yaml", 9, 12), ix.wherePos());
    }

    @Test
    void defaultsToBtreeAtTheIndex() {
        Run r = indexes("  - columns: [a]\n");
        Index ix = r.entity().indexes().get(0);
        assertEquals(Index.Method.BTREE, ix.method());
        assertEquals(ix.pos(), ix.methodPos());
        assertEquals(ix.pos(), ix.wherePos());
        assertEquals(Optional.empty(), ix.name());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a | a | | | | ",
        "a DESC | a | | DESC | | ",
        "a asc nulls last | a | | ASC | LAST | ",
        "a NULLS FIRST | a | | | FIRST | ",
        "a text_pattern_ops | a | | | | text_pattern_ops",
        "a text_pattern_ops DESC | a | | DESC | | text_pattern_ops",
        "lower(a) | | lower(a) | | | ",
        "coalesce(a, b) DESC NULLS LAST | | coalesce(a, b) | DESC | LAST | ",
    })
    void columnText(String text, String column, String expr, Order order, Nulls nulls, String opclass) {
        Run r = indexes("  - columns: [\"" + text + "\"]\n");
        assertEquals("", r.text());
        assertEquals(new IndexColumn(Optional.ofNullable(column), Optional.ofNullable(expr),
                Optional.ofNullable(order), Optional.ofNullable(nulls), Optional.ofNullable(opclass),
                new SourcePos("a.yaml", 4, 15)), r.entity().indexes().get(0).columns().get(0));
    }

    @Test
    void columnMapping() {
        Run r = indexes("  - columns: [{column: a, order: Desc, nulls: last, opclass: text_pattern_ops},"
                + " {expression: lower(b)}]\n");
        assertEquals("", r.text());
        List<IndexColumn> cols = r.entity().indexes().get(0).columns();
        assertEquals(new IndexColumn(Optional.of("a"), Optional.empty(), Optional.of(Order.DESC),
                Optional.of(Nulls.LAST), Optional.of("text_pattern_ops"), new SourcePos("a.yaml", 4, 15)),
                cols.get(0));
        assertEquals(Optional.of("lower(b)"), cols.get(1).expression());
    }

    @Test
    void methodsAreCaseInsensitive() {
        Run r = indexes("""
                  - {columns: [a], type: BRIN}
                  - {columns: [a], type: Hash}
                  - {columns: [a], type: gist}
                  - {columns: [a], type: GIN}
                  - {columns: [a], type: SpGiST}
                """);
        assertEquals(List.of(Index.Method.BRIN, Index.Method.HASH, Index.Method.GIST, Index.Method.GIN,
                Index.Method.SPGIST), r.entity().indexes().stream().map(Index::method).toList());
    }

    @Test
    void operatorClassesAreNames() {
        // written into CREATE INDEX as given: "jsonb_path_ops\\" broke the statement (found by SpecFuzzTest)
        Run r = Run.build("""
                entity: Sale
                fields: {doc: jsonb}
                indexes:
                  - {columns: ['doc jsonb_path_ops\\'], type: gin}
                  - {columns: [{column: doc, opclass: "jsonb_ops;"}], type: gin}
                  - {columns: [{column: doc, opclass: pg_catalog.jsonb_path_ops}], type: gin}
                  - {columns: [doc where], type: gin}
                """);
        assertEquals("""
                a.yaml:4:16: error SG109: operator class "jsonb_path_ops\\" is not a name
                  hint: write an operator class such as text_pattern_ops or jsonb_path_ops
                a.yaml:5:39: error SG109: operator class "jsonb_ops;" is not a name
                  hint: write an operator class such as text_pattern_ops or jsonb_path_ops
                a.yaml:7:16: error SG109: operator class "where" is an SQL key word
                  hint: write an operator class such as text_pattern_ops; a partial index takes where: of its own""",
                r.text());
        assertEquals(1, r.entity().indexes().size());
    }

    @Test
    void badIndexesAreReportedAndLeftOut() {
        Run r = indexes("""
                  - {columns: [a], type: bree}
                  - {name: x}
                  - {columns: []}
                  - {columns: a}
                  - {columns: ["a DESC ASC"]}
                  - {columns: [{column: a, expression: "lower(a)"}]}
                  - {columns: [a], uniqe: true, with: [fillfactor]}
                  - just_a_name
                """);
        assertEquals("""
                a.yaml:4:26: error SG109: index type "bree" is not one of btree, hash, brin, gist, gin, spgist\
                 (did you mean "btree"?)
                a.yaml:5:5: error SG108: missing required key "columns" in index
                a.yaml:6:15: error SG107: "columns" must be a non-empty list, found an empty list
                a.yaml:7:15: error SG107: "columns" must be a list, found the string "a"
                a.yaml:8:16: error SG109: unexpected "ASC" in index column "a DESC ASC"
                  hint: write column [opclass] [ASC|DESC] [NULLS FIRST|LAST]
                a.yaml:9:16: error SG108: an index column needs exactly one of "column" and "expression"
                a.yaml:10:20: error SG106: unknown key "uniqe" in index (did you mean "unique"?)
                a.yaml:10:39: error SG107: "with" must be a mapping, found a list
                a.yaml:11:5: error SG107: each item of "indexes" must be a mapping, found the string "just_a_name\"""",
                r.text());
        assertEquals(1, r.entity().indexes().size(), "only the index with the unknown key survives");
    }
}
