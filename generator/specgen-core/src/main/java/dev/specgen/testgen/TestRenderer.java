package dev.specgen.testgen;

import dev.specgen.sql.SqlSplitter;
import dev.specgen.render.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Test plan in, text out, through the one {@link Renderer} configuration: each step by its own template
 * ({@code templates/postgres/tests/<kind>.ftl}), the file by {@code tests/file.ftl}. No I/O.
 */
public final class TestRenderer {
    private TestRenderer() {
    }

    /** What {@code tests/file.ftl} renders: header facts and the already-rendered steps. */
    public record FileModel(String specFile, String subject, String scope, List<String> steps) {
        public FileModel {
            Objects.requireNonNull(specFile, "specFile == null");
            Objects.requireNonNull(subject, "subject == null");
            Objects.requireNonNull(scope, "scope == null");
            steps = List.copyOf(steps);
        }
    }

    public static RenderedTests render(TestPlan plan, Renderer renderer) {
        SortedMap<String, String> files = new TreeMap<>();
        List<TestStatement> statements = new ArrayList<>();
        for (TestFile f : plan.files()) {
            List<String> texts = new ArrayList<>();
            for (TestStep s : f.steps()) {
                String text = step(s, renderer);
                texts.add(text);
                for (SqlSplitter.Piece p : SqlSplitter.split(text)) {
                    statements.add(new TestStatement(p.sql(), s.origin(), f.path(), s.template()));
                }
            }
            String content = renderer.template("tests/file", new FileModel(f.specFile(), f.subject(), f.scope(),
                    texts));
            files.put(f.path(), content.stripTrailing() + "\n");
        }
        return new RenderedTests(files, statements);
    }

    /** One step's text, without a trailing newline. */
    public static String step(TestStep s, Renderer renderer) {
        return renderer.template(s.template(), s).stripTrailing();
    }
}
