package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A golden case's own settings, {@code tests/cases/<case>/case.yaml} (optional; sqlc's exec.json):
 * {@code overview: true} compares the generated {@code README.md} too. Unknown keys fail the case.
 */
record CaseConfig(boolean overview) {
    static final Set<String> KEYS = Set.of("overview");

    static CaseConfig read(Path caseDir) {
        String text = Golden.read(caseDir.resolve("case.yaml"));
        if (text.isBlank()) {
            return new CaseConfig(false);
        }
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(text);
        assertTrue(doc instanceof Map, caseDir + "/case.yaml: a mapping");
        Map<?, ?> m = (Map<?, ?>) doc;
        assertEquals(Set.of(), m.keySet().stream().filter(k -> !KEYS.contains(k)).collect(
                java.util.stream.Collectors.toSet()), caseDir + "/case.yaml: unknown keys");
        return new CaseConfig(Boolean.TRUE.equals(m.get("overview")));
    }
}
