package dev.specgen.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadAllTest {
    @TempDir
    Path root;

    private final Diagnostics diags = new Diagnostics();

    private void write(String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private List<String> names(List<LoadedFile> files) {
        return files.stream().map(LoadedFile::file).toList();
    }

    private List<String> messages() {
        return diags.sorted().stream().map(Diagnostic::format).toList();
    }

    @Test
    void directoryIsScannedRecursivelyInPathOrder() throws IOException {
        write("specs/sales.yaml", "a: 1\n");
        write("specs/b/z.yml", "a: 1\n");
        write("specs/a.yaml", "a: 1\n");
        write("specs/b/a.YAML", "a: 1\n");
        write("specs/b-c/x.yaml", "a: 1\n");
        write("specs/readme.md", "not yaml");
        write("specs/.hidden.yaml", "a: [");
        write("specs/.git/x.yaml", "a: [");
        List<LoadedFile> files = new SpecLoader().loadAll(root, Path.of("specs/"), diags);
        assertEquals(List.of("specs/a.yaml", "specs/b-c/x.yaml", "specs/b/a.YAML", "specs/b/z.yml",
                "specs/sales.yaml"), names(files));
        assertEquals(List.of(), messages());
        assertEquals(1, files.get(0).documents().size());
        assertEquals("specs/a.yaml", files.get(0).documents().get(0).pos().file());
    }

    @Test
    void nestedSpecDirectoryKeepsTheGivenPrefix() throws IOException {
        write("conf/specs/one.yaml", "a: [\n");
        List<LoadedFile> files = new SpecLoader().loadAll(root, Path.of("./conf/specs"), diags);
        assertEquals(List.of("conf/specs/one.yaml"), names(files));
        assertEquals(1, messages().size());
        assertEquals("conf/specs/one.yaml:2:1", diags.sorted().get(0).pos().toString());
    }

    @Test
    void absolutePathInsideRootIsShownRelative() throws IOException {
        write("specs/one.yaml", "a: 1\n");
        List<LoadedFile> files = new SpecLoader().loadAll(root, root.resolve("specs"), diags);
        assertEquals(List.of("specs/one.yaml"), names(files));
    }

    @Test
    void currentDirectoryGivesBareRelativeNames() throws IOException {
        write("one.yaml", "a: 1\n");
        write("sub/two.yaml", "a: 1\n");
        assertEquals(List.of("one.yaml", "sub/two.yaml"), names(new SpecLoader().loadAll(root, Path.of("."), diags)));
    }

    @Test
    void singleFileIsLoadedUnderItsGivenName() throws IOException {
        write("specs/sales.yaml", "a: 1\n");
        List<LoadedFile> files = new SpecLoader().loadAll(root, Path.of("specs/sales.yaml"), diags);
        assertEquals(List.of("specs/sales.yaml"), names(files));
        assertEquals(List.of(), messages());
    }

    @Test
    void missingPath() {
        assertEquals(List.of(), new SpecLoader().loadAll(root, Path.of("nope"), diags));
        assertEquals(List.of("specgen: error SG001: spec path \"nope\" does not exist"), messages());
    }

    @Test
    void directoryWithoutSpecsIsAnError() throws IOException {
        write("specs/notes.txt", "x");
        assertEquals(List.of(), new SpecLoader().loadAll(root, Path.of("specs"), diags));
        assertEquals(List.of("specgen: error SG002: no *.yaml or *.yml files under \"specs\""), messages());
    }

    @Test
    void oversizedFileIsRefusedBeforeReading() throws IOException {
        write("specs/big.yaml", "#".repeat(SpecLoader.MAX_FILE_BYTES + 1));
        write("specs/ok.yaml", "a: 1\n");
        List<LoadedFile> files = new SpecLoader().loadAll(root, Path.of("specs"), diags);
        assertEquals(List.of("specs/big.yaml", "specs/ok.yaml"), names(files));
        assertEquals(List.of(), files.get(0).documents());
        assertEquals(List.of("specs/big.yaml: error SG104: file is too large (2097153 bytes; the limit is 2097152"
                + " bytes, 2 MiB)"), messages());
    }

    @Test
    void problemsInOneFileDoNotStopTheOthers() throws IOException {
        write("specs/a.yaml", "");
        write("specs/b.yaml", "x: 1\nx: 2\n");
        write("specs/c.yaml", "ok: true\n");
        List<LoadedFile> files = new SpecLoader().loadAll(root, Path.of("specs"), diags);
        assertEquals(3, files.size());
        assertEquals(1, files.get(2).documents().size());
        assertEquals(List.of(
                "specs/a.yaml: error SG105: file is empty (no YAML document, only blanks or comments)",
                "specs/b.yaml:2:1: error SG102: duplicate key \"x\" (first defined on line 1)"), messages());
    }
    private void mkfifo(String relative) throws IOException, InterruptedException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo not available");
    }

    @Test
    void aPipeIsReportedNotOpened() throws Exception {
        mkfifo("specs/pipe.yaml");
        write("specs/ok.yaml", "a: 1\n");
        // opening a pipe with no writer would block for ever: the timeout fails the test instead of hanging it
        List<LoadedFile> files = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new SpecLoader().loadAll(root, Path.of("specs/pipe.yaml"), diags));
        assertEquals(List.of("specs/pipe.yaml"), names(files));
        List<LoadedFile> inFolder = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new SpecLoader().loadAll(root, Path.of("specs"), diags));
        assertEquals(List.of("specs/ok.yaml", "specs/pipe.yaml"), names(inFolder));
        assertEquals(List.of("specs/pipe.yaml: error SG115: not a regular file (a pipe, a socket or a device)\n"
                + "  hint: specgen reads specs from regular files only; save the spec to a file"), messages());
    }

    @Test
    void aDeviceThatNeverEndsIsReportedNotRead() {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero");
        List<LoadedFile> files = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> new SpecLoader().loadAll(root, Path.of("/dev/zero"), diags));
        assertEquals(List.of("/dev/zero"), names(files));
        assertEquals(List.of("/dev/zero: error SG115: not a regular file (a pipe, a socket or a device)\n"
                + "  hint: specgen reads specs from regular files only; save the spec to a file"), messages());
    }

    @Test
    void readingStopsOneByteAfterTheLimitWhateverTheSizeSaid() throws IOException {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'a';
            }
        };
        assertEquals(Optional.empty(), SpecFiles.readBounded(endless, 100));
        assertEquals(101, served[0]);
        assertEquals("abc", new String(SpecFiles.readBounded(new ByteArrayInputStream("abc".getBytes(
                StandardCharsets.UTF_8)), 3).orElseThrow(), StandardCharsets.UTF_8));
    }

    /** Issue 6 item 17: a broken link named like a spec was skipped silently; docs/diagnostics.md says SG100. */
    @Test
    void brokenLinksAreReportedAndDirectoryLinksAreNotFollowed() throws IOException {
        write("specs/ok.yaml", "a: 1\n");
        Files.createSymbolicLink(root.resolve("specs/gone.yaml"), root.resolve("specs/missing.yaml"));
        Files.createSymbolicLink(root.resolve("specs/link.yaml"), root.resolve("specs/ok.yaml"));
        List<LoadedFile> files = new SpecLoader().loadAll(root, Path.of("specs"), diags);
        assertEquals(List.of("specs/link.yaml", "specs/ok.yaml"), names(files));
        assertEquals(List.of("specs/gone.yaml: error SG100: cannot read: broken symbolic link (its target does not"
                + " exist)\n  hint: fix the link, or remove it"), messages());
    }

    /** Issue 6 item 2: names reach generated headers and terminals; the file is refused, not read. */
    @Test
    void fileNamesWithInvisibleCharactersAreRefused() throws IOException {
        write("specs/ok.yaml", "a: 1\n");
        write("specs/x\u2028y.yaml", "a: 1\n");
        List<LoadedFile> files = new SpecLoader().loadAll(root, Path.of("specs"), diags);
        assertEquals(List.of("specs/ok.yaml"), names(files));
        assertEquals(List.of("specs/x\\u2028y.yaml: error SG111: spec file name holds a control or invisible"
                + " character\n  hint: rename the file; names reach generated SQL and terminals"), messages());
    }
}
