package dev.specgen.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JSqlWordsTest {
    private static final Path SOURCE = Path.of("src/main/resources/dev/specgen/check", JSqlWords.RESOURCE);

    /**
     * The resource a run reads is what reading JSqlParser's class files gives. After a JSqlParser upgrade this fails;
     * {@code -Dspecgen.golden.update=true} (or env SPECGEN_GOLDEN_UPDATE=1) rewrites the resource in the sources.
     */
    @Test
    void theResourceHoldsTheWordsOfJSqlParsersClassFiles() throws IOException {
        Set<String> computed = JSqlWords.computeGrammarWords();
        if (Boolean.getBoolean("specgen.golden.update") || "1".equals(System.getenv("SPECGEN_GOLDEN_UPDATE"))) {
            Files.writeString(SOURCE, String.join("\n", new TreeSet<>(computed)) + "\n", StandardCharsets.UTF_8);
            return;
        }
        Set<String> resource = JSqlWords.readGrammarWords().orElseThrow(() -> new AssertionError(
                JSqlWords.RESOURCE + " is not on the class path"));
        Set<String> missing = new TreeSet<>(computed);
        missing.removeAll(resource);
        Set<String> extra = new TreeSet<>(resource);
        extra.removeAll(computed);
        assertEquals("missing [] extra []", "missing " + missing + " extra " + extra, JSqlWords.RESOURCE
                + " is not what this JSqlParser gives: rewrite it with -Dspecgen.golden.update=true, review the diff");
        assertEquals(String.join("\n", new TreeSet<>(computed)) + "\n", Files.readString(SOURCE),
                "sorted, one word a line");
        assertTrue(resource.contains("JSON_TABLE"), "a word the grammar compares identifier text with");
        assertTrue(resource.contains("OWNED"));
    }

    @Test
    void wordsTheGrammarSpellsAreNotPlainNames() {
        JSqlWords words = new JSqlWords();
        assertTrue(words.plainName("customer_id"));
        assertFalse(words.plainName("owned"), "a grammar constant, though JSqlParser lexes it as an identifier");
        assertFalse(words.plainName("date"), "a key word token");
    }
}
