package dev.specgen.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * File operations inside the output folder that never go through a symbolic link: every folder between the output
 * folder and a file is checked without following links before anything is read, written or deleted, and checked
 * again right before the write or delete; files are opened with NOFOLLOW_LINKS, temporary files are created new
 * (O_EXCL, so a planted link is not followed) and moved over the target (a rename replaces a link, never follows
 * it). The output folder itself is given as a real path: it may be a link the user made, nothing inside it may be.
 */
final class OutputFiles {
    private static final AtomicLong TEMP = new AtomicLong();

    private OutputFiles() {
    }

    /** What is at a path inside the output folder, looked at without following links. */
    enum State {
        MISSING, REGULAR, LINK, OTHER,
        /** A folder on the way is a symbolic link ({@link Located#blocker}). */
        PARENT_LINK,
        /** Something on the way is not a folder ({@link Located#blocker}). */
        PARENT_NOT_FOLDER
    }

    /** @param blocker for PARENT_*: the path in the way */
    record Located(Path file, State state, long size, Path blocker) {
    }

    /** Looks at {@code rel} below {@code real} (the real path of the output folder). */
    static Located locate(Path real, String rel) throws IOException {
        String[] segs = rel.split("/");
        Path p = real;
        for (int i = 0; i < segs.length - 1; i++) {
            p = p.resolve(segs[i]);
            Optional<BasicFileAttributes> a = attributes(p);
            if (a.isEmpty()) {
                return new Located(real.resolve(rel), State.MISSING, 0, null);
            }
            if (a.get().isSymbolicLink()) {
                return new Located(real.resolve(rel), State.PARENT_LINK, 0, p);
            }
            if (!a.get().isDirectory()) {
                return new Located(real.resolve(rel), State.PARENT_NOT_FOLDER, 0, p);
            }
        }
        Path file = p.resolve(segs[segs.length - 1]);
        Optional<BasicFileAttributes> a = attributes(file);
        if (a.isEmpty()) {
            return new Located(file, State.MISSING, 0, null);
        }
        State s = a.get().isSymbolicLink() ? State.LINK : a.get().isRegularFile() ? State.REGULAR : State.OTHER;
        return new Located(file, s, a.get().size(), null);
    }

    static Optional<BasicFileAttributes> attributes(Path p) throws IOException {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The bytes of a regular file, opened without following a link; at most {@code max} bytes, else empty. */
    static Optional<byte[]> read(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            return bytes.length > max ? Optional.empty() : Optional.of(bytes);
        }
    }

    /** Lower-case hex SHA-256 of a file, streamed (any size), opened without following a link. */
    static String sha256(Path file) throws IOException {
        MessageDigest md = Manifest.digest();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Strict UTF-8, or empty. */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Creates the folders between {@code real} and {@code file}, refusing any that is (or became) a link. */
    static void createFolders(Path real, Path file) throws IOException {
        Files.createDirectories(real);
        if (file.getParent().equals(real)) {
            return;
        }
        Path p = real;
        for (Path seg : real.relativize(file.getParent())) {
            p = p.resolve(seg);
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                Optional<BasicFileAttributes> a = attributes(p);
                if (a.isEmpty() || a.get().isSymbolicLink() || !a.get().isDirectory()) {
                    throw new FileSystemException(p.toString(), null, "not a folder (or a symbolic link)");
                }
            }
        }
    }

    /** Writes {@code bytes} to a new temporary file next to {@code file}, then renames it over {@code file}. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path parent = file.getParent();
        requireRealFolder(parent);
        Path tmp = null;
        try {
            for (int attempt = 0; tmp == null; attempt++) {
                Path candidate = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                        + TEMP.incrementAndGet() + ".specgen-tmp");
                try (OutputStream out = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    tmp = candidate;
                    out.write(bytes);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                }
            }
            requireRealFolder(parent);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Deletes a regular file (never what a link points to), then the folders up to {@code real} it leaves empty. */
    static void delete(Path real, Path file) throws IOException {
        requireRealFolder(file.getParent());
        Optional<BasicFileAttributes> a = attributes(file);
        if (a.isEmpty()) {
            return;
        }
        if (!a.get().isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "no longer a regular file; not deleted");
        }
        Files.delete(file);
        for (Path d = file.getParent(); d != null && !d.equals(real) && d.startsWith(real); d = d.getParent()) {
            try (Stream<Path> s = Files.list(d)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(d);
        }
    }

    /** The folder is where it seems to be: no link anywhere on its path (checked again right before a change). */
    private static void requireRealFolder(Path folder) throws IOException {
        if (!folder.toRealPath().equals(folder)) {
            throw new FileSystemException(folder.toString(), null, "is, or is reached through, a symbolic link");
        }
    }
}
