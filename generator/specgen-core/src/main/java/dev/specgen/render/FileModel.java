package dev.specgen.render;

import java.util.List;

/** What file.ftl renders: the header's sources, note lines, and the already-rendered statements. */
public record FileModel(String path, String sources, List<String> notes, List<String> statements) {
    public FileModel {
        notes = List.copyOf(notes);
        statements = List.copyOf(statements);
    }
}
