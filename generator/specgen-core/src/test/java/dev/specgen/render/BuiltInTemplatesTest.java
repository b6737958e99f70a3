package dev.specgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInTemplatesTest {
    /** Every .ftl of the repository's templates/postgres folder, by the name the renderer looks it up by. */
    @Test
    void namesAreEveryShippedTemplateSorted() throws IOException {
        Path root = Path.of("../../templates/postgres").toAbsolutePath().normalize();
        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".ftl")).forEach(p -> {
                String n = root.relativize(p).toString().replace('\\', '/');
                expected.add(n.substring(0, n.length() - ".ftl".length()));
            });
        }
        expected.sort(null);
        List<String> names = BuiltInTemplates.names();
        assertEquals(expected, names);
        // the index the Preload thread reads is the folder's listing (update templates/postgres/index.txt)
        assertEquals(expected, BuiltInTemplates.indexed(), "templates/postgres/index.txt");
        assertEquals(expected, BuiltInTemplates.listed());
        assertTrue(names.containsAll(List.of("create_table", "tests/has_table", "embedded/merge_delta")), names::toString);
    }

    @Test
    void theBuiltInRendererIsSharedAndAnOverrideFolderGetsItsOwn(@TempDir Path dir) {
        assertSame(Renderer.of(Optional.empty()), Renderer.of(Optional.empty()));
        assertNotSame(Renderer.of(Optional.of(dir)), Renderer.of(Optional.of(dir)));
        assertNotSame(Renderer.of(Optional.empty()), Renderer.of(Optional.of(dir)));
    }
}
