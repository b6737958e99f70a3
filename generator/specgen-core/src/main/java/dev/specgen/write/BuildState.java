package dev.specgen.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the last successful generate saw and left, so an incremental build (the Maven goal) can skip the next one:
 * {@code inputs} is a SHA-256 over the input files (specs, override templates) and the caller's settings (tool
 * version, options); {@code outputs} maps every file it wrote (relative to the output folder) to its SHA-256. A run is
 * up to date when the inputs hash the same and every output file is still on disk with its hash, so a deleted or
 * hand-edited generated file is regenerated. Stored as {@code sha256sum}-style text in the build directory.
 */
public record BuildState(String inputs, SortedMap<String, String> outputs) {
    private static final String INPUTS = "inputs ";

    public BuildState {
        Objects.requireNonNull(inputs, "inputs == null");
        outputs = new TreeMap<>(outputs);
    }

    /** The state after writing {@code files} (relative path -> content). */
    public static BuildState of(String inputs, Map<String, String> files) {
        SortedMap<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> out.put(k, sha256(v.getBytes(StandardCharsets.UTF_8))));
        return new BuildState(inputs, out);
    }

    /**
     * SHA-256 over {@code settings} (in order) and every regular file under each of {@code inputs} (a file or a
     * folder; absent ones count as absent), by path relative to that input and content, in sorted order.
     */
    public static String fingerprint(List<String> settings, List<Path> inputs) {
        MessageDigest md = digest();
        settings.forEach(s -> update(md, "setting " + s));
        for (Path in : inputs) {
            update(md, "input " + in.toString().replace('\\', '/'));
            if (!Files.exists(in)) {
                update(md, "absent");
                continue;
            }
            SortedMap<String, Path> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(in)) {
                walk.filter(Files::isRegularFile)
                        .forEach(p -> files.put(in.relativize(p).toString().replace('\\', '/'), p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.forEach((name, p) -> {
                update(md, "file " + name);
                update(md, sha256(p));
            });
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** True when {@code inputs} is what this state saw and every output file in {@code outDir} is as it was left. */
    public boolean upToDate(String currentInputs, Path outDir) {
        if (!inputs.equals(currentInputs) || outputs.isEmpty()) {
            return false;
        }
        for (var e : outputs.entrySet()) {
            Path p = outDir.resolve(e.getKey()).normalize();
            if (!p.startsWith(outDir.normalize()) || !Files.isRegularFile(p) || !e.getValue().equals(sha256(p))) {
                return false;
            }
        }
        return true;
    }

    /** The state stored at {@code file}; empty when there is none or it cannot be read (then nothing is skipped). */
    public static Optional<BuildState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).startsWith(INPUTS)) {
                return Optional.empty();
            }
            SortedMap<String, String> outputs = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int sp = line.indexOf("  ");
                if (sp <= 0) {
                    return Optional.empty();
                }
                outputs.put(line.substring(sp + 2), line.substring(0, sp));
            }
            return Optional.of(new BuildState(lines.get(0).substring(INPUTS.length()), outputs));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Writes this state to {@code file} (atomically: a half-written state never makes a build skip). */
    public void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(INPUTS + inputs);
        outputs.forEach((name, hash) -> lines.add(hash + "  " + name));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = digest();
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(HexFormat.of().formatHex(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16),
            (byte) (b.length >>> 8), (byte) b.length}).getBytes(StandardCharsets.US_ASCII));
        md.update(b);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
