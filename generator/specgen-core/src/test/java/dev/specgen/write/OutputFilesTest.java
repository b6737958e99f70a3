package dev.specgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link checks of one run: folders looked at once per plan, and checked again before every write. */
class OutputFilesTest {
    @TempDir
    Path tmp;

    private Path out() throws IOException {
        return Files.createDirectories(tmp.resolve("out")).toRealPath();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private OutputFiles.Folders folders() throws IOException {
        return new OutputFiles.Folders(out());
    }

    /** {@code dir}/one.sql written through {@code checked}, then out/a moved away to {@code tmp/moved}. */
    private Path writtenThenMoved(String dir, OutputFiles.Folders checked) throws IOException {
        Path out = out();
        Files.createDirectories(out.resolve(dir));
        OutputFiles.writeAtomically(out.resolve(dir + "/one.sql"), "1\n".getBytes(StandardCharsets.UTF_8), checked);
        Files.move(out.resolve("a"), tmp.resolve("moved"));
        return out;
    }

    /** {@link OutputFiles#writeAtomically} or {@link OutputFiles#writeNew}. */
    private interface Write {
        void to(Path file, byte[] bytes, OutputFiles.Folders folders) throws IOException;
    }

    private void notWrittenThroughAFolderSwappedForALink(Write write) throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        OutputFiles.Folders checked = folders();
        Path out = writtenThenMoved("a", checked);
        Files.createSymbolicLink(out.resolve("a"), outside);
        FileSystemException e = assertThrows(FileSystemException.class, () -> write.to(
                out.resolve("a/two.sql"), "2\n".getBytes(StandardCharsets.UTF_8), checked));
        assertEquals(out.resolve("a") + ": is no longer the folder it was (replaced, or reached through a symbolic "
                + "link)", e.getMessage());
        assertEquals(List.of(), names(outside));
        assertEquals(List.of("one.sql"), names(tmp.resolve("moved")));
    }

    @Test
    void aFolderSwappedForALinkAfterItsFirstWriteIsNotWrittenThrough() throws IOException {
        notWrittenThroughAFolderSwappedForALink(OutputFiles::writeAtomically);
    }

    @Test
    void aNewFileIsNotWrittenThroughAFolderSwappedForALink() throws IOException {
        notWrittenThroughAFolderSwappedForALink(OutputFiles::writeNew);
    }

    @Test
    void aNewFileIsWrittenInPlaceWithoutATemporaryFile() throws IOException {
        Path out = out();
        Files.createDirectories(out.resolve("a"));
        OutputFiles.writeNew(out.resolve("a/one.sql"), "1\n".getBytes(StandardCharsets.UTF_8), folders());
        assertEquals(List.of("one.sql"), names(out.resolve("a")));
        assertEquals("1\n", Files.readString(out.resolve("a/one.sql")));
    }

    /** A link planted where a new file goes (after the run looked) is replaced, never followed. */
    @Test
    void aLinkPlantedWhereANewFileGoesIsReplacedNotFollowed() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.sql"), "theirs\n");
        Path out = out();
        Files.createDirectories(out.resolve("a"));
        Files.createSymbolicLink(out.resolve("a/one.sql"), outside);
        OutputFiles.writeNew(out.resolve("a/one.sql"), "1\n".getBytes(StandardCharsets.UTF_8), folders());
        assertEquals("theirs\n", Files.readString(outside));
        assertEquals(false, Files.isSymbolicLink(out.resolve("a/one.sql")));
        assertEquals("1\n", Files.readString(out.resolve("a/one.sql")));
        assertEquals(List.of("one.sql"), names(out.resolve("a")));
    }

    @Test
    void aFolderReplacedByAnotherRealFolderIsNotWrittenInto() throws IOException {
        OutputFiles.Folders checked = folders();
        Path out = writtenThenMoved("a", checked);
        Files.createDirectories(out.resolve("a"));
        assertThrows(FileSystemException.class, () -> OutputFiles.writeAtomically(out.resolve("a/two.sql"),
                "2\n".getBytes(StandardCharsets.UTF_8), checked));
        assertEquals(List.of(), names(out.resolve("a")));
    }

    @Test
    void aFolderAboveSwappedForALinkIsNotWrittenThrough() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside/b"));
        OutputFiles.Folders checked = folders();
        Path out = writtenThenMoved("a/b", checked);
        Files.createSymbolicLink(out.resolve("a"), tmp.resolve("outside"));
        assertThrows(FileSystemException.class, () -> OutputFiles.writeAtomically(out.resolve("a/b/two.sql"),
                "2\n".getBytes(StandardCharsets.UTF_8), checked));
        assertEquals(List.of(), names(outside));
    }

    /**
     * The folder itself, or one above it, moved out of the output folder and linked back in its place: not written
     * into where it now is.
     */
    @Test
    void aFolderMovedAwayAndLinkedBackIsNotWrittenInto() throws IOException {
        for (String dir : List.of("a", "a/b")) {
            OutputFiles.Folders checked = folders();
            Path out = writtenThenMoved(dir, checked);
            Files.createSymbolicLink(out.resolve("a"), tmp.resolve("moved"));
            assertThrows(FileSystemException.class, () -> OutputFiles.writeAtomically(out.resolve(dir + "/two.sql"),
                    "2\n".getBytes(StandardCharsets.UTF_8), checked), dir);
            Path moved = tmp.resolve("moved").resolve(dir.substring(1).replaceFirst("^/", ""));
            assertEquals(List.of("one.sql"), names(moved), dir);
            Files.delete(out.resolve("a"));
            try (Stream<Path> s = Files.walk(tmp.resolve("moved"))) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aFolderThatIsALinkAtItsFirstWriteIsRefused() throws IOException {
        Files.createDirectories(tmp.resolve("out"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path out = out();
        Files.createSymbolicLink(out.resolve("a"), outside);
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputFiles.writeAtomically(
                out.resolve("a/one.sql"), "1\n".getBytes(StandardCharsets.UTF_8), folders()));
        assertEquals(out.resolve("a") + ": is, or is reached through, a symbolic link", e.getMessage());
        assertEquals(List.of(), names(outside));
    }

    @Test
    void theSameFolderIsWrittenIntoAgain() throws IOException {
        Files.createDirectories(tmp.resolve("out/a"));
        Path out = out();
        OutputFiles.Folders checked = folders();
        for (String name : List.of("one.sql", "two.sql", "one.sql")) {
            OutputFiles.writeAtomically(out.resolve("a/" + name), name.getBytes(StandardCharsets.UTF_8), checked);
        }
        assertEquals(List.of("one.sql", "two.sql"), names(out.resolve("a")));
    }

    /** Folders looked at once per plan give each file the answer looking at its whole way gives. */
    @Test
    void folderAnswersSharedWithinARunAreThoseOfEachFileAlone() throws IOException {
        Files.createDirectories(tmp.resolve("out/a/b"));
        Files.createDirectories(tmp.resolve("outside"));
        Path out = out();
        Files.writeString(out.resolve("a/b/x.sql"), "x\n");
        Files.writeString(out.resolve("a/file"), "f\n");
        Files.writeString(out.resolve("top.sql"), "t\n");
        Files.createSymbolicLink(out.resolve("a/link"), tmp.resolve("outside"));
        Files.createSymbolicLink(out.resolve("a/b/l.sql"), tmp.resolve("outside"));
        Files.createDirectories(out.resolve("a/b/dir.sql"));
        List<String> rels = List.of("top.sql", "new.sql", "a/b/x.sql", "a/b/y.sql", "a/b/l.sql", "a/b/dir.sql",
                "a/link/x.sql", "a/link/c/x.sql", "a/file/x.sql", "a/file/c/x.sql", "a/none/x.sql", "a/none/c/x.sql",
                "a/b/x.sql", "a/link/y.sql", "a/file/y.sql", "a/none/y.sql", "a/c/x.sql");
        Map<String, Optional<OutputFiles.Located>> ways = new HashMap<>();
        StringBuilder shared = new StringBuilder();
        StringBuilder alone = new StringBuilder();
        for (String rel : rels) {
            shared.append(OutputFiles.locate(out, rel, ways)).append('\n');
            alone.append(OutputFiles.locate(out, rel)).append('\n');
        }
        assertEquals(alone.toString(), shared.toString());
        assertEquals(String.join("\n", "top.sql REGULAR 2 null", "new.sql MISSING 0 null",
                "a/b/x.sql REGULAR 2 null", "a/b/y.sql MISSING 0 null", "a/b/l.sql LINK", "a/b/dir.sql OTHER",
                "a/link/x.sql PARENT_LINK 0 a/link", "a/link/c/x.sql PARENT_LINK 0 a/link",
                "a/file/x.sql PARENT_NOT_FOLDER 0 a/file", "a/file/c/x.sql PARENT_NOT_FOLDER 0 a/file",
                "a/none/x.sql MISSING 0 null", "a/none/c/x.sql MISSING 0 null", "a/b/x.sql REGULAR 2 null",
                "a/link/y.sql PARENT_LINK 0 a/link", "a/file/y.sql PARENT_NOT_FOLDER 0 a/file",
                "a/none/y.sql MISSING 0 null", "a/c/x.sql MISSING 0 null"), rels.stream().map(rel -> {
                    OutputFiles.Located l = ways.isEmpty() ? null : locate(out, rel, ways);
                    String size = l.state() == OutputFiles.State.LINK || l.state() == OutputFiles.State.OTHER ? ""
                            : " " + l.size() + " " + (l.blocker() == null ? "null" : out.relativize(l.blocker()));
                    return out.relativize(l.file()) + " " + l.state() + size;
                }).reduce((x, y) -> x + "\n" + y).orElseThrow());
    }

    /** A file read at the size it had when looked at, and one whose size changed since: the bytes it holds now. */
    @Test
    void aFileIsReadWhole() throws IOException {
        Path f = Files.writeString(tmp.resolve("f.sql"), "abcdef", StandardCharsets.UTF_8);
        assertEquals("abcdef", text(OutputFiles.read(f, 100, 6)));
        assertEquals("abcdef", text(OutputFiles.read(f, 100, 4))); // grew since
        assertEquals("abcdef", text(OutputFiles.read(f, 100, 9))); // shrank since
        assertEquals("abcdef", text(OutputFiles.read(f, 6, 6)));
        assertEquals(Optional.empty(), OutputFiles.read(f, 5, 6));
        assertEquals(Optional.empty(), OutputFiles.read(f, 5, 4)); // grew past the limit since
        Files.writeString(f, "", StandardCharsets.UTF_8);
        assertEquals("", text(OutputFiles.read(f, 100, 0)));
        assertEquals("", text(OutputFiles.read(f, 100, 3)));
    }

    private static String text(Optional<byte[]> bytes) {
        return new String(bytes.orElseThrow(), StandardCharsets.UTF_8);
    }

    private static OutputFiles.Located locate(Path out, String rel, Map<String, Optional<OutputFiles.Located>> ways) {
        try {
            return OutputFiles.locate(out, rel, ways);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
