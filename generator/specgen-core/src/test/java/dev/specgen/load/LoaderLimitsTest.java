package dev.specgen.load;

import static dev.specgen.load.LoadTesting.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.specgen.load.LoadTesting.Loaded;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoaderLimitsTest {

    /** a: [lol x9], b: [*a x9] ... i: [*h x9] = 9^9 strings once expanded. */
    private static String billionLaughs() {
        StringBuilder b = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i > 0 ? "," : "").append('*').append((char) (c - 1));
            }
            b.append("]\n");
        }
        return b.toString();
    }

    @Test
    void billionLaughsIsRefusedByTheAliasLimit() {
        Loaded l = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(billionLaughs()));
        assertEquals(List.of("specs/x.yaml:7:23: error SG104: too many aliases to mappings or sequences in one"
                + " document (more than 50)"), l.messages());
        assertEquals(List.of(), l.file().documents());
    }

    @Test
    void bombUnderTheAliasLimitIsRefusedByTheNodeBudget() {
        // 6 levels x 8 aliases = 48 aliases, 8^6 = 262144 scalars once expanded
        StringBuilder b = new StringBuilder("a: &a [x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'g'; c++) {
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 8; i++) {
                b.append(i > 0 ? "," : "").append('*').append((char) (c - 1));
            }
            b.append("]\n");
        }
        Loaded l = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(b + "---\nnext: 1\n"));
        assertEquals(List.of("specs/x.yaml:1:1: error SG104: document expands to more than 100000 nodes"
                + " (aliases repeat what they refer to)"), l.messages());
        assertEquals(List.of(), l.file().documents()); // the file stops there
    }

    @Test
    void deepFlowNestingIsRefusedBeforeTheComposerRecurses() {
        Loaded l = load("[".repeat(500_000));
        assertEquals(List.of("specs/x.yaml:1:65: error SG104: nesting is deeper than 64 levels"), l.messages());
    }

    @Test
    void deepBlockNestingIsRefused() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            b.append(" ".repeat(i)).append("k:\n");
        }
        assertEquals(List.of("specs/x.yaml:65:65: error SG104: nesting is deeper than 64 levels"),
                load(b.toString()).messages());
    }

    @Test
    void sixtyFourLevelsAreFine() {
        Loaded l = load("[".repeat(64) + "]".repeat(64));
        assertEquals(List.of(), l.messages());
    }

    @Test
    void nestingThroughAliasesIsBounded() {
        // each text nesting is fine (at most 43 levels); expanding *b inside 24 more brackets is not:
        // root 1 + c 1 + 24 + b 1 = 27, so a's 38th bracket (1:44) is level 65
        String inner = "[".repeat(40) + "]".repeat(40);
        String wrapped = "[".repeat(24) + "*b" + "]".repeat(24);
        Loaded l = load("a: &a " + inner + "\nb: &b [*a]\nc: [*b, " + wrapped + "]\n");
        assertEquals(List.of("specs/x.yaml:1:44: error SG104: nesting is deeper than 64 levels"), l.messages());
    }

    @Test
    void recursiveAliasIsRefused() {
        assertEquals(List.of("specs/x.yaml:1:4: error SG104: recursive alias: the mapping &r contains itself"),
                load("a: &r {self: *r}\n").messages());
    }

    @Test
    void threeMebibyteFileIsRefusedBeforeParsing() {
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) '[');
        Loaded l = load(big);
        assertEquals(List.of("specs/x.yaml: error SG104: file is too large (3145728 bytes; the limit is 2097152"
                + " bytes, 2 MiB)"), l.messages());
    }

    @Test
    void fileJustUnderTheLimitLoads() {
        String head = "a: 1\n# ";
        String yaml = head + "x".repeat(SpecLoader.MAX_FILE_BYTES - head.length() - 1) + "\n";
        assertEquals(SpecLoader.MAX_FILE_BYTES, yaml.length());
        Loaded l = load(yaml);
        assertEquals(List.of(), l.messages());
        assertEquals(List.of("a"), l.map().keys());
    }

    /** Issue 12: aliases of one long text multiplied it unseen (a 0.5 MB spec became 1.9 GB of SQL). */
    @Test
    void aliasesAreCountedByTheTextTheyRepeat() {
        String text = "t: &t " + "x".repeat(100_000) + "\n";
        StringBuilder ten = new StringBuilder(text);
        for (int i = 0; i < 10; i++) {
            ten.append("k").append(i).append(": *t\n");
        }
        assertEquals(List.of(), load(ten.toString()).messages(), "1,000,000 characters repeated: within the limit");
        Loaded eleven = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(ten + "k10: *t\n"));
        assertEquals(List.of("specs/x.yaml:12:1: error SG104: aliases repeat more than 1,048,576 characters of text"
                + " in this file (this one repeats a text of 100,000 characters)"), eleven.messages());
        assertEquals(List.of(), eleven.file().documents());
    }

    /** An alias of a list repeats every text in it; reported at the key whose value holds the alias. */
    @Test
    void aliasesOfCollectionsCountTheTextInside() {
        StringBuilder b = new StringBuilder("l: &l [" + "y".repeat(60_000) + ", " + "z".repeat(60_000) + "]\n");
        b.append("m: [");
        for (int i = 0; i < 9; i++) {
            b.append(i > 0 ? ", " : "").append("*l");
        }
        b.append("]\n");
        assertEquals(List.of("specs/x.yaml:2:1: error SG104: aliases repeat more than 1,048,576 characters of text"
                + " in this file (this one repeats a text of 60,000 characters)"), load(b.toString()).messages());
    }
}
