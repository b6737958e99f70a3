package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.SequenceOptions;
import dev.specgen.model.build.Run;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationRuleTest {

    private static Run field(String yaml) {
        return Run.validate("entity: Sale\nfields:\n  k: {type: bigint, primary_key: true}\n  " + yaml + "\n");
    }

    @Test
    void identityOptionsAreReadAndRenderedInPostgresqlsOrder() {
        Run r = field("n: {type: integer, identity: {cycle: false, cache: 20, max: 900, min: 10, increment: -5,"
                + " start: 500, generated: by_default}}");
        assertEquals("", r.text());
        SequenceOptions o = r.entity().field("n").orElseThrow().identityOptions();
        assertEquals("START WITH 500 INCREMENT BY -5 MINVALUE 10 MAXVALUE 900 CACHE 20 NO CYCLE", o.sql());
    }

    @Test
    void generatedExpressionIsKeptAsWritten() {
        Run r = field("twice: {type: bigint, generated: \"k * 2\"}");
        assertEquals("", r.text());
        assertEquals(Optional.of("k * 2"), r.entity().field("twice").orElseThrow().generated());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "n: {type: smallint, identity: {generated: always, max: 40000}} | a.yaml:4:58: error SG282: identity of"
                + " \"n\": max 40000 is out of range for smallint (-32768 to 32767)",
        "n: {type: bigint, identity: {generated: always, increment: -1, max: 5, start: 9}} | a.yaml:4:81: error"
                + " SG282: identity of \"n\": start 9 is not between min -9223372036854775808 and max 5",
        "n: {type: bigint, identity: {generated: always, increment: -1, min: 0}} | a.yaml:4:71: error SG282:"
                + " identity of \"n\": min 0 must be less than max -1",
        "n: {type: bigint, identity: {generated: sometimes}} | a.yaml:4:43: error SG109: generated \"sometimes\" is"
                + " not one of always, by default",
        "n: {type: bigint, generated: \"k + 1\", default: 1} | a.yaml:4:50: error SG283: generated column \"n\""
                + " cannot have a default\\n  hint: PostgreSQL computes its value from generated:; drop default:",
        "n: {type: bigint, generated: \"k, 1\"} | a.yaml:4:32: error SG221: generated expression of field \"n\" is"
                + " not a complete SQL expression: ',' outside parentheses makes it more than one expression\\n  hint:"
                + " write one expression; a ',' belongs inside parentheses: f(a, b), ARRAY[a, b]",
    })
    void reports(String yaml, String expected) {
        assertEquals(expected.replace("\\n", "\n"), field(yaml).text());
    }
}
