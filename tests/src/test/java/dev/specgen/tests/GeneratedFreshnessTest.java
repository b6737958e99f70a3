package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The committed generated/ folder is exactly what specgen makes of specs/, on any locale and time zone. */
class GeneratedFreshnessTest {
    static final Options REPO = Options.of(Path.of(""), Path.of("specs"), Path.of("generated"));

    @Test
    void generatedIsUpToDate() {
        Result r = Specgen.check(REPO);
        assertEquals(List.of(), r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
        var out = r.output().orElseThrow();
        assertFalse(out.changed(), () -> "generated/ is stale: run ./specgen build specs/\n" + out.stale().diff());
    }

    @Test
    void outputDoesNotDependOnLocaleOrTimeZone() {
        var reference = Specgen.render(REPO).rendered().orElseThrow().files();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("de-DE"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            assertEquals(reference, Specgen.render(REPO).rendered().orElseThrow().files());
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // dotless i: the classic toLowerCase trap
            TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
            assertEquals(reference, Specgen.render(REPO).rendered().orElseThrow().files());
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void examplesHaveNoErrors() {
        Result r = Specgen.validate(REPO);
        assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    }
}
