package dev.specgen.load;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Bytes to text: strict UTF-8 (a leading BOM is skipped), then YAML's printable-character rule. Problems are
 * positioned in the same coordinates SnakeYAML uses: lines broken by LF, CRLF or lone CR; columns counted in code
 * points; both 1-based here.
 */
final class TextDecoder {
    /** SnakeYAML does not count a BOM in columns, wherever it appears; neither do we. */
    private static final int BOM = 0xFEFF;

    private TextDecoder() {
    }

    static Optional<String> decode(String file, byte[] bytes, Diagnostics diags) {
        if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
            diags.error(new SourcePos(file, 1, 1), Code.SG103, "file is UTF-16 encoded; specs must be UTF-8",
                    "save the file as UTF-8");
            return Optional.empty();
        }
        int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start); // UTF-8 never yields more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            diags.error(bytePos(file, bytes, start, bad), Code.SG103,
                    String.format(Locale.ROOT, "invalid UTF-8 byte 0x%02X; specs must be UTF-8", bytes[bad] & 0xFF),
                    "save the file as UTF-8");
            return Optional.empty();
        }
        String text = out.flip().toString();
        return checkPrintable(file, text, diags) ? Optional.of(text) : Optional.empty();
    }

    /** YAML allows tab, LF, CR and printable characters only; SnakeYAML's own check reports no line:col. */
    private static boolean checkPrintable(String file, String text, Diagnostics diags) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!StreamReader.isPrintable(cp)) {
                diags.error(new SourcePos(file, line, col), Code.SG101,
                        "character " + Texts.codePoint(cp) + " is not allowed in YAML",
                        "remove the control character or write it as an escape in a double-quoted string");
                return false;
            }
            i += Character.charCount(cp);
            if (cp == '\n' || (cp == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
                line++;
                col = 1;
            } else if (cp != '\r' && cp != BOM) {
                col++;
            }
        }
        return true;
    }

    /** Position of byte {@code bad}; bytes in [start, bad) are valid UTF-8, so lead bytes count code points. */
    private static SourcePos bytePos(String file, byte[] bytes, int start, int bad) {
        int line = 1;
        int col = 1;
        for (int i = start; i < bad; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n' || (b == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
                col = 1;
            } else if (b != '\r' && (b & 0xC0) != 0x80 && !isBomAt(bytes, i)) {
                col++;
            }
        }
        return new SourcePos(file, line, col);
    }

    private static boolean isBomAt(byte[] bytes, int i) {
        return i + 2 < bytes.length && (bytes[i] & 0xFF) == 0xEF && (bytes[i + 1] & 0xFF) == 0xBB
                && (bytes[i + 2] & 0xFF) == 0xBF;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
