package dev.specgen.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

class YamlProblemsTest {
    private static final String FILE = "specs/x.yaml";

    @Test
    void unexpectedExceptionGetsTheParsersLastPosition() {
        assertEquals("specs/x.yaml:4:2: error SG101: boom and more",
                YamlProblems.toDiagnostic(new IllegalStateException("boom\n  and\tmore"), FILE,
                        Optional.of(new SourcePos(FILE, 4, 2))).format());
    }

    @Test
    void unexpectedExceptionWithoutMessageOrPositionNamesTheFile() {
        assertEquals("specs/x.yaml: error SG101: YAML parser failed (NullPointerException)",
                YamlProblems.toDiagnostic(new NullPointerException(), FILE, Optional.empty()).format());
    }

    @Test
    void aliasLimitIsAResourceLimit() {
        assertEquals("specs/x.yaml:2:5: error SG104: too many aliases to mappings or sequences in one document"
                        + " (more than 50)",
                YamlProblems.toDiagnostic(new YamlEngineException(
                                "Number of aliases for non-scalar nodes exceeds the specified max=50"), FILE,
                        Optional.of(new SourcePos(FILE, 2, 5))).format());
    }
}
