package dev.specgen.load;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import dev.specgen.Parallel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The load stage: spec files to positioned YAML trees ({@link LoadedFile}). Never throws for bad input and never
 * prints: every problem becomes a {@link dev.specgen.diag.Diagnostic} in the collector, and loading goes on with
 * the next file.
 *
 * <p>Choices made here:
 * <ul>
 *   <li>YAML 1.2 only (a {@code %YAML} directive other than 1.2 is SG101), read with SnakeYAML Engine's composer
 *       (no object construction): {@code no} and
 *       {@code 2024-01-01} are strings; merge keys ({@code <<}) are ordinary keys; tags other than the core ones
 *       ({@code !!str !!int !!float !!bool !!null !!map !!seq}) and non-scalar keys are SG110.</li>
 *   <li>Limits (SG104): files over {@value #MAX_FILE_BYTES} bytes are refused before parsing; nesting deeper than
 *       {@value #MAX_DEPTH}, more than {@value #MAX_ALIASES_FOR_COLLECTIONS} aliases to collections in a document,
 *       more than {@value #MAX_NODES} nodes per file after alias expansion, or aliases that repeat more than
 *       {@value #MAX_ALIASED_CHARS} characters of text per file stop that file.</li>
 *   <li>Empty input (SG105): a file with no document, or only empty documents ({@code ---} alone, comments,
 *       {@code ~}), is an error, since a spec file that says nothing is most likely a mistake. Empty documents
 *       next to real ones, such as after a trailing {@code ---}, are skipped with a warning.</li>
 *   <li>A directory without any spec file is an error (SG002): generating nothing from a typo'd path would
 *       otherwise look like success.</li>
 * </ul>
 */
public final class SpecLoader {
    /** 2 MiB: far above any real spec, low enough to refuse accidents (a dump, a binary) quickly. */
    public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    /** Nodes visited per file, aliases expanded; stops billion-laughs documents. */
    public static final int MAX_NODES = 100_000;
    /** Mapping/sequence nesting levels. */
    public static final int MAX_DEPTH = 64;
    /** Aliases that refer to a mapping or sequence, per document (SnakeYAML's own guard). */
    public static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
    /** Characters of text that aliases may repeat per file: each repetition counts (1 MiB). */
    public static final long MAX_ALIASED_CHARS = 1024 * 1024;

    /**
     * Per file: the read buffer holds the whole text, because SnakeYAML grows its window one buffer at a time and a
     * single long token (a 2 MiB comment) would otherwise cost quadratic copying: seconds instead of milliseconds.
     */
    private static LoadSettings settings(int textLength) {
        return LoadSettings.builder()
                .setLabel("spec")
                .setBufferSize(Math.max(1024, textLength + 1))
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setParseComments(false)
                .setAllowDuplicateKeys(true) // detected by us, with both positions
                .setAllowNonScalarKeys(true) // reported by us, with a position
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS)
                .setCodePointLimit(MAX_FILE_BYTES)
                // SnakeYAML accepts any 1.x directive; %YAML 1.1 would promise 1.1 rules (yes/no booleans) we do not
                // apply, so only 1.2 is accepted, as docs/diagnostics.md (SG101) says
                .setVersionFunction(v -> {
                    if (v.getMajor() != 1 || v.getMinor() != 2) {
                        throw new YamlVersionException(v);
                    }
                    return v;
                })
                .build();
    }

    /**
     * Loads one file's bytes. {@code displayName} is how diagnostics name the file (relative, '/'-separated).
     * Returns the file's non-empty documents; on problems, those read before the problem (often none).
     */
    public LoadedFile load(String displayName, byte[] bytes, Diagnostics diags) {
        Objects.requireNonNull(displayName, "displayName == null");
        Objects.requireNonNull(bytes, "bytes == null");
        Objects.requireNonNull(diags, "diags == null");
        if (bytes.length > MAX_FILE_BYTES) {
            diags.error(SourcePos.file(displayName), Code.SG104, tooLarge(String.valueOf(bytes.length)));
            return new LoadedFile(displayName, List.of());
        }
        return TextDecoder.decode(displayName, bytes, diags)
                .map(text -> new DocumentReader(settings(text.length()), displayName, diags).read(text))
                .orElseGet(() -> new LoadedFile(displayName, List.of()));
    }

    /**
     * Loads {@code specs}: a single file (whatever its extension), or every {@code *.yaml}/{@code *.yml} file below a
     * directory, recursively, skipping hidden files and directories (names starting with '.') and not following
     * directory links. Files come sorted by relative path with '/' separators, the same on every OS.
     *
     * <p>{@code specs} is resolved against {@code root} (the working directory for the CLI, the project base
     * directory for Maven). Display names are {@code specs} as given, joined with the relative path:
     * {@code specs/sales.yaml} for {@code specs/}; an absolute {@code specs} inside {@code root} is shown relative
     * to it. A missing path is SG001, an unreadable file SG100, a directory without spec files SG002 (error).
     *
     * @return one {@link LoadedFile} per spec file found, in order, including files that failed to load
     */
    public List<LoadedFile> loadAll(Path root, Path specs, Diagnostics diags) {
        Objects.requireNonNull(root, "root == null");
        Objects.requireNonNull(specs, "specs == null");
        Objects.requireNonNull(diags, "diags == null");
        List<LoadedFile> files = new ArrayList<>();
        // files are read and parsed on all cores, each with diagnostics of its own, collected in file order
        for (Loaded l : Parallel.map(SpecFiles.find(root, specs, diags), this::read)) {
            diags.addAll(l.diags());
            files.add(l.file());
        }
        return List.copyOf(files);
    }

    private record Loaded(LoadedFile file, List<dev.specgen.diag.Diagnostic> diags) {
    }

    private Loaded read(SpecFiles.Found f) {
        Diagnostics own = new Diagnostics();
        LoadedFile file = SpecFiles.read(f, MAX_FILE_BYTES, own).map(bytes -> load(f.display(), bytes, own))
                .orElseGet(() -> new LoadedFile(f.display(), List.of()));
        return new Loaded(file, own.all());
    }

    static String tooLarge(String size) {
        return String.format(Locale.ROOT, "file is too large (%s bytes; the limit is %d bytes, 2 MiB)", size,
                MAX_FILE_BYTES);
    }
}
