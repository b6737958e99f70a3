package dev.specgen.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loader must turn any input into diagnostics: no exception, and every diagnostic positioned. */
class LoaderFuzzTest {
    private static final byte[] VALID = """
            entity: Order
            table: orders
            fields:
              id: {type: bigint, primary: true}
              customer: {type: ref, to: Customer}
              note: "free text: with 'quotes'"
              tags: [a, b, &t c, *t]
            indexes:
              - columns: [customer]
                using: btree
            ---
            entity: Customer
            fields:
              name: |
                multi
                line
            """.getBytes(StandardCharsets.UTF_8);

    private static final byte[] ALPHABET = ":-[]{},&*!|>'\"#%@` \n\t?~\\.0aZ".getBytes(StandardCharsets.US_ASCII);

    @Test
    void randomBytes() {
        Random random = new Random(20240101L);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(600)];
            if (i % 2 == 0) {
                random.nextBytes(bytes);
            } else {
                for (int j = 0; j < bytes.length; j++) {
                    bytes[j] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
            }
            check(bytes);
        }
    }

    @Test
    void mutationsOfAValidSpec() {
        check(VALID);
        Random random = new Random(42L);
        for (int i = 0; i < 400; i++) {
            byte[] bytes = VALID.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = random.nextInt(3) == 0 ? (byte) random.nextInt(256)
                        : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            int cut = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : bytes.length;
            check(java.util.Arrays.copyOf(bytes, cut));
        }
    }

    private static void check(byte[] bytes) {
        Diagnostics diags = new Diagnostics();
        LoadedFile file = new SpecLoader().load("specs/fuzz.yaml", bytes, diags);
        assertEquals("specs/fuzz.yaml", file.file());
        for (Diagnostic d : diags.sorted()) {
            assertFalse(d.pos().isNone(), d::format);
            assertEquals("specs/fuzz.yaml", d.pos().file(), d::format);
            assertFalse(d.message().isBlank(), d::format);
            assertFalse(d.message().contains("\n"), d::format);
        }
    }
}
