package dev.specgen.render;

import java.util.List;

/** What install.ftl renders: every file's statements, in install order. */
public record InstallModel(String sources, List<String> notes, List<FileModel> files) {
    public InstallModel {
        notes = List.copyOf(notes);
        files = List.copyOf(files);
    }
}
