package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Shape#spaced}: the same text as the regular expressions it replaced, and no copy when nothing changes. */
class ShapeSpacedTest {
    private static final List<String> TEXTS = List.of("", " ", "  ", "a", "a b", "a  b", " a ", "a\tb", "a \tb",
            "a_b", "a__b", "a _ b", "_a_", "double   precision", "x\n\r\f\u000Bz", "a\u00A0b", "tail  ", "  head",
            "a_ b", "a _b", "_", "é  ü_ß");

    @Test
    void spacesAsTheRegularExpressionsDid() {
        for (String t : TEXTS) {
            assertEquals(t.replaceAll("\\s+", " "), Shape.spaced(t, false), t);
            assertEquals(t.replaceAll("[\\s_]+", " "), Shape.spaced(t, true), t);
        }
    }

    @Test
    void aTextWithNothingToReplaceComesBackAsItIs() {
        String t = "double precision";
        assertSame(t, Shape.spaced(t, false));
        assertEquals("time with time zone", Shape.normalizeWord("  TIME_with__Time\tZONE "));
    }
}
