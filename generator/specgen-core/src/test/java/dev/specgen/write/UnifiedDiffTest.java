package dev.specgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected texts are what GNU diff -u prints for the same inputs (labels aside). */
class UnifiedDiffTest {
    private static String numbers(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> i + "\n").collect(Collectors.joining());
    }

    private static String diff(String a, String b) {
        return UnifiedDiff.diff("a/f", "b/f", a, b);
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", diff("x\n", "x\n"));
        assertEquals("", diff("", ""));
    }

    @Test
    void changesSixLinesApartShareAHunk() {
        String b = numbers(20).replace("\n2\n", "\ntwo\n").replace("\n9\n", "\nnine\n").replace("\n16\n", "\n");
        assertEquals("--- a/f\n+++ b/f\n@@ -1,19 +1,18 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n 10\n 11\n"
                + " 12\n 13\n 14\n 15\n-16\n 17\n 18\n 19\n", diff(numbers(20), b));
    }

    @Test
    void changesSevenLinesApartGetTwoHunks() {
        String b = numbers(20).replace("\n2\n", "\ntwo\n").replace("\n10\n", "\nten\n");
        assertEquals("--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -7,7 +7,7 @@\n 7\n 8\n 9\n-10\n"
                + "+ten\n 11\n 12\n 13\n", diff(numbers(20), b));
    }

    @Test
    void missingFinalNewlineIsMarked() {
        assertEquals("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n", diff("a\nb", "a\nc\n"));
    }

    @Test
    void emptySidesUseLineZero() {
        assertEquals("--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n", diff("", "x\ny\n"));
        assertEquals("--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-x\n-y\n", diff("x\ny\n", ""));
        assertEquals("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n+y\n", diff("x\n", "y\n"));
    }

    @Test
    void removedLinesComeBeforeAddedOnes() {
        assertEquals("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n-b\n-c\n+x\n+y\n+z\n", diff("a\nb\nc\n", "x\ny\nz\n"));
    }

    @Test
    void controlCharactersAreShownNotSent() {
        assertEquals("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-ok\\x0D\n+\\x1B[31mred\\x1B[0m\ttab\n",
                diff("ok\r\n", "\u001b[31mred\u001b[0m\ttab\n"));
    }

    @Test
    void aRewriteOverTheEditLimitIsStillACorrectDiff() {
        String a = numbers(3000);
        String b = IntStream.rangeClosed(1, 3000).mapToObj(i -> "x" + i + "\n").collect(Collectors.joining());
        String d = diff("head\n" + a + "tail\n", "head\n" + b + "tail\n");
        assertTrue(d.startsWith("--- a/f\n+++ b/f\n@@ -1,3002 +1,3002 @@\n head\n-1\n-2\n"), d.substring(0, 60));
        assertEquals("head\n" + b + "tail\n", apply("head\n" + a + "tail\n", d));
    }

    /** Random edits of random texts: applying the diff to the old text gives the new one, hunks well-formed. */
    @Test
    void randomDiffsApplyBack() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            List<String> a = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                a.add(String.valueOf((char) ('a' + random.nextInt(5))));
            }
            List<String> b = new ArrayList<>(a);
            int edits = random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = b.isEmpty() ? 0 : random.nextInt(b.size());
                switch (random.nextInt(3)) {
                    case 0 -> b.add(at, String.valueOf((char) ('a' + random.nextInt(5))));
                    case 1 -> {
                        if (!b.isEmpty()) {
                            b.remove(at);
                        }
                    }
                    default -> {
                        if (!b.isEmpty()) {
                            b.set(at, "z");
                        }
                    }
                }
            }
            String at = String.join("\n", a) + (random.nextBoolean() || a.isEmpty() ? "" : "\n");
            String bt = String.join("\n", b) + (random.nextBoolean() || b.isEmpty() ? "" : "\n");
            assertEquals(bt, apply(at, diff(at, bt)), "round " + round + ": " + at + " -> " + bt);
        }
    }

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

    /** A strict patch: every context and removed line must match, counts must agree, hunks in order. */
    static String apply(String before, String diff) {
        if (diff.isEmpty()) {
            return before;
        }
        List<String> old = UnifiedDiff.lines(before);
        List<String> out = new ArrayList<>();
        List<String> d = UnifiedDiff.lines(diff);
        assertTrue(d.get(0).startsWith("--- ") && d.get(1).startsWith("+++ "), diff);
        int pos = 0;
        int i = 2;
        while (i < d.size()) {
            Matcher m = HUNK.matcher(d.get(i));
            assertTrue(m.lookingAt(), d.get(i));
            int oldStart = Integer.parseInt(m.group(1));
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            int from = oldCount == 0 ? oldStart : oldStart - 1;
            assertTrue(from >= pos, "hunks overlap or go back");
            out.addAll(old.subList(pos, from));
            pos = from;
            i++;
            int seenOld = 0;
            int seenNew = 0;
            while (i < d.size() && !d.get(i).startsWith("@@")) {
                String line = d.get(i);
                boolean noNewline = i + 1 < d.size() && d.get(i + 1).equals("\\ No newline at end of file\n");
                String text = line.substring(1, line.length() - 1) + (noNewline ? "" : "\n");
                char mark = line.charAt(0);
                if (mark == ' ' || mark == '-') {
                    assertEquals(old.get(pos), text, "line " + (pos + 1));
                    pos++;
                    seenOld++;
                }
                if (mark == ' ' || mark == '+') {
                    out.add(text);
                    seenNew++;
                }
                i += noNewline ? 2 : 1;
            }
            assertEquals(oldCount, seenOld, "old count");
            assertEquals(newCount, seenNew, "new count");
        }
        out.addAll(old.subList(pos, old.size()));
        return String.join("", out);
    }
}
