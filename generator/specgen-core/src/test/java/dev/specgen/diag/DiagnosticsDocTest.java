package dev.specgen.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/diagnostics.md and {@link Code} stay in step: every code has a {@code ## SGnnn — title} section with its exact
 * title, in enum order, and every such heading is a real code.
 */
class DiagnosticsDocTest {

    private static final Pattern HEADING = Pattern.compile("^## (SG\\d{3})\\b(.*)$", Pattern.MULTILINE);

    /** The repository's docs/diagnostics.md, found by walking up from the module directory. */
    static Path doc() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("docs").resolve("diagnostics.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/diagnostics.md not found above " + dir);
    }

    private static Map<String, String> headings() throws IOException {
        String text = Files.readString(doc(), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(text);
        while (m.find()) {
            String previous = out.put(m.group(1), m.group(2));
            assertEquals(null, previous, "heading " + m.group(1) + " appears twice");
        }
        return out;
    }

    @Test
    void everyCodeHasASectionWithItsTitle() throws IOException {
        Map<String, String> headings = headings();
        List<String> missing = new ArrayList<>();
        for (Code c : Code.values()) {
            String rest = headings.get(c.name());
            if (rest == null) {
                missing.add(c.name());
            } else {
                assertEquals(" — " + c.title(), rest, "title of ## " + c.name());
            }
        }
        assertEquals(List.of(), missing, "codes without a ## section in " + doc());
    }

    @Test
    void everyHeadingIsARealCodeInEnumOrder() throws IOException {
        List<String> codes = Arrays.stream(Code.values()).map(Code::name).toList();
        List<String> documented = new ArrayList<>(headings().keySet());
        for (String h : documented) {
            assertTrue(codes.contains(h), "## " + h + " is not a dev.specgen.diag.Code constant");
        }
        assertEquals(codes, documented, "sections in enum order");
    }
}
