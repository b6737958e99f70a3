package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.Sequence;
import dev.specgen.model.build.Run;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SequenceRuleTest {

    @Test
    void aNextvalDefaultIsWrittenSchemaQualifiedAndRemembersItsSequence() {
        Run r = Run.validate("""
                entity: Sale
                schema: shop
                sequences: [{name: sale_no_seq, as: integer, start: 5}, {name: "order"}]
                fields:
                  a: {type: integer, default: "nextval('sale_no_seq')"}
                  b: {type: bigint, default: " NEXTVAL ( 'shop.order' :: REGCLASS ) "}
                  c: {type: bigint, default: "nextval('sale_no_seq') + 1"}
                """);
        assertEquals("a.yaml:3:64: warning SG212: sequence name \"order\" is a reserved word in PostgreSQL\n  hint:"
                + " specgen quotes it (\"order\") in generated SQL, and hand-written queries must quote it too;"
                + " consider another name", r.text());
        assertEquals(Optional.of("nextval('shop.sale_no_seq'::regclass)"), r.entity().fields().get(0).defaultSql());
        assertEquals(Optional.of("nextval('shop.\"order\"'::regclass)"), r.entity().fields().get(1).defaultSql());
        assertEquals(Optional.of("nextval('sale_no_seq') + 1"), r.entity().fields().get(2).defaultSql());
        assertEquals("shop.sale_no_seq", r.entity().fields().get(0).nextval().map(x -> x.schema() + "." + x.name())
                .orElseThrow());
        Sequence s = r.entity().sequences().get(0);
        assertEquals("integer START WITH 5", s.type() + " " + s.options().sql());
    }

    @Test
    void aNextvalOfAnUndeclaredSequenceIsAnError() {
        assertEquals("a.yaml:3:30: error SG284: default of field \"n\" takes nextval of public.sale_seq, which no spec"
                + " of the run declares (did you mean \"public.sales_seq\"?)\n  hint: declare it under sequences: of an"
                + " entity in schema public",
                Run.validate("entity: Sale\nfields:\n  n: {type: bigint, default: \"nextval('sale_seq')\"}\n",
                        "entity: Other\nsequences: [{name: sales_seq}]\nfields: {id: bigint}\n").text());
    }
}
