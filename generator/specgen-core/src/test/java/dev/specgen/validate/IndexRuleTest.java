package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** IndexRule, IndexMethodRule, IndexParamRule and {@link Extensions}. */
class IndexRuleTest {

    /** Fields: id bigint, email text, region text, at timestamptz, doc jsonb, during tstzrange, ip inet, tags text[]. */
    private static Run indexes(String yaml) {
        return Run.validate("""
                entity: Sale
                fields:
                  id: bigint
                  email: text
                  region: text
                  at: timestamptz
                  doc: jsonb
                  during: tstzrange
                  ip: inet
                  tags: text[]
                indexes:
                """ + yaml);
    }

    @Test
    void ginOnJsonSuggestsJsonb() {
        assertEquals("""
                a.yaml:4:16: error SG207: gin index on column "doc": type json has no gin operator class
                  hint: GIN has no operator class for json; use type: jsonb""",
                Run.validate("entity: Sale\nfields: {doc: json}\nindexes:\n  - {columns: [doc], type: gin}\n").text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{columns: [id, email], unique: true, include: [region], where: id > 0}",
        "{columns: [\"lower(email)\"], type: hash}",
        "{columns: [email], type: hash, with: {fillfactor: 80}}",
        "{columns: [at], type: brin, with: {pages_per_range: 32, autosummarize: true}}",
        "{columns: [doc], type: gin, with: {fastupdate: false, gin_pending_list_limit: 4096}}",
        "{columns: [tags], type: gin}",
        "{columns: [during], type: gist, include: [id], with: {buffering: auto, fillfactor: 90}}",
        "{columns: [ip inet_ops], type: gist}",
        "{columns: [email], type: spgist, include: [id]}",
        "{columns: [email], with: {deduplicate_items: false}}",
    })
    void accepts(String index) {
        Run r = indexes("  - " + index + "\n");
        assertEquals("", r.text());
        assertEquals(Set.of(), Extensions.required(r.entity()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{columns: [emal]} | a.yaml:12:16: error SG203: index column \"emal\" is not a field of Sale (did you"
                + " mean \"email\"?)",
        "{columns: [id], include: [regoin]} | a.yaml:12:31: error SG203: include column \"regoin\" is not a field"
                + " of Sale (did you mean \"region\"?)",
        "{columns: [id, email], type: HASH} | a.yaml:12:16: error SG205: hash indexes take one column (found 2)\\n"
                + "  hint: use a btree index for multi-column equality lookups, or hash one column",
        "{columns: [email, region], type: spgist} | a.yaml:12:16: error SG205: spgist indexes take one column"
                + " (found 2)\\n  hint: use a gist index for several columns, or index one column",
        "{columns: [at], type: brin, include: [id]} | a.yaml:12:43: error SG206: brin indexes do not support"
                + " INCLUDE\\n  hint: only btree, gist and spgist indexes can INCLUDE columns; drop \"include\" or"
                + " use a btree index",
        "{columns: [doc], type: gin, include: [id]} | a.yaml:12:43: error SG206: gin indexes do not support"
                + " INCLUDE\\n  hint: only btree, gist and spgist indexes can INCLUDE columns; drop \"include\" or"
                + " use a btree index",
        "{columns: [email], type: hash, unique: true} | a.yaml:12:30: error SG220: hash indexes cannot be unique\\n"
                + "  hint: only btree indexes enforce uniqueness; use type: btree or drop unique",
        "{columns: [doc], type: gist} | a.yaml:12:16: error SG207: gist index on column \"doc\": type jsonb has"
                + " no gist operator class\\n  hint: use type: gin for jsonb columns",
        "{columns: [during], type: gin} | a.yaml:12:16: error SG207: gin index on column \"during\": type"
                + " tstzrange has no gin operator class\\n  hint: use type: gist for tstzrange columns",
        "{columns: [id], type: brin} | ",
        "{columns: [email], type: brin} | a.yaml:12:16: warning SG213: brin index on column \"email\" (text): its"
                + " values have no natural order, so block ranges will not narrow scans\\n  hint: use brin on time"
                + " or sequence columns; use btree (or hash) for text lookups",
        "{columns: [id], with: {fillfactor: 5}} | a.yaml:12:28: error SG210: fillfactor must be an integer from"
                + " 10 to 100, found 5",
        "{columns: [id], with: {filfactor: 50}} | a.yaml:12:28: error SG210: unknown storage parameter"
                + " \"filfactor\" for btree indexes (did you mean \"fillfactor\"?)\\n  hint: btree indexes take"
                + " fillfactor, deduplicate_items",
        "{columns: [at], type: brin, with: {fillfactor: 50}} | a.yaml:12:40: error SG210: storage parameter"
                + " fillfactor is not valid for brin indexes\\n  hint: brin indexes take pages_per_range,"
                + " autosummarize",
        "{columns: [at], type: brin, with: {pages_per_range: 0}} | a.yaml:12:40: error SG210: pages_per_range"
                + " must be an integer from 1 to 2147483647, found 0",
        "{columns: [during], type: gist, with: {buffering: maybe}} | a.yaml:12:44: error SG210: buffering must be"
                + " one of on, off, auto, found \"maybe\"",
        "{columns: [doc], type: gin, with: {fastupdate: 1}} | a.yaml:12:40: error SG210: fastupdate must be true"
                + " or false, found 1",
    })
    void reports(String index, String expected) {
        assertEquals(expected == null ? "" : expected.replace("\\n", "\n"), indexes("  - " + index + "\n").text());
    }

    @Test
    void gistOnScalarsNeedsBtreeGist() {
        Run r = indexes("  - {columns: [region, email, during], type: gist}\n  - {columns: [ip], type: gist}\n");
        assertEquals("""
                a.yaml:12:46: warning SG207: gist index on scalar columns region, email needs the btree_gist\
                 extension
                  hint: specgen adds CREATE EXTENSION IF NOT EXISTS btree_gist
                a.yaml:13:27: warning SG207: gist index on scalar column ip needs the btree_gist extension
                  hint: specgen adds CREATE EXTENSION IF NOT EXISTS btree_gist""", r.text());
        assertEquals(Set.of("btree_gist"), Extensions.required(r.entity()));
    }

    @Test
    void ginOnScalarsNeedsBtreeGin() {
        Run r = indexes("  - {columns: [id, tags], type: gin}\n  - {columns: [region], type: gist}\n");
        assertEquals("""
                a.yaml:12:33: warning SG207: gin index on scalar column id needs the btree_gin extension
                  hint: specgen adds CREATE EXTENSION IF NOT EXISTS btree_gin
                a.yaml:13:31: warning SG207: gist index on scalar column region needs the btree_gist extension
                  hint: specgen adds CREATE EXTENSION IF NOT EXISTS btree_gist""", r.text());
        assertEquals("[btree_gin, btree_gist]", Extensions.required(r.entity()).toString());
        assertEquals("{Sale=[btree_gin, btree_gist]}", Validator.validate(r.model,
                new dev.specgen.diag.Diagnostics()).extensions().toString());
    }

    @Test
    void uniqueIndexOnPartitionedTableIncludesPartitionColumns() {
        String base = """
                entity: Sale
                fields:
                  id: bigint
                  at: {type: date, nullable: false}
                  n: {type: bigint, nullable: false}
                partitioning:
                  strategy: range
                  column: at
                  interval: yearly
                  from: 2024-01-01
                  to: 2025-01-01
                  subpartition: {strategy: hash, column: n, modulus: 2}
                indexes:
                """;
        assertEquals("", Run.validate(base + "  - {columns: [id, at, n], unique: true}\n").text());
        assertEquals("""
                a.yaml:14:5: error SG209: unique index on partitioned table sale must include the partition column "at"
                  hint: add at to the index columns
                a.yaml:14:5: error SG209: unique index on partitioned table sale must include the partition column "n"
                  hint: add n to the index columns""", Run.validate(base + "  - {columns: [id], unique: true}\n")
                .text());
    }
}
