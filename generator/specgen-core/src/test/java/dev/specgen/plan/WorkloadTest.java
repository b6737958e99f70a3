package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Limits;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.ModelBuilder;
import dev.specgen.render.Renderer;
import dev.specgen.validate.Extensions;
import dev.specgen.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 12: what planning would make, counted from the model, and the limits checked against it. */
class WorkloadTest {
    static final String CLICKS = """
            entity: AdClick
            schema: ads
            description: clicks
            fields:
              id: {type: bigint, identity: always}
              campaign_id: {type: integer, nullable: false, comment: the campaign}
              clicked_at: {type: timestamptz, nullable: false}
              kind: {type: enum, values: [a, b]}
            primary_key: [id, clicked_at, campaign_id]
            indexes:
              - {name: idx_ad_click_campaign, columns: [campaign_id, clicked_at]}
              - {name: idx_ad_click_kind, columns: [kind], concurrently: true, where: "kind = 'a'", comment: rare}
            partitioning:
              strategy: range
              column: clicked_at
              interval: monthly
              from: 2025-01-01
              to: 2025-04-01
              subpartition: {strategy: hash, column: campaign_id, modulus: 4}
            """;

    static SpecModel model(String... yamls) {
        return model(true, yamls);
    }

    static SpecModel model(boolean validate, String... yamls) {
        Diagnostics diags = new Diagnostics();
        List<LoadedFile> files = new ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            files.add(new SpecLoader().load("specs/" + (char) ('a' + i) + ".yaml",
                    yamls[i].getBytes(StandardCharsets.UTF_8), diags));
        }
        SpecModel model = ModelBuilder.build(files, diags);
        if (validate) {
            Validator.validate(model, diags);
        }
        assertEquals(List.of(), diags.sorted().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
        return model;
    }

    /** The counts are exactly what the planner makes; the bytes never more than rendering writes. */
    @Test
    void countsAreThePlansAndBytesALowerBound() {
        SpecModel model = model(CLICKS);
        Workload.Count c = Workload.of(model.entities().get(0), new HashSet<>());
        SchemaPlan plan = new Planner(Extensions::required).plan(model);
        List<SqlObject> entityObjects = plan.files().get(1).objects();
        // the table, 3 months each with 4 hash partitions, the DEFAULT partition
        assertEquals(1 + 3 + 3 * 4 + 1, c.relations());
        assertEquals(entityObjects.stream().filter(o -> o instanceof SqlObject.CreateTable
                || o instanceof SqlObject.CreatePartition).count(), c.relations());
        // the rollout index: ON ONLY, one per partition, one attachment per partition
        assertEquals(entityObjects.size(), c.statements());
        long rendered = 0;
        Renderer renderer = new Renderer(Optional.empty());
        for (SqlObject o : entityObjects) {
            rendered += renderer.object(o).getBytes(StandardCharsets.UTF_8).length;
        }
        assertTrue(c.bytes() <= 2 * rendered, c.bytes() + " > 2 x " + rendered);
        assertTrue(c.bytes() >= rendered / 2, "a useful bound: " + c.bytes() + " for " + rendered);
    }

    @Test
    void theEntityWhereTheTotalCrossesALimitIsNamed() {
        SpecModel model = model(CLICKS, CLICKS.replace("AdClick", "AdView").replace("ad_click", "ad_view"));
        assertEquals(List.of(), Workload.check(model, Limits.DEFAULT));
        List<Diagnostic> over = Workload.check(model, Limits.DEFAULT.withRelations(30).withStatements(70));
        assertEquals(List.of("specs/b.yaml:14:3: error SG310: the specs would generate 34 tables and partitions, past"
                + " the limit of 30; AdView alone: 17 (3 range partitions, each with 4 hash partitions and a DEFAULT "
                + "partition)\n  hint: raise the limit with --max-relations (Maven: maxRelations), or generate less: "
                + "fewer or coarser partitions, fewer entities per run",
                "specs/b.yaml:14:3: error SG311: the specs would generate 111 DDL statements, past the limit of 70; "
                        + "AdView alone: 55 (3 range partitions, each with 4 hash partitions and a DEFAULT partition)"
                        + "\n  hint: raise the limit with --max-statements (Maven: maxStatements), or generate less: "
                        + "fewer or coarser partitions, fewer entities per run"),
                over.stream().map(Diagnostic::format).toList());
    }

    /** The product of two levels is counted without being walked: 1,000 days hashed 1,024 ways. */
    @Test
    void aMillionPartitionsAreCountedNotMade() {
        SpecModel model = model(false, CLICKS.replace("interval: monthly", "interval: daily")
                .replace("to: 2025-04-01", "to: 2027-09-28").replace("modulus: 4", "modulus: 1024"));
        Workload.Count c = Workload.of(model.entities().get(0), new HashSet<>());
        assertEquals(1 + 1000 + 1000 * 1024 + 1, c.relations());
        assertEquals(1, Workload.check(model, Limits.DEFAULT).stream()
                .filter(d -> d.code() == dev.specgen.diag.Code.SG310).count());
    }

    /** The byte count is UTF-8's, as String.getBytes gives it, for any text (pairs, lone surrogates, 1-3 bytes). */
    @org.junit.jupiter.api.Test
    void utf8CountsWhatGetBytesEncodes() {
        for (String t : java.util.List.of("", "abc", "\u00e9t\u00e9", "\u20ac", "\ud83d\ude00", "\ud83d", "x\ude00y",
                "\ude00\ud83d", "a\ud83d\ude00\ud83db", "\u07ff\u0800\uffff")) {
            org.junit.jupiter.api.Assertions.assertEquals(t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    Workload.utf8(t), t);
        }
    }
}
