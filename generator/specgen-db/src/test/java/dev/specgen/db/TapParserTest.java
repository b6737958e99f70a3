package dev.specgen.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TapParserTest {

    private static TapResult parse(String... values) {
        return TapParser.parse(List.of(values), Duration.ZERO, Optional.empty());
    }

    @Test
    void diagnosticsOfTheSameValueAttachToTheirTest() {
        TapResult r = parse("1..3", "ok 1 - first",
                "not ok 2 - second\n# Failed test 2: \"second\"\n#         have: 1\n#         want: 2",
                "# a diag() of its own", "ok 3", "# Looks like you failed 1 test of 3");
        assertEquals(3, r.planned());
        assertEquals(2, r.passed());
        assertEquals(1, r.failed());
        assertFalse(r.ok());
        TapLine failed = r.failures().get(0);
        assertEquals(new TapLine(TapLine.Kind.NOT_OK, 2, "second", "", List.of("Failed test 2: \"second\"",
                "        have: 1", "        want: 2"), "not ok 2 - second"), failed);
        assertEquals(List.of(TapLine.Kind.PLAN, TapLine.Kind.OK, TapLine.Kind.NOT_OK, TapLine.Kind.COMMENT,
                TapLine.Kind.OK, TapLine.Kind.COMMENT), r.lines().stream().map(TapLine::kind).toList());
        assertEquals("", r.tests().get(2).description());
        assertEquals(9, r.stream().size());
    }

    @Test
    void directivesAndTodoFailures() {
        TapResult r = parse("1..2", "not ok 1 - later # TODO not yet", "ok 2 # SKIP no index");
        assertEquals("TODO not yet", r.tests().get(0).directive());
        assertEquals("later", r.tests().get(0).description());
        assertEquals("SKIP no index", r.tests().get(1).directive());
        assertEquals(0, r.failed());
        assertTrue(r.ok());
    }

    @Test
    void noPlanPlanAtTheEndAndOtherOutput() {
        TapResult r = parse("ok 1 - a", "42", "1..1");
        assertEquals(1, r.planned());
        assertEquals(TapLine.Kind.OTHER, r.lines().get(1).kind());
        assertTrue(r.ok());
        assertEquals(-1, parse("ok 1").planned());
        assertFalse(parse("ok 1").ok(), "no plan");
        assertFalse(parse("1..2", "ok 1").ok(), "fewer tests than planned");
    }
}
