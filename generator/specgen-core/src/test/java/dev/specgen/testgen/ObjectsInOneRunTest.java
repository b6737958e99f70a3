package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.plan.SchemaPlan;
import dev.specgen.plan.SqlObject;
import dev.specgen.render.Rendered;
import dev.specgen.render.RenderedStatement;
import dev.specgen.render.Renderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DDL objects of a generated file are rendered in one template run ({@link Renderer#templatesInOneRun}): each
 * statement is the text its own run gives ({@link Renderer#object}), and with override templates nothing one object's
 * template assigns is seen by the next object's.
 */
class ObjectsInOneRunTest {
    @TempDir
    Path dir;

    @Test
    void builtInObjectsRenderAsTheyDoOneByOne() {
        SchemaPlan plan = Pipeline.plan(Pipeline.RICH);
        Rendered r = Pipeline.RENDERER.render(plan);
        int objects = plan.files().stream().mapToInt(f -> f.objects().size()).sum();
        assertEquals(objects, r.statements().size());
        assertTrue(objects > 20, "partitions, indexes, comments: " + objects);
        for (RenderedStatement s : r.statements()) {
            assertEquals(Pipeline.RENDERER.object(s.object()), s.sql(), s.object().describe());
        }
    }

    @Test
    void whatOneObjectsOverrideAssignsIsNotSeenByTheNext() throws IOException {
        Path f = dir.resolve("postgres").resolve("create_partition.ftl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "<#assign seen = (seen!0) + 1>-- partition ${name} (${seen})\n", StandardCharsets.UTF_8);
        Renderer r = new Renderer(Optional.of(dir));
        SchemaPlan plan = Pipeline.plan(Pipeline.RICH);
        List<RenderedStatement> partitions = r.render(plan).statements().stream()
                .filter(s -> s.object() instanceof SqlObject.CreatePartition).toList();
        assertTrue(partitions.size() > 2, "several partitions in one file: " + partitions.size());
        for (RenderedStatement s : partitions) {
            assertTrue(s.sql().endsWith(" (1)"), s.sql());
            assertEquals(r.object(s.object()), s.sql());
        }
    }
}
