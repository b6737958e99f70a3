package dev.specgen.testgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * A test file's steps are rendered in one template run ({@link Renderer#templatesInOneRun}): the same text as one
 * run per step, override templates ({@code --templates}) still used per step, and nothing one step's template assigns
 * seen by the next.
 */
class StepsInOneRunTest {
    @TempDir
    Path dir;

    /** Records with the components the templates below read. */
    public record Named(String name) {
    }

    public record Counted(String name, int count) {
    }

    private Renderer overrides(String... nameAndText) throws IOException {
        for (int i = 0; i < nameAndText.length; i += 2) {
            Path f = dir.resolve("postgres").resolve(nameAndText[i] + ".ftl");
            Files.createDirectories(f.getParent());
            Files.writeString(f, nameAndText[i + 1], StandardCharsets.UTF_8);
        }
        return new Renderer(Optional.of(dir));
    }

    @Test
    void eachModelIsTheDataModelOfItsOwnTemplate() throws IOException {
        Renderer r = overrides("tests/one", "SELECT '${name}';\n", "tests/two", "SELECT ${count} -- ${name}\n");
        List<String> texts = r.templatesInOneRun(List.of("tests/one", "tests/two", "tests/one"),
                List.of(new Named("a"), new Counted("b", 1234567), new Named("c"))).orElseThrow();
        assertEquals(List.of("SELECT 'a';", "SELECT 1234567 -- b", "SELECT 'c';"), texts);
    }

    @Test
    void crlfLineEndsOfAnOverrideBecomeLf() throws IOException {
        Renderer r = overrides("tests/crlf", "SELECT 1; -- ${name}\r\nSELECT 2;\r\n\r\n", "tests/one", "${name}\n");
        assertEquals(List.of("SELECT 1; -- a\nSELECT 2;", "b"), r.templatesInOneRun(List.of("tests/crlf",
                "tests/one"), List.of(new Named("a"), new Named("b"))).orElseThrow());
        assertEquals("SELECT 1; -- a\nSELECT 2;", r.template("tests/crlf", new Named("a")).stripTrailing());
    }

    @Test
    void whatOneTemplateAssignsIsNotSeenByTheNext() throws IOException {
        Renderer r = overrides("tests/sets", "<#assign x = name>${x}\n",
                "tests/reads", "${x!\"unset\"} ${name}\n",
                "tests/macro", "<#macro m>(${name})</#macro>macro <@m/>\n");
        List<String> names = List.of("tests/sets", "tests/reads", "tests/macro", "tests/reads");
        List<Named> models = List.of(new Named("a"), new Named("b"), new Named("c"), new Named("d"));
        List<String> texts = r.templatesInOneRun(names, models).orElseThrow();
        assertEquals(List.of("a", "unset b", "macro (c)", "unset d"), texts);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(r.template(names.get(i), models.get(i)).stripTrailing(), texts.get(i));
        }
    }

    @Test
    void aTemplateThatCouldTellTheDifferenceIsRenderedOnItsOwn() throws IOException {
        Renderer r = overrides("tests/global", "<#global g = name>${g}\n", "tests/plain", "${name}\n");
        assertEquals(Optional.empty(), r.templatesInOneRun(List.of("tests/plain", "tests/global"),
                List.of(new Named("a"), new Named("b"))));
        assertTrue(r.templatesInOneRun(List.of("tests/plain", "tests/plain"),
                List.of(new Named("a"), new Named("b"))).isPresent());
    }

    @Test
    void aFailingTemplateLeavesTheCallerToRenderOneByOne() throws IOException {
        Renderer r = overrides("tests/plain", "${name}\n", "tests/broken", "${missing}\n");
        assertEquals(Optional.empty(), r.templatesInOneRun(List.of("tests/plain", "tests/broken"),
                List.of(new Named("a"), new Named("b"))));
    }

    @Test
    void builtInStepsRenderInOneRunAsTheyDoOneByOne() {
        TestPlan plan = Pipeline.tests(TestRendererTest.TAG);
        for (TestFile f : plan.files()) {
            List<String> oneByOne = f.steps().stream().map(s -> TestRenderer.step(s, Pipeline.RENDERER)).toList();
            assertEquals(Optional.of(oneByOne), TestRenderer.steps(f.steps(), Pipeline.RENDERER), f.path());
        }
    }

    @Test
    void anOverriddenStepTemplateTakesEffectInAGeneratedTestFile() throws IOException {
        Renderer r = overrides("tests/has_table", "SELECT 'overridden has_table for ' || ${tableLiteral};\n");
        TestPlan plan = Pipeline.tests(TestRendererTest.TAG);
        for (TestFile f : plan.files()) {
            List<String> oneByOne = f.steps().stream().map(s -> TestRenderer.step(s, r)).toList();
            assertEquals(Optional.of(oneByOne), TestRenderer.steps(f.steps(), r), f.path());
        }
        String text = TestRenderer.render(plan, r).files().get("app/tests/01_tag_test.sql");
        assertTrue(text.contains("\n\n-- structure\nSELECT 'overridden has_table for ' || 'tag';\n"
                + "SELECT \"is\"((SELECT count(*) FROM app.specgen_health('app.tag') AS h), 1::bigint, "
                + "'app.specgen_health() reports tag');\n"), text);
        assertTrue(!text.contains("SELECT has_table("), text);
    }
}
