package dev.specgen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.diag.Diagnostic;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An immediate view's capture function pins TimeZone: a view grouped by {@code at::date} must count the UTC day
 * whoever writes, and one of plain columns (min/max of a timestamptz) must mean the same under any TimeZone. Rows are
 * written (inserted, updated across midnight, deleted) from a session whose TimeZone is 14 hours ahead of UTC; each
 * view must then equal its query recomputed in UTC.
 */
class ImmediateTimeZoneLiveTest {
    static final String SPEC = """
            entity: Ev
            schema: tz
            fields:
              id: {type: bigint, primary_key: true}
              acct: {type: integer, nullable: false}
              at: {type: timestamptz, nullable: false}
            indexes: [{columns: [acct]}]
            ---
            materialized_view: ev_plain
            schema: tz
            source: Ev
            group_by: [acct]
            measures: {n: count, first_at: min(at), last_at: max(at)}
            refresh: immediate
            ---
            materialized_view: ev_day
            schema: tz
            source: Ev
            group_by: [{expr: "at::date", as: day}]
            measures: {n: count}
            refresh: immediate
            """;

    @TempDir
    Path dir;

    @Test
    void writesUnderAnotherTimeZoneKeepBothViewsEqualToTheirQueryInUtc() throws Exception {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/tz.yaml"), SPEC, StandardCharsets.UTF_8);
        Result r = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out")));
        assertFalse(r.hasErrors(), () -> r.diagnostics().stream().map(Diagnostic::format).toList().toString());
        String script = r.rendered().orElseThrow().files().get("install.sql");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres")
                        + "&preferQueryMode=simple"); Statement st = c.createStatement()) {
            st.execute(script);
            st.execute("SET TimeZone = 'Pacific/Kiritimati'");
            // 13:00 UTC and later is the next day in Kiritimati (UTC+14)
            st.execute("INSERT INTO tz.ev SELECT i, i % 7, timestamptz '2026-03-01 00:00:00+00' + i * interval"
                    + " '47 minutes' FROM generate_series(1, 300) AS s(i)");
            st.execute("INSERT INTO tz.ev VALUES (1000, 3, '2026-03-01 12:30:00+00')");
            st.execute("UPDATE tz.ev SET at = at + interval '11 hours' WHERE id % 5 = 0");
            st.execute("DELETE FROM tz.ev WHERE id % 11 = 0 OR id = 1");
            st.execute("SET TimeZone = 'UTC'");
            assertEquals(rows(c, "SELECT acct, count(*), min(at), max(at) FROM tz.ev GROUP BY acct"),
                    rows(c, "SELECT acct, n, first_at, last_at FROM tz.ev_plain"));
            assertEquals(rows(c, "SELECT at::date, count(*) FROM tz.ev GROUP BY 1"),
                    rows(c, "SELECT day, n FROM tz.ev_day"));
        }
    }

    /** The query's rows as text, sorted, as one string (the message of a failed comparison shows them all). */
    private static String rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT string_agg(q::text, ' '"
                + " ORDER BY q::text)"
                + " FROM (" + sql + ") AS q")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
