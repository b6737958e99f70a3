package dev.specgen.write;

import dev.specgen.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the last successful generate saw and left, so an incremental build (the Maven goal) can skip the next one:
 * {@code inputs} is a SHA-256 over the input files (specs, override templates) and the caller's settings (tool
 * version, options); {@code manifest} is the SHA-256 of the {@link Manifest} ({@code specgen.sum}) that run left in
 * the output folder. A run is up to date when the inputs hash the same, the manifest is still that one, and every
 * file it lists is on disk with its hash, so a deleted or hand-edited generated file is regenerated. Stored as two
 * lines of text in the build directory.
 */
public record BuildState(String inputs, String manifest) {
    private static final String INPUTS = "inputs ";
    private static final String MANIFEST = "manifest ";

    public BuildState {
        Objects.requireNonNull(inputs, "inputs == null");
        Objects.requireNonNull(manifest, "manifest == null");
    }

    /** The state after a generate into {@code outDir}; empty when the folder holds no readable manifest. */
    public static Optional<BuildState> after(String inputs, Path outDir) {
        return manifestBytes(outDir).map(b -> new BuildState(inputs, Manifest.sha256(b)));
    }

    /**
     * SHA-256 over {@code settings} (in order) and every regular file under each of {@code inputs} (a file or a
     * folder; absent ones count as absent), by path relative to that input and content, in sorted order.
     */
    public static String fingerprint(List<String> settings, List<Path> inputs) {
        MessageDigest md = Sha256.digest();
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
        return Sha256.hex(md);
    }

    /** True when {@code inputs} is what this state saw and the output folder is as that run left it. */
    public boolean upToDate(String currentInputs, Path outDir) {
        Optional<byte[]> bytes = manifestBytes(outDir);
        if (!inputs.equals(currentInputs) || bytes.isEmpty() || !manifest.equals(Manifest.sha256(bytes.get()))) {
            return false;
        }
        Manifest listed;
        try {
            listed = Manifest.parse(new String(bytes.get(), StandardCharsets.UTF_8));
        } catch (Manifest.Damaged e) {
            return false;
        }
        Path root = outDir.toAbsolutePath().normalize();
        for (var e : listed.files().entrySet()) {
            Path p = root.resolve(e.getKey()).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || !e.getValue().equals(sha256(p))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<byte[]> manifestBytes(Path outDir) {
        Path m = outDir.resolve(Manifest.FILE_NAME);
        try {
            return Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readAllBytes(m))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The state stored at {@code file}; empty when there is none or it cannot be read (then nothing is skipped). */
    public static Optional<BuildState> read(Path file) {
        try {
            List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8)
                    : List.of();
            if (lines.size() != 2 || !lines.get(0).startsWith(INPUTS) || !lines.get(1).startsWith(MANIFEST)) {
                return Optional.empty();
            }
            return Optional.of(new BuildState(lines.get(0).substring(INPUTS.length()),
                    lines.get(1).substring(MANIFEST.length())));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Writes this state to {@code file} (atomically: a half-written state never makes a build skip). */
    public void write(Path file) throws IOException {
        List<String> lines = List.of(INPUTS + inputs, MANIFEST + manifest);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(Path p) {
        try {
            return Sha256.of(p);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(HexFormat.of().formatHex(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16),
            (byte) (b.length >>> 8), (byte) b.length}).getBytes(StandardCharsets.US_ASCII));
        md.update(b);
    }
}
