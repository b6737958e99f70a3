package dev.specgen.load;

import java.util.List;
import java.util.Objects;

/**
 * A spec file after loading: its display name (relative, '/'-separated) and its non-empty documents in order. A
 * file that could not be read or parsed has the documents composed before the problem (often none); the
 * diagnostics say why.
 */
public record LoadedFile(String file, List<YDocument> documents) {

    public LoadedFile {
        Objects.requireNonNull(file, "file == null");
        documents = List.copyOf(documents);
    }
}
