package dev.specgen.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputGuardTest {
    @TempDir
    Path tmp;

    private Path project;
    private OutputGuard guard;

    @BeforeEach
    void checkout() throws IOException {
        project = Files.createDirectories(tmp.resolve("home/project"));
        Files.createDirectories(project.resolve(".git"));
        Files.createDirectories(project.resolve("specs/analytics"));
        guard = new OutputGuard(tmp.resolve("home"));
    }

    /** The refusal's message, or "ok". */
    private String check(String specs, String out) {
        return guard.check(project, Path.of(specs), Path.of(out)).map(Diagnostic::headline).orElse("ok");
    }

    @Test
    void aFolderOfItsOwnIsFine() throws IOException {
        assertEquals("ok", check("specs", "generated"));
        assertEquals("ok", check("specs/", "build/generated/sql"));
        assertEquals("ok", check("specs", "../elsewhere"));
        assertEquals("ok", check(project.resolve("specs").toString(), project.resolve("generated").toString()));
        assertEquals("ok", check("specs/analytics", "specs-out"));
    }

    @Test
    void theWorkingFolderAndAnythingAboveIt() {
        String hint = "\n  hint: specgen replaces and deletes files in its output folder; give it a folder of its own,"
                + " such as generated/ (the default)";
        assertEquals("specgen: error SG006: output folder \"\" is empty, which would be the working folder" + hint,
                guard.check(project, Path.of("specs"), Path.of("")).orElseThrow().format());
        assertEquals("specgen: error SG006: output folder \".\" is the working folder", check("specs", "."));
        assertEquals("specgen: error SG006: output folder \"generated/..\" is the working folder",
                check("specs", "generated/.."));
        assertEquals("specgen: error SG006: output folder \"../..\" holds the working folder",
                check("specs", "../.."));
        assertEquals("specgen: error SG006: output folder \"/\" is the filesystem root", check("specs", "/"));
        assertEquals("specgen: error SG006: output folder \"" + tmp.resolve("home") + "\" is the home folder",
                check("specs", tmp.resolve("home").toString()));
    }

    @Test
    void theSpecsAndFoldersAroundThem() {
        assertEquals("specgen: error SG006: output folder \"specs\" is the spec folder", check("specs", "specs"));
        assertEquals("specgen: error SG006: output folder \"specs/out\" is inside the spec folder",
                check("specs", "specs/out"));
        assertEquals("specgen: error SG006: output folder \"specs\" holds the specs", check("specs/analytics",
                "specs"));
        assertEquals("specgen: error SG006: output folder \"specs\" holds the specs", check("specs/x.yaml",
                "specs"));
        assertEquals("ok", check("specs/x.yaml", "specs/out"));
    }

    @Test
    void aProjectRootIsNeverAnOutputFolder() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("pom.xml"), "<project/>");
        assertEquals("specgen: error SG006: output folder \"../../other\" is a project root (it holds pom.xml)",
                check("specs", "../../other"));
        Path worktree = Files.createDirectories(tmp.resolve("worktree"));
        Files.writeString(worktree.resolve(".git"), "gitdir: /somewhere\n"); // a worktree's .git is a file
        assertEquals("specgen: error SG006: output folder \"" + worktree + "\" is a project root (it holds .git)",
                check("specs", worktree.toString()));
    }

    @Test
    void linksAreResolvedFirst() throws IOException {
        Files.createSymbolicLink(project.resolve("gen"), project.resolve("specs"));
        assertEquals("specgen: error SG006: output folder \"gen\" is the spec folder", check("specs", "gen"));
        Files.createSymbolicLink(project.resolve("up"), tmp.resolve("home"));
        assertEquals("specgen: error SG006: output folder \"up/project\" is the working folder",
                check("specs", "up/project"));
    }
}
