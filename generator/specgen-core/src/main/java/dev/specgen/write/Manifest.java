package dev.specgen.write;

import dev.specgen.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The output manifest, {@value #FILE_NAME} in the output folder (Atlas {@code atlas.sum}): every file specgen wrote
 * there, with the SHA-256 of its bytes. It is what makes a file specgen's: build replaces or deletes only files
 * listed here (and deletes one only while its bytes still match), and {@code check} compares only what it lists.
 *
 * <pre>
 * # specgen.sum: files specgen wrote in this folder, with the SHA-256 of each (format 1). Do not edit.
 * # sum 5c2d...                                       SHA-256 of every line below, newlines included
 * 0f3a...  analytics/00_schema.sql                    one line per file, sorted by path
 * </pre>
 *
 * File lines have {@code sha256sum}'s format, so {@code grep -v '^#' specgen.sum | sha256sum -c} (run in the folder)
 * checks the files without specgen. The bytes depend only on the entries: same files, same manifest.
 *
 * @param files path relative to the output folder ('/'-separated) to lower-case hex SHA-256
 */
public record Manifest(SortedMap<String, String> files) {
    public static final String FILE_NAME = "specgen.sum";
    static final String HEADER = "# specgen.sum: files specgen wrote in this folder, with the SHA-256 of each "
            + "(format 1). Do not edit.";
    private static final String SUM = "# sum ";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public Manifest {
        Objects.requireNonNull(files, "files == null");
        files = new TreeMap<>(files);
        for (Map.Entry<String, String> e : files.entrySet()) {
            checkPath(e.getKey());
            if (!HASH.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("not a SHA-256 in hex: " + e.getValue());
            }
        }
        files = java.util.Collections.unmodifiableSortedMap(files);
    }

    /** The manifest of {@code contents} (path to text, written as UTF-8). */
    public static Manifest of(SortedMap<String, String> contents) {
        SortedMap<String, String> out = new TreeMap<>();
        contents.forEach((path, text) -> out.put(path, sha256(text.getBytes(StandardCharsets.UTF_8))));
        return new Manifest(out);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    /** The file's text: header, sum line, then one {@code <sha256>  <path>} line per file. */
    public String format() {
        String lines = entryLines();
        return HEADER + "\n" + SUM + sha256(lines.getBytes(StandardCharsets.UTF_8)) + "\n" + lines;
    }

    private String entryLines() {
        StringBuilder b = new StringBuilder();
        files.forEach((path, hash) -> b.append(hash).append("  ").append(path).append('\n'));
        return b.toString();
    }

    /** Whether {@code path} is listed. */
    public boolean lists(String path) {
        return files.containsKey(path);
    }

    /**
     * Reads a manifest's text, strictly: any line out of place, an unsorted or repeated path, or a sum that does not
     * match (a hand edit, a merge conflict) makes it {@link Damaged}, and then nothing it lists is trusted.
     */
    public static Manifest parse(String text) throws Damaged {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new Damaged(1, lines[0].startsWith("# specgen.sum") ? "written by another specgen version (format"
                    + " 1 expected)" : "the first line is not specgen's manifest header");
        }
        if (lines.length < 3 || !lines[1].startsWith(SUM)
                || !HASH.matcher(lines[1].substring(SUM.length())).matches()) {
            throw new Damaged(2, "expected \"# sum <sha256>\"");
        }
        if (!text.endsWith("\n")) {
            throw new Damaged(lines.length, "the last line does not end with a newline");
        }
        SortedMap<String, String> files = new TreeMap<>();
        String previous = null;
        for (int i = 2; i < lines.length - 1; i++) {
            String line = lines[i];
            int sep = line.indexOf("  ");
            if (sep != 64 || !HASH.matcher(line.substring(0, 64)).matches()) {
                throw new Damaged(i + 1, "expected \"<sha256>  <path>\"");
            }
            String path = line.substring(66);
            try {
                checkPath(path);
            } catch (IllegalArgumentException e) {
                throw new Damaged(i + 1, e.getMessage());
            }
            if (previous != null && previous.compareTo(path) >= 0) {
                throw new Damaged(i + 1, "paths are not sorted or repeat");
            }
            previous = path;
            files.put(path, line.substring(0, 64));
        }
        Manifest m = new Manifest(files);
        String sum = lines[1].substring(SUM.length());
        if (!sum.equals(sha256(m.entryLines().getBytes(StandardCharsets.UTF_8)))) {
            throw new Damaged(2, "the sum does not match the lines below it (edited by hand?)");
        }
        return m;
    }

    /**
     * Paths are relative and '/'-separated, with no empty, {@code .} or {@code ..} segment, no backslash and no
     * control character, so a manifest line is one path and can never name a file outside the folder.
     */
    static void checkPath(String path) {
        boolean bad = path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")
                || path.equals(FILE_NAME) || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        for (String seg : path.split("/", -1)) {
            bad |= seg.isEmpty() || seg.equals(".") || seg.equals("..");
        }
        if (bad) {
            throw new IllegalArgumentException("not a plain relative path: " + Escape.quote(path));
        }
    }

    /** A manifest that cannot be trusted, and the 1-based line where that shows. */
    public static final class Damaged extends Exception {
        private final int line;

        Damaged(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
