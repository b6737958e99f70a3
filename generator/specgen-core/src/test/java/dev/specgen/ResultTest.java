package dev.specgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultTest {
    @Test
    void firstErrorsAreTheFirstNErrorsInOrderWithoutWarnings() {
        Result r = Result.of(List.of(
                Diagnostic.error(new SourcePos("b.yaml", 1, 1), Code.SG102, "second"),
                Diagnostic.warning(new SourcePos("a.yaml", 2, 1), Code.SG102, "a warning"),
                Diagnostic.error(new SourcePos("a.yaml", 1, 1), Code.SG101, "first").withHint("not in the line"),
                Diagnostic.error(new SourcePos("c.yaml", 1, 1), Code.SG101, "third")), Optional.empty());
        assertEquals("a.yaml:1:1: error SG101: first\n  hint: not in the line; b.yaml:1:1: error SG102: second",
                r.firstErrors(2));
        assertEquals("", Result.of(List.of(), Optional.empty()).firstErrors(3));
    }
}
