package dev.specgen.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.db.CatalogSnapshot;
import dev.specgen.db.Database;
import dev.specgen.db.DbOptions;
import dev.specgen.db.SharedEmbedded;
import dev.specgen.diag.Diagnostic;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 5: the catalog round trip knows the constraints: list by name, definition and validity. Drift in
 * any of them is reported at the constraint's item; a correct apply (the NOT VALID check included, which the copy
 * adds NOT VALID too) reports nothing.
 */
class LiveConstraintDriftTest {
    static final String SPEC = """
            entity: Booking
            schema: kdrift
            fields:
              id: {type: bigint, nullable: false}
              email: text
              during: tstzrange
              starts_at: timestamptz
              ends_at: timestamptz
            primary_key: {name: booking_pk, columns: [id]}
            constraints:
              - check: "starts_at < ends_at"
                name: booking_period_ck
                not_valid: true
              - unique: [email, id]
                name: booking_email_uq
              - exclude: {using: gist, elements: [{column: during, with: "&&"}]}
            """;

    static Database db;
    static SchemaPlan plan;
    static Rendered rendered;
    private String scratch;
    private Connection c;

    @BeforeAll
    static void render(@TempDir Path tmp) throws IOException {
        db = SharedEmbedded.get();
        Files.createDirectories(tmp.resolve("specs"));
        Files.writeString(tmp.resolve("specs/kdrift.yaml"), SPEC, StandardCharsets.UTF_8);
        Result r = Specgen.render(Options.of(tmp, Path.of("specs"), Path.of("out")));
        assertEquals(List.of(), r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
        plan = r.plan().orElseThrow();
        rendered = r.rendered().orElseThrow();
    }

    @BeforeEach
    void apply() {
        scratch = db.createScratchDatabase();
        c = db.connect(scratch);
        Applier.Outcome o = Applier.apply(c, rendered.statements(), Applier.Strategy.PER_FILE, DbOptions.embedded());
        assertTrue(o.failure().isEmpty(), () -> o.failure().toString());
    }

    @AfterEach
    void drop() throws SQLException {
        c.close();
        db.dropDatabase(scratch);
    }

    private List<String> drift(String... plant) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : plant) {
                st.execute(sql);
            }
        }
        CatalogSnapshot cat = CatalogSnapshot.read(c, List.of("kdrift"));
        return RoundTrip.compare(plan, cat, ExpectedCatalog.reader(c, db.runSchema(c), plan), true).stream()
                .map(Diagnostic::headline).map(h -> h.substring(h.indexOf("kdrift.yaml:"))).toList();
    }

    @Test
    void aCorrectApplyHasNoDriftNotValidIncluded() throws SQLException {
        assertEquals(List.of(), drift());
    }

    @Test
    void aValidatedCheckIsNotTheNotValidOneTheSpecAsksFor() throws SQLException {
        assertEquals(List.of("kdrift.yaml:11:12: error SG404: constraint booking_period_ck on booking differs: the"
                + " spec makes \"CHECK ((starts_at < ends_at)) NOT VALID\", the database has \"CHECK ((starts_at <"
                + " ends_at))\""), drift("ALTER TABLE kdrift.booking VALIDATE CONSTRAINT booking_period_ck"));
    }

    @Test
    void anotherUniqueAndAMissingExclude() throws SQLException {
        assertEquals(List.of(
                "kdrift.yaml:16:14: error SG404: constraint booking_during_excl on booking is missing: EXCLUDE USING"
                        + " gist (during WITH &&)",
                "kdrift.yaml:14:13: error SG404: constraint booking_email_uq on booking differs: the spec makes"
                        + " \"UNIQUE (email, id)\", the database has \"UNIQUE (email)\""),
                drift("ALTER TABLE kdrift.booking DROP CONSTRAINT booking_email_uq",
                        "ALTER TABLE kdrift.booking ADD CONSTRAINT booking_email_uq UNIQUE (email)",
                        "ALTER TABLE kdrift.booking DROP CONSTRAINT booking_during_excl"));
    }

    @Test
    void aRenamedPrimaryKey() throws SQLException {
        assertEquals(List.of(
                "kdrift.yaml:9:21: error SG404: constraint booking_pk on booking is missing: PRIMARY KEY (id)",
                "kdrift.yaml:1:9: error SG404: constraint booking_pkey on booking is in the database but not in the"
                        + " spec: PRIMARY KEY (id)"),
                drift("ALTER TABLE kdrift.booking RENAME CONSTRAINT booking_pk TO booking_pkey"));
    }
}
