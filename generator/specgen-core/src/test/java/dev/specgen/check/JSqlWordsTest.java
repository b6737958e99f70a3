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

    /**
     * The gate lexes a word with a blank after it and reads one token (no end-of-text exceptions); that must answer
     * as lexing the word alone to its end did: every word its grammar spells and every name of its token images, in three casings, those words
     * with a letter, digit or underscore before or after, and 20,000 random words.
     */
    @Test
    void aWordLexedWithABlankAfterItAnswersAsTheWordAlone() {
        java.util.List<String> words = new java.util.ArrayList<>();
        Set<String> seeds = new TreeSet<>(JSqlWords.readGrammarWords().orElseThrow());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(String.join(" ",
                net.sf.jsqlparser.parser.CCJSqlParserConstants.tokenImage));
        while (m.find()) {
            seeds.add(m.group());
            seeds.add(m.group().replaceFirst("^K_", ""));
        }
        for (String seed : seeds) {
            for (String w : java.util.List.of(seed, seed.toLowerCase(java.util.Locale.ROOT),
                    seed.toUpperCase(java.util.Locale.ROOT))) {
                words.addAll(java.util.List.of(w, w + "s", w + "_", w + "1", "x" + w, "_" + w));
            }
        }
        java.util.Random random = new java.util.Random(12);
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder w = new StringBuilder().append(letters.charAt(random.nextInt(53)));
            for (int n = random.nextInt(14); n > 0; n--) {
                w.append(letters.charAt(random.nextInt(letters.length())));
            }
            words.add(w.toString());
        }
        java.util.List<String> differ = new java.util.ArrayList<>();
        int plain = 0;
        java.util.List<Boolean> alone = JSqlWords.oneIdentifierAlone(words);
        for (int i = 0; i < words.size(); i++) {
            plain += alone.get(i) ? 1 : 0;
            if (JSqlWords.oneIdentifierAsTheGateAsks(words.get(i)) != alone.get(i)) {
                differ.add(words.get(i));
            }
        }
        assertEquals("[]", differ.toString());
        assertTrue(plain > 1_000 && words.size() - plain > 1_000, "both answers among the words: " + plain + " of "
                + words.size());
        assertTrue(JSqlWords.oneIdentifierAsTheGateAsks("customer_id"));
        assertFalse(JSqlWords.oneIdentifierAsTheGateAsks("date"), "a key word token");
        assertFalse(JSqlWords.oneIdentifierAsTheGateAsks("use"), "a key word token");
    }
}
