package dev.specgen.load;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finding spec files and reading their bytes; display names are relative and '/'-separated on every OS. */
final class SpecFiles {

    /** A spec file: where it is, and how diagnostics name it. */
    record Found(Path path, String display) {
    }

    private SpecFiles() {
    }

    /** The spec files at {@code specs}: the file itself, or every *.yaml/*.yml below it, sorted by display name. */
    static List<Found> find(Path root, Path specs, Diagnostics diags) {
        String base = displayBase(root, specs);
        String shown = base.isEmpty() ? "." : base;
        Path target = root.resolve(specs);
        if (!Files.exists(target)) {
            diags.error(SourcePos.NONE, Code.SG001, "spec path \"" + shown + "\" does not exist");
            return List.of();
        }
        if (!Files.isDirectory(target)) {
            return List.of(new Found(target, shown));
        }
        List<Found> found = new ArrayList<>();
        try {
            Files.walkFileTree(target, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(target) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            boolean regular = attrs.isRegularFile()
                                    || attrs.isSymbolicLink() && Files.isRegularFile(file);
                            // a pipe, socket or device named *.yaml: found, so that read() reports it (SG115)
                            boolean other = attrs.isOther() || attrs.isSymbolicLink() && Files.exists(file)
                                    && !Files.isRegularFile(file) && !Files.isDirectory(file);
                            if ((regular || other) && !isHidden(file) && isSpec(file)) {
                                found.add(new Found(file, join(base, target.relativize(file))));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            diags.error(SourcePos.file(join(base, target.relativize(file))), Code.SG100,
                                    "cannot read: " + reason(e));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            diags.error(SourcePos.NONE, Code.SG100, "cannot list \"" + shown + "\": " + reason(e));
        }
        if (found.isEmpty()) {
            diags.error(SourcePos.NONE, Code.SG002, "no *.yaml or *.yml files under \"" + shown + "\"");
        }
        found.sort(Comparator.comparing(Found::display));
        return List.copyOf(found);
    }

    /**
     * The bytes, or empty after SG115 (not a regular file: a pipe would block, a device never ends), SG104 (over the
     * size limit: checked before reading, and again while reading, since a file can grow or report no size, as
     * {@code /proc} files do) or SG100.
     */
    static Optional<byte[]> read(Found f, long maxBytes, Diagnostics diags) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(f.path(), BasicFileAttributes.class);
            if (!attrs.isRegularFile()) {
                diags.error(SourcePos.file(f.display()), Code.SG115, "not a regular file (" + kind(attrs)
                        + ")", "specgen reads specs from regular files only; save the spec to a file");
                return Optional.empty();
            }
            if (attrs.size() > maxBytes) {
                diags.error(SourcePos.file(f.display()), Code.SG104,
                        SpecLoader.tooLarge(String.valueOf(attrs.size())));
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(f.path())) {
                Optional<byte[]> bytes = readBounded(in, maxBytes);
                if (bytes.isEmpty()) {
                    diags.error(SourcePos.file(f.display()), Code.SG104,
                            SpecLoader.tooLarge("more than " + maxBytes));
                }
                return bytes;
            }
        } catch (IOException e) {
            diags.error(SourcePos.file(f.display()), Code.SG100, "cannot read: " + reason(e));
            return Optional.empty();
        }
    }

    /** At most {@code maxBytes} bytes of {@code in}; empty when there are more (never reads past one byte more). */
    static Optional<byte[]> readBounded(InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
    }

    private static String kind(BasicFileAttributes attrs) {
        return attrs.isDirectory() ? "a folder" : "a pipe, a socket or a device";
    }

    /** {@code specs} as the user gave it, relative to {@code root} when it is an absolute path inside it. */
    static String displayBase(Path root, Path specs) {
        Path p = specs.isAbsolute() && specs.normalize().startsWith(root.toAbsolutePath().normalize())
                ? root.toAbsolutePath().normalize().relativize(specs.normalize())
                : specs.normalize();
        return slashes(p);
    }

    private static String join(String base, Path relative) {
        String rel = slashes(relative);
        return base.isEmpty() ? rel : base + "/" + rel;
    }

    private static String slashes(Path p) {
        String s = p.toString();
        String sep = p.getFileSystem().getSeparator();
        return sep.equals("/") ? s : s.replace(sep, "/");
    }

    private static boolean isSpec(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Why, without the absolute path Java puts into exception messages. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return Texts.oneLine(fse.getReason());
        }
        return e.getClass().getSimpleName();
    }
}
