package dev.specgen.load;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shared helpers: load text and render diagnostics as the user sees them. */
final class LoadTesting {
    static final String FILE = "specs/x.yaml";

    private LoadTesting() {
    }

    static Loaded load(String yaml) {
        return load(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static Loaded load(byte[] bytes) {
        Diagnostics diags = new Diagnostics();
        LoadedFile file = new SpecLoader().load(FILE, bytes, diags);
        return new Loaded(file, diags);
    }

    /** Loading result plus its diagnostics, formatted and sorted. */
    record Loaded(LoadedFile file, Diagnostics diags) {
        List<String> messages() {
            return diags.sorted().stream().map(Diagnostic::format).toList();
        }

        YNode root() {
            return file.documents().get(0).root();
        }

        YMap map() {
            return (YMap) root();
        }
    }
}
