package dev.specgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    /** FIPS 180-2's example "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void bytesTextAndDigestAgreeWithTheStandardVector() {
        assertEquals(ABC, Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ABC, Sha256.of("abc"));
        MessageDigest md = Sha256.digest();
        md.update((byte) 'a');
        md.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ABC, Sha256.hex(md));
    }

    @Test
    void textIsHashedAsUtf8() {
        assertEquals(Sha256.of(new byte[] {(byte) 0xc3, (byte) 0xa9}), Sha256.of("\u00e9"));
    }

    @Test
    void aFileIsStreamedPastOneBuffer(@TempDir Path dir) throws Exception {
        byte[] big = new byte[(1 << 16) * 2 + 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path f = dir.resolve("f");
        Files.write(f, big);
        assertEquals(Sha256.of(big), Sha256.of(f));
        Files.write(f, "abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ABC, Sha256.of(f));
    }
}
