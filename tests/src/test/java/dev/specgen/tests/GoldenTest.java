package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.diag.Diagnostic;
import dev.specgen.render.Overview;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases (sqlc internal/endtoend): every folder under {@code tests/cases/} holds {@code specs/} (the input),
 * and the expected output: {@code diagnostics.txt} (every diagnostic, exact text; absent when there are none) and,
 * when the specs are valid, {@code expected/} (every generated file, exact bytes).
 *
 * <p>A case may hold {@code case.yaml} (sqlc's exec.json): {@code overview: true} makes {@code expected/} include the
 * generated {@code README.md} overview; without it the overview is left out, so a change to the picture touches
 * only the cases about it.
 *
 * <p>To accept new output: {@code mvn -B verify -Dspecgen.golden.update=true}, then review with {@code git diff}.
 */
class GoldenTest {
    static final Path CASES = Path.of("tests", "cases");

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(CASES)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(dirs.size() >= 40, "expected at least 40 golden cases, found " + dirs.size());
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
    }

    static void run(Path dir) {
        Result r = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("expected")));
        String diagnostics = r.diagnostics().stream().map(Diagnostic::format)
                .map(s -> s + "\n").collect(Collectors.joining());
        SortedMap<String, String> files = r.rendered().map(x -> (SortedMap<String, String>) new TreeMap<>(x.files()))
                .orElseGet(TreeMap::new);
        if (!CaseConfig.read(dir).overview()) {
            files.remove(Overview.FILE);
        }
        Path diagFile = dir.resolve("diagnostics.txt");
        Path expectedDir = dir.resolve("expected");
        if (Golden.update()) {
            Golden.write(diagFile, diagnostics);
            Golden.writeTree(expectedDir, files);
            return;
        }
        assertEquals(Golden.read(diagFile), diagnostics, dir + "/diagnostics.txt");
        SortedMap<String, String> expected = Golden.readTree(expectedDir);
        assertEquals(expected.keySet(), files.keySet(), dir + "/expected: file list");
        for (String k : expected.keySet()) {
            assertEquals(expected.get(k), files.get(k), dir + "/expected/" + k);
        }
    }
}
