package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BodyTag gives the tag Sql.dollarTag(record.toString()) gave, without bootstrapping the record's toString. */
class BodyTagTest {
    enum Kind { PLAIN, SPECGEN }

    record Inner(String text, Optional<String> maybe, SourcePos pos) {
    }

    record Outer(String name, List<Inner> parts, Map<String, String> items, Inner first, Kind kind, int n,
            List<List<String>> nested) {
    }

    @Test
    void aPlainBodyTakesTheFirstTag() {
        Outer o = new Outer("f", List.of(), Map.of(), new Inner("x", Optional.empty(), SourcePos.NONE), Kind.PLAIN, 1,
                List.of());
        assertEquals("specgen", BodyTag.of(o));
        assertEquals(Sql.dollarTag(o.toString()), BodyTag.of(o));
    }

    @Test
    void aTagInsideAnyComponentIsSkipped() {
        Outer o = new Outer("f", List.of(new Inner("a", Optional.of("x $specgen$ y"), SourcePos.NONE)), Map.of(),
                new Inner("$specgen1$", Optional.empty(), new SourcePos("$specgen2$.yaml", 3, 4)), Kind.PLAIN, 1,
                List.of(List.of("$specgen3$")));
        assertEquals("specgen4", BodyTag.of(o));
        assertEquals(Sql.dollarTag(o.toString()), BodyTag.of(o));
    }

    /** Random records of texts made of tag pieces, separators and dollars: the same tag as from toString, always. */
    @Test
    void theSameTagAsTheRecordsText() {
        Random rnd = new Random(12);
        String[] pieces = {"$", "specgen", "1", "2", "$specgen", "gen$", ", ", "=", "[", "]", "x", "", "$specgen$",
            "$specgen1$", "$specgen2", "Optional[", "}", "{"};
        for (int run = 0; run < 20_000; run++) {
            List<Inner> parts = new ArrayList<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                parts.add(new Inner(text(rnd, pieces), rnd.nextBoolean() ? Optional.of(text(rnd, pieces))
                        : Optional.empty(), rnd.nextBoolean() ? SourcePos.NONE
                        : new SourcePos(text(rnd, pieces), rnd.nextInt(3), 1)));
            }
            Map<String, String> items = new LinkedHashMap<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                items.put(text(rnd, pieces), text(rnd, pieces));
            }
            Outer o = new Outer(text(rnd, pieces), parts, items, rnd.nextBoolean() ? null
                    : new Inner(text(rnd, pieces), Optional.empty(), SourcePos.NONE),
                    rnd.nextBoolean() ? Kind.PLAIN : Kind.SPECGEN, rnd.nextInt(), List.of(List.of(text(rnd, pieces))));
            assertEquals(Sql.dollarTag(o.toString()), BodyTag.of(o), o.toString());
        }
    }

    private static String text(Random rnd, String[] pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = rnd.nextInt(5); i > 0; i--) {
            b.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return b.toString();
    }
}
