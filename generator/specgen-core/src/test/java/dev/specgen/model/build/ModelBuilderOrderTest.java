package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.Entity;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.SpecModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents are built on all cores when no document declares a type ({@link ModelBuilder#build}); the entities, the
 * views and the diagnostics (in the order they were added, before any sorting) are those of one thread building the
 * documents one by one, however the threads finish. The first file is the largest by far, so it finishes last.
 */
class ModelBuilderOrderTest {
    private static final String VIEW = """
            materialized_view: daily_%1$d
            schema: analytics
            source: E%1$d
            group_by: [region]
            measures:
              sales: count
            refresh: incremental
            colour: red
            """;

    private static List<LoadedFile> files(Diagnostics diags) {
        List<String> yamls = new ArrayList<>();
        StringBuilder big = new StringBuilder("entity: Big\nschema: analytics\nfields:\n  id: bigint\n");
        for (int i = 0; i < 1_500; i++) {
            big.append("  f").append(i).append(": {type: nosuch").append(i).append(", colour: red}\n");
        }
        yamls.add(big.append("primary_key: [id]\nshade: 1\n").toString());
        for (int i = 0; i < 200; i++) {
            yamls.add("entity: E" + i + "\nschema: analytics\nfields:\n  id: bigint\n  region: text\n"
                    + "  f: {type: nosuch" + i + "}\n  g: {typ: text}\nprimary_key: [id]\nunknown_" + i + ": 1\n"
                    + (i % 7 == 0 ? "---\n" + VIEW.formatted(i) : ""));
        }
        List<LoadedFile> files = new ArrayList<>();
        for (int i = 0; i < yamls.size(); i++) {
            files.add(new SpecLoader().load(String.format("f%03d.yaml", i), yamls.get(i)
                    .getBytes(StandardCharsets.UTF_8), diags));
        }
        return files;
    }

    @Test
    void entitiesViewsAndDiagnosticsComeInDocumentOrder() {
        Diagnostics oneByOne = new Diagnostics();
        SpecModel expected = ModelBuilder.build(files(oneByOne), oneByOne, false);
        List<String> entities = expected.entities().stream().map(Entity::name).toList();
        List<String> views = expected.views().stream().map(MaterializedView::name).toList();
        assertEquals(201, entities.size());
        assertEquals("Big", entities.get(0));
        assertEquals("E199", entities.get(200));
        assertEquals(29, views.size(), "views: " + views);
        assertTrue(oneByOne.size() > 3_000, "every document reports: " + oneByOne.size());
        for (int i = 0; i < 5; i++) {
            Diagnostics diags = new Diagnostics();
            SpecModel model = ModelBuilder.build(files(diags), diags);
            assertEquals(entities, model.entities().stream().map(Entity::name).toList());
            assertEquals(views, model.views().stream().map(MaterializedView::name).toList());
            assertEquals(expected.entities(), model.entities());
            assertEquals(oneByOne.all().stream().map(Diagnostic::format).toList(),
                    diags.all().stream().map(Diagnostic::format).toList());
        }
    }
}
