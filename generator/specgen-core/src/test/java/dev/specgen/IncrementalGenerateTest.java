package dev.specgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Specgen#generateIfChanged}: what makes a build skip generation, and what makes it generate again. */
class IncrementalGenerateTest {
    @TempDir
    Path dir;
    Path state;
    Options opts;

    @BeforeEach
    void specs() throws IOException {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/t.yaml"), "entity: T\nfields:\n  id: bigint\nprimary_key: [id]\n",
                StandardCharsets.UTF_8);
        state = dir.resolve("target/specgen/state.txt");
        opts = Options.of(dir, Path.of("specs"), Path.of("generated"));
    }

    @Test
    void secondRunIsSkippedUntilSomethingChanges() throws IOException {
        assertTrue(Specgen.generateIfChanged(opts, state, "1.0").orElseThrow().output().orElseThrow().changed());
        assertTrue(Specgen.generateIfChanged(opts, state, "1.0").isEmpty(), "nothing changed: skipped");
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").isPresent(), "another tool version");
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").isEmpty());

        Files.writeString(dir.resolve("specs/t.yaml"), "entity: T\nfields:\n  id: bigint\n  n: text\n"
                + "primary_key: [id]\n", StandardCharsets.UTF_8);
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").isPresent(), "a spec changed");
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").isEmpty());

        Path install = dir.resolve("generated/install.sql");
        Files.writeString(install, "-- edited by hand\n", StandardCharsets.UTF_8);
        Result again = Specgen.generateIfChanged(opts, state, "1.1").orElseThrow();
        assertEquals(List.of("install.sql"), again.output().orElseThrow().written(), "an output was edited");
        Files.delete(install);
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").isPresent(), "an output was deleted");
        assertTrue(Files.isRegularFile(install));

        Path manifest = dir.resolve("generated/specgen.sum");
        Files.writeString(manifest, Files.readString(manifest) + "\n", StandardCharsets.UTF_8);
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").orElseThrow().hasErrors(), "a damaged manifest (SG009)");
        Files.delete(manifest);
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").isPresent(), "the manifest is gone: adopted again");
        assertTrue(Specgen.generateIfChanged(opts, state, "1.1").isEmpty());

        Files.createDirectories(dir.resolve("tpl/postgres"));
        Options withTemplates = opts.withTemplates(Path.of("tpl"));
        assertTrue(Specgen.generateIfChanged(withTemplates, state, "1.1").isPresent(), "another option");
        assertTrue(Specgen.generateIfChanged(withTemplates, state, "1.1").isEmpty());
        Files.writeString(dir.resolve("tpl/postgres/unused.ftl"), "x", StandardCharsets.UTF_8);
        assertTrue(Specgen.generateIfChanged(withTemplates, state, "1.1").isPresent(), "a template file appeared");
    }

    @Test
    void aRunWithErrorsKeepsNoState() throws IOException {
        assertTrue(Specgen.generateIfChanged(opts, state, "1.0").isPresent());
        assertTrue(Files.isRegularFile(state));
        Files.writeString(dir.resolve("specs/t.yaml"), "entity: T\nfields:\n  id: bigint\nprimary_key: [idd]\n",
                StandardCharsets.UTF_8);
        assertTrue(Specgen.generateIfChanged(opts, state, "1.0").orElseThrow().hasErrors());
        assertFalse(Files.exists(state));
        assertTrue(Specgen.generateIfChanged(opts, state, "1.0").orElseThrow().hasErrors(), "errors again, not skipped");
    }

    @Test
    void flywayNameRenamesTheInstallScript() {
        Result r = Specgen.generate(opts.withFlywayName("specgen_schema"));
        assertFalse(r.hasErrors(), r.diagnostics()::toString);
        assertTrue(r.rendered().orElseThrow().files().containsKey("R__specgen_schema.sql"));
        assertFalse(r.rendered().orElseThrow().files().containsKey("install.sql"));
        assertTrue(Files.isRegularFile(dir.resolve("generated/R__specgen_schema.sql")));
        assertEquals("R__specgen_schema.sql", Specgen.installFile(opts.withFlywayName("specgen_schema")));
    }

    @Test
    void flywayNameThatIsNotAPlainNameIsSg003() {
        Result r = Specgen.generate(opts.withFlywayName("../escape"));
        assertEquals(List.of("specgen: error SG003: Flyway migration name \"../escape\" is not a plain name\n"
                + "  hint: use letters, digits and underscores (up to 100), e.g. specgen: the install script becomes "
                + "R__specgen.sql"), r.diagnostics().stream().map(Diagnostic::format).toList());
        assertFalse(Files.exists(dir.resolve("generated")));
    }
}
