package dev.specgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The manifest's bytes are part of the output: exact text, and a strict reader. */
class ManifestTest {
    static final String X = "73cb3858a687a8494ca3323053016282f3dad39d42cf62ca4e79dda2aac7d9ac"; // sha256("x\n")
    static final String Y = "3bb2abb69ebb27fbfe63c7639624c6ec5e331b841a5bc8c3ebc10b9285e90877"; // sha256("y\n")

    /** Checked with sha256sum: printf '%s  %s\n' X a/one.sql Y two.sql | sha256sum. */
    static final String TEXT = "# specgen.sum: files specgen wrote in this folder, with the SHA-256 of each (format 1)."
            + " Do not edit.\n"
            + "# sum 158ed949464a18c0177e0c193a7e154c7d23c5c8aa2cd67370afc0ac2a50e4d0\n"
            + X + "  a/one.sql\n"
            + Y + "  two.sql\n";

    private static SortedMap<String, String> files(String... pathAndText) {
        SortedMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < pathAndText.length; i += 2) {
            m.put(pathAndText[i], pathAndText[i + 1]);
        }
        return m;
    }

    @Test
    void sha256IsHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Manifest.sha256("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void formatIsSortedWithASumOverTheLines() {
        assertEquals(TEXT, Manifest.of(files("two.sql", "y\n", "a/one.sql", "x\n")).format());
    }

    @Test
    void emptyManifestHasTheSumOfNothing() {
        assertEquals(Manifest.HEADER + "\n# sum e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
                Manifest.of(new TreeMap<>()).format());
    }

    @Test
    void parseReadsWhatFormatWrote() throws Manifest.Damaged {
        Manifest m = Manifest.parse(TEXT);
        assertEquals(List.of("a/one.sql", "two.sql"), List.copyOf(m.files().keySet()));
        assertEquals(X, m.files().get("a/one.sql"));
        assertTrue(m.lists("two.sql"));
        assertEquals(TEXT, m.format());
    }

    private static String damaged(String text) {
        Manifest.Damaged d = assertThrows(Manifest.Damaged.class, () -> Manifest.parse(text));
        return d.line() + ": " + d.getMessage();
    }

    @Test
    void anyEditMakesItDamaged() {
        assertEquals("2: the sum does not match the lines below it (edited by hand?)",
                damaged(TEXT.replace(X, Y.substring(0, 10) + X.substring(10))));
        assertEquals("2: the sum does not match the lines below it (edited by hand?)",
                damaged(TEXT.replace("two.sql", "zz.sql")));
        assertEquals("4: expected \"<sha256>  <path>\"", damaged(TEXT.replace(Y + "  ", Y + " ")));
        assertEquals("4: paths are not sorted or repeat", damaged(TEXT.replace("two.sql", "a/one.sql")));
        assertEquals("4: not a plain relative path: \"../x.sql\"", damaged(TEXT.replace("two.sql", "../x.sql")));
        assertEquals("4: not a plain relative path: \"/etc/x.sql\"", damaged(TEXT.replace("two.sql", "/etc/x.sql")));
        assertEquals("4: the last line does not end with a newline", damaged(TEXT.substring(0, TEXT.length() - 1)));
        assertEquals("1: the first line is not specgen's manifest header", damaged("<<<<<<< HEAD\n" + TEXT));
        assertEquals("1: written by another specgen version (format 1 expected)",
                damaged(TEXT.replace("(format 1)", "(format 2)")));
        assertEquals("2: expected \"# sum <sha256>\"", damaged(Manifest.HEADER + "\n"));
    }

    @Test
    void pathsArePlainAndRelative() {
        for (String bad : List.of("", "/a.sql", "a//b.sql", "a/./b.sql", "a/../b.sql", "a\\b.sql", "a\nb.sql",
                "specgen.sum", "a/")) {
            assertThrows(IllegalArgumentException.class, () -> Manifest.of(files(bad, "x")), bad);
        }
        assertEquals(List.of("a b/c d.sql"), List.copyOf(Manifest.of(files("a b/c d.sql", "x")).files().keySet()));
    }
}
