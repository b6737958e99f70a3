package dev.specgen.write;

import dev.specgen.Sha256;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return locate(real, rel, new HashMap<>());
    }

    /**
     * {@link #locate(Path, String)}, the folders on the way looked at once per {@code ways} (one run's plan): the
     * files of a folder share its answer, so each further file costs one look at the file itself. What the plan
     * finds only decides what to do; every change is checked again right before it is made ({@link Folders}).
     *
     * @param ways per folder ('/'-separated, relative): what stops the way to it, or empty when each folder on the
     *             way is a real folder
     */
    static Located locate(Path real, String rel, Map<String, Optional<Located>> ways) throws IOException {
        int slash = rel.lastIndexOf('/');
        Path file = real.resolve(rel);
        if (slash >= 0) {
            String dir = rel.substring(0, slash);
            Optional<Located> stop = ways.get(dir);
            if (stop == null) {
                stop = way(real, dir);
                ways.put(dir, stop);
            }
            if (stop.isPresent()) {
                return new Located(file, stop.get().state(), 0, stop.get().blocker());
            }
        }
        Optional<BasicFileAttributes> a = attributes(file);
        if (a.isEmpty()) {
            return new Located(file, State.MISSING, 0, null);
        }
        State s = a.get().isSymbolicLink() ? State.LINK : a.get().isRegularFile() ? State.REGULAR : State.OTHER;
        return new Located(file, s, a.get().size(), null);
    }

    /** What stops the way from {@code real} to its folder {@code dir}: a missing folder, a link, a non-folder. */
    private static Optional<Located> way(Path real, String dir) throws IOException {
        Path p = real;
        for (String seg : dir.split("/")) {
            p = p.resolve(seg);
            Optional<BasicFileAttributes> a = attributes(p);
            if (a.isEmpty()) {
                return Optional.of(new Located(p, State.MISSING, 0, null));
            }
            if (a.get().isSymbolicLink()) {
                return Optional.of(new Located(p, State.PARENT_LINK, 0, p));
            }
            if (!a.get().isDirectory()) {
                return Optional.of(new Located(p, State.PARENT_NOT_FOLDER, 0, p));
            }
        }
        return Optional.empty();
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

    /**
     * {@link #read(Path, long)} of a file that held {@code size} bytes when it was looked at: read into one array of
     * that size instead of in 8 KiB pieces copied together at the end (an unchanged re-build reads every file); a
     * file whose size changed since is read again the usual way.
     */
    static Optional<byte[]> read(Path file, long max, long size) throws IOException {
        if (size <= 0 || size > max || size > Integer.MAX_VALUE - 8) {
            return read(file, max);
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = new byte[(int) size];
            if (in.readNBytes(bytes, 0, bytes.length) == bytes.length && in.read() < 0) {
                return Optional.of(bytes);
            }
        }
        return read(file, max);
    }

    /** Lower-case hex SHA-256 of a file, streamed (any size), opened without following a link. */
    static String sha256(Path file) throws IOException {
        return Sha256.of(file, LinkOption.NOFOLLOW_LINKS);
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

    /**
     * Writes {@code bytes} to a new temporary file next to {@code file}, then renames it over {@code file}; its folder
     * is checked ({@link Folders#require}) before each.
     */
    static void writeAtomically(Path file, byte[] bytes, Folders folders) throws IOException {
        Path parent = file.getParent();
        folders.require(parent);
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
            folders.require(parent);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Writes {@code bytes} to {@code file}, which was missing when the run looked: created new (O_EXCL: no link is
     * followed, nothing there is replaced) right in place, its folder checked ({@link Folders#require}) before; a new
     * file has no old content a reader could see half replaced, so the temporary file and the rename of
     * {@link #writeAtomically} (most of the time of writing a fresh output folder, issue 12) are left out. If the write
     * fails the file is deleted again; a build killed in the middle leaves a file the manifest already lists, which the
     * next build replaces. Something that appeared there since the run looked is replaced as
     * {@link #writeAtomically} would.
     */
    static void writeNew(Path file, byte[] bytes, Folders folders) throws IOException {
        folders.require(file.getParent());
        OutputStream out;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            writeAtomically(file, bytes, folders);
            return;
        }
        boolean written = false;
        try {
            try (out) {
                out.write(bytes);
            }
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(file);
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

    /**
     * The folders one run writes into (below the output folder's real path), each checked right before every change
     * made in it. The first check of a folder is {@link #requireRealFolder} (its real path: no link anywhere on the
     * way) between two looks at the file keys (device and inode) of the output folder and of each folder from it down
     * to this one, none of them followed if it is a link; the keys are remembered, and every later check looks at
     * those few folders again (one lstat each, instead of a walk of every folder from the filesystem root) and refuses
     * any change. A link swapped in for the folder or for one on its way (a link has its own key, even to the same
     * folder moved elsewhere), or a folder replaced by another, is refused as before. Without file keys, or for a
     * folder outside the output folder, every check walks the real path.
     */
    static final class Folders {
        private final Path real;
        private final Map<Path, List<Object>> keys = new HashMap<>();

        /** @param real the real path of the output folder */
        Folders(Path real) {
            this.real = real;
        }

        void require(Path folder) throws IOException {
            List<Object> known = keys.get(folder);
            if (known != null) {
                if (!known.equals(keys(folder))) {
                    throw new FileSystemException(folder.toString(), null,
                            "is no longer the folder it was (replaced, or reached through a symbolic link)");
                }
                return;
            }
            List<Object> before = folder.startsWith(real) ? keys(folder) : null;
            requireRealFolder(folder);
            if (before != null && !before.contains(null) && before.equals(keys(folder))) {
                keys.put(folder, before);
            }
        }

        /** The file keys of {@code folder} and of each folder above it up to the output folder, links not followed. */
        private List<Object> keys(Path folder) throws IOException {
            List<Object> ks = new ArrayList<>();
            for (Path p = folder; p != null && p.startsWith(real); p = p.getParent()) {
                ks.add(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
            }
            return ks;
        }
    }
}
