package dev.specgen.write;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.write.FileChange.Kind;
import dev.specgen.write.OutputFiles.Located;
import dev.specgen.write.OutputFiles.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes rendered files into the output folder. Ownership is the manifest's ({@link Manifest}, {@code specgen.sum}):
 * <ul>
 *   <li>a file whose bytes are already right is left alone (jOOQ GeneratorWriter: IDEs and incremental builds stay
 *       quiet), and adopted into the manifest if it was not listed;</li>
 *   <li>a file listed in the manifest is replaced when its bytes differ;</li>
 *   <li>a file that is not listed and holds other bytes is not specgen's: the build stops (SG007) before writing
 *       anything;</li>
 *   <li>a listed file that is no longer generated is deleted only while its bytes still match the manifest; one
 *       edited since is left in place, reported (SG007 warning) and no longer listed;</li>
 *   <li>nothing is written or deleted through a symbolic link inside the folder (SG008), and a damaged manifest
 *       (SG009) stops the build: nothing it lists is trusted.</li>
 * </ul>
 * The new manifest is written first, listing both the new files and those still to be deleted, and again at the end,
 * so an interrupted build leaves every file it touched owned and the next build finishes the job.
 */
public final class OutputWriter {
    /** Text on disk longer than this is not shown in diffs. */
    static final long MAX_SHOWN = 8L * 1024 * 1024;
    /** A manifest lists at most a few thousand files; anything bigger is not one. */
    static final long MAX_MANIFEST = 64L * 1024 * 1024;

    /**
     * What a write did (or, for {@link #compare}, would do); paths relative to the output folder, '/'-separated,
     * {@code specgen.sum} included. With error diagnostics nothing was written.
     */
    public record Result(String outDir, List<String> written, List<String> unchanged, List<String> deleted,
            List<FileChange> changes, List<Diagnostic> diagnostics) {
        public Result {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
            changes = List.copyOf(changes);
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean changed() {
            return !written.isEmpty() || !deleted.isEmpty();
        }

        /** The stale-file report for {@code check}: SG407 per file and a unified diff of each. */
        public StaleReport stale() {
            return new StaleReport(outDir, changes);
        }
    }

    private final Path outDir;
    private final String shown;

    /**
     * @param outDir the output folder (resolved against the working folder)
     * @param shown how messages name it ({@code generated}), '/'-separated
     */
    public OutputWriter(Path outDir, String shown) {
        this.outDir = outDir.toAbsolutePath();
        this.shown = Escape.printable(shown);
    }

    /** Writes {@code files} (path relative to the output folder -> content). */
    public Result write(SortedMap<String, String> files) {
        return run(files, true);
    }

    /** Compares without writing: what {@link #write} would change, with the text on disk for diffs. */
    public Result compare(SortedMap<String, String> files) {
        return run(files, false);
    }

    private Result run(SortedMap<String, String> files, boolean apply) {
        try {
            Path real = OutputGuard.real(outDir);
            if (Files.exists(real) && !Files.isDirectory(real)) {
                throw new FileSystemException(null, null, "it is not a folder");
            }
            Plan plan = new Plan(real, apply);
            plan.make(files);
            if (apply && plan.changed() && plan.problems.stream().noneMatch(Diagnostic::isError)) {
                plan.apply();
            }
            return plan.result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String at(String rel) {
        return shown + "/" + rel;
    }

    /** One run: what is on disk, what changes, what is refused. */
    private final class Plan {
        private final Path real;
        private final boolean apply;
        private final Set<Diagnostic> problems = new LinkedHashSet<>();
        private final TreeSet<String> written = new TreeSet<>();
        private final TreeSet<String> unchanged = new TreeSet<>();
        private final List<FileChange> changes = new ArrayList<>();
        /** Text, not bytes: each file is encoded again as it is written, so the run never holds all of them twice. */
        private final SortedMap<String, String> toWrite = new TreeMap<>();
        private final SortedMap<String, String> toDelete = new TreeMap<>();
        /** Files of {@link #toWrite} that were not there: created in place ({@link OutputFiles#writeNew}). */
        private final Set<String> missing = new java.util.HashSet<>();
        private Manifest fresh;
        private byte[] manifestBytes;
        /** What stops the way to each folder, looked at once per run ({@link OutputFiles#locate}). */
        private final Map<String, Optional<Located>> ways = new java.util.HashMap<>();

        Plan(Path real, boolean apply) {
            this.real = real;
            this.apply = apply;
        }

        void make(SortedMap<String, String> files) throws IOException {
            Optional<String> oldText = readManifest();
            if (problems.stream().anyMatch(Diagnostic::isError)) {
                return;
            }
            Manifest old = oldText.map(this::parse).orElse(new Manifest(new TreeMap<>()));
            if (problems.stream().anyMatch(Diagnostic::isError)) {
                return;
            }
            SortedMap<String, String> hashes = new TreeMap<>();
            for (Map.Entry<String, String> e : files.entrySet()) {
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                hashes.put(e.getKey(), Manifest.sha256(bytes));
                planWrite(e.getKey(), e.getValue(), bytes, old.lists(e.getKey()));
            }
            fresh = new Manifest(hashes);
            for (Map.Entry<String, String> e : old.files().entrySet()) {
                if (!files.containsKey(e.getKey())) {
                    planDelete(e.getKey(), e.getValue());
                }
            }
            String text = fresh.format();
            manifestBytes = text.getBytes(StandardCharsets.UTF_8);
            if (oldText.isPresent() && oldText.get().equals(text)) {
                unchanged.add(Manifest.FILE_NAME);
            } else {
                written.add(Manifest.FILE_NAME);
                changes.add(new FileChange(Manifest.FILE_NAME, oldText.isPresent() ? Kind.CHANGED : Kind.ADDED,
                        oldText, text));
            }
        }

        private Optional<String> readManifest() throws IOException {
            Located m = OutputFiles.locate(real, Manifest.FILE_NAME);
            String where = at(Manifest.FILE_NAME);
            switch (m.state()) {
                case MISSING:
                    return Optional.empty();
                case LINK:
                    problems.add(link(where));
                    return Optional.empty();
                case REGULAR:
                    break;
                default:
                    problems.add(damaged(0, "not a regular file"));
                    return Optional.empty();
            }
            Optional<String> text = OutputFiles.read(m.file(), MAX_MANIFEST).flatMap(OutputFiles::utf8);
            if (text.isEmpty()) {
                problems.add(damaged(0, "not UTF-8 text, or larger than 64 MiB"));
            }
            return text;
        }

        private Manifest parse(String text) {
            try {
                return Manifest.parse(text);
            } catch (Manifest.Damaged d) {
                problems.add(damaged(d.line(), d.getMessage()));
                return new Manifest(new TreeMap<>());
            }
        }

        private void planWrite(String rel, String text, byte[] bytes, boolean owned) throws IOException {
            Located l = OutputFiles.locate(real, rel, ways);
            switch (l.state()) {
                case MISSING -> {
                    written.add(rel);
                    toWrite.put(rel, text);
                    missing.add(rel);
                    changes.add(new FileChange(rel, Kind.ADDED, Optional.empty(), text));
                }
                case REGULAR -> {
                    Optional<byte[]> onDisk = l.size() == bytes.length || (!apply && l.size() <= MAX_SHOWN)
                            ? OutputFiles.read(l.file(), Math.max(bytes.length, MAX_SHOWN), l.size())
                            : Optional.empty();
                    if (onDisk.isPresent() && Arrays.equals(onDisk.get(), bytes)) {
                        unchanged.add(rel);
                    } else if (owned) {
                        written.add(rel);
                        toWrite.put(rel, text);
                        changes.add(new FileChange(rel, Kind.CHANGED, onDisk.flatMap(OutputFiles::utf8), text));
                    } else {
                        problems.add(Diagnostic.error(SourcePos.file(at(rel)), Code.SG007, at(rel)
                                + " exists and specgen did not write it (" + at(Manifest.FILE_NAME)
                                + " does not list it); not replaced").withHint("move it away, or delete it if it is "
                                + "old specgen output: specgen adopts a file only when it already holds exactly what"
                                + " specgen would write"));
                    }
                }
                case LINK -> problems.add(link(at(rel)));
                case PARENT_LINK -> problems.add(link(shownPath(l.blocker())));
                case PARENT_NOT_FOLDER -> problems.add(Diagnostic.error(SourcePos.file(shownPath(l.blocker())),
                        Code.SG007, shownPath(l.blocker()) + " is in the way: specgen writes " + at(rel)
                        + " and needs a folder there").withHint("move it away"));
                default -> problems.add(Diagnostic.error(SourcePos.file(at(rel)), Code.SG007, at(rel)
                        + " is not a regular file (a folder, a pipe or a device); not replaced")
                        .withHint("move it away: specgen writes a regular file there"));
            }
        }

        private void planDelete(String rel, String hash) throws IOException {
            Located l = OutputFiles.locate(real, rel, ways);
            switch (l.state()) {
                case MISSING, PARENT_NOT_FOLDER -> {
                    // already gone; the new manifest forgets it
                }
                case PARENT_LINK -> problems.add(link(shownPath(l.blocker())));
                case REGULAR -> {
                    if (OutputFiles.sha256(l.file()).equals(hash)) {
                        toDelete.put(rel, hash);
                        Optional<String> before = apply || l.size() > MAX_SHOWN ? Optional.empty()
                                : OutputFiles.read(l.file(), MAX_SHOWN).flatMap(OutputFiles::utf8);
                        changes.add(new FileChange(rel, Kind.DELETED, before, ""));
                    } else {
                        kept(rel);
                    }
                }
                default -> kept(rel);
            }
        }

        private void kept(String rel) {
            problems.add(Diagnostic.warning(SourcePos.file(at(rel)), Code.SG007, at(rel) + " is no longer generated,"
                    + " but it changed since specgen wrote it; left in place").withHint("delete it yourself if it is "
                    + "not needed; " + at(Manifest.FILE_NAME) + " no longer lists it"));
        }

        boolean changed() {
            return !written.isEmpty() || !toDelete.isEmpty();
        }

        /** Manifest first (new files and those still to delete), files, deletions, then the final manifest. */
        void apply() throws IOException {
            Path manifest = real.resolve(Manifest.FILE_NAME);
            SortedMap<String, String> pending = new TreeMap<>(fresh.files());
            pending.putAll(toDelete);
            Files.createDirectories(real);
            OutputFiles.Folders checked = new OutputFiles.Folders(real);
            OutputFiles.writeAtomically(manifest, new Manifest(pending).format().getBytes(StandardCharsets.UTF_8),
                    checked);
            // a folder made (or found) for one file is not made again for the next: writeAtomically checks each
            // file's folder for links right before it writes anyway
            Set<Path> folders = new java.util.HashSet<>();
            for (Map.Entry<String, String> e : toWrite.entrySet()) {
                Path file = real.resolve(e.getKey());
                if (folders.add(file.getParent())) {
                    OutputFiles.createFolders(real, file);
                }
                byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                if (missing.contains(e.getKey())) {
                    OutputFiles.writeNew(file, bytes, checked);
                } else {
                    OutputFiles.writeAtomically(file, bytes, checked);
                }
            }
            for (String rel : toDelete.keySet()) {
                OutputFiles.delete(real, real.resolve(rel));
            }
            if (!toDelete.isEmpty()) {
                OutputFiles.writeAtomically(manifest, manifestBytes, checked);
            }
        }

        Result result() {
            changes.sort(java.util.Comparator.comparing(FileChange::path));
            return new Result(shown, List.copyOf(written), List.copyOf(unchanged), List.copyOf(toDelete.keySet()),
                    changes, List.copyOf(problems));
        }

        private String shownPath(Path p) {
            return at(real.relativize(p).toString().replace('\\', '/'));
        }

        private Diagnostic link(String where) {
            return Diagnostic.error(SourcePos.file(where), Code.SG008, where + " is a symbolic link; specgen does "
                    + "not write or delete through links inside its output folder").withHint("replace the link with "
                    + "a real folder or file, or remove it (the output folder itself may be a link)");
        }

        private Diagnostic damaged(int line, String why) {
            String where = at(Manifest.FILE_NAME);
            return Diagnostic.error(new SourcePos(where, line, line > 0 ? 1 : 0), Code.SG009, "output manifest "
                    + where + " cannot be trusted: " + why + "; nothing is replaced or deleted").withHint("restore it"
                    + " (git checkout " + where + "), or delete it: the next build adopts every file that already "
                    + "holds exactly what specgen writes");
        }
    }
}
