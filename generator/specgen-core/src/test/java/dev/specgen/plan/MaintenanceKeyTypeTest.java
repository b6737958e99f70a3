package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Specgen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key's precision does not change its type for maintenance: timestamptz(3) is maintained as a timestamptz. */
class MaintenanceKeyTypeTest {

    @Test
    void aTimestamptzKeyWithAPrecisionIsMaintainedInUtc(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("specs"));
        Files.writeString(dir.resolve("specs/e.yaml"), """
                entity: Event
                schema: app
                fields:
                  id: {type: bigint, identity: always}
                  at: {type: "timestamptz(3)", nullable: false}
                primary_key: [id, at]
                partitioning:
                  strategy: range
                  column: at
                  interval: monthly
                  from: 2025-01-01
                  to: 2025-03-01
                  premake: 2
                """, StandardCharsets.UTF_8);
        String sql = Specgen.render(Options.of(dir, Path.of("specs"), Path.of("out"))).rendered().orElseThrow()
                .files().get("app/01_event.sql");
        assertTrue(sql.contains("SELECT date_trunc('month', at AT TIME ZONE 'UTC') FROM ONLY app.event_default"), sql);
        assertTrue(sql.contains("quote_literal(to_char(bucket, 'YYYY-MM-DD\" 00:00:00+00\"'))"), sql);
    }
}
