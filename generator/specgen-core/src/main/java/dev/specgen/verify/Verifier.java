package dev.specgen.verify;

import dev.specgen.db.CatalogSnapshot;
import dev.specgen.db.Database;
import dev.specgen.db.TapLine;
import dev.specgen.db.TapResult;
import dev.specgen.db.TapRunner;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.diag.SpecgenException;
import dev.specgen.model.Entity;
import dev.specgen.plan.EntityPlan;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import dev.specgen.render.RenderedSessionCheck;
import dev.specgen.render.RenderedStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Proves a rendered plan on a live PostgreSQL (sqlc vet, Atlas apply/cmpshow/synced):
 * <ol>
 * <li>apply every statement in install order in a scratch database (transactional runs roll back on failure; the
 * failure is reported at the spec line of the object);</li>
 * <li>apply it all a second time and prove the catalog did not change (the scripts are re-runnable);</li>
 * <li>read the catalog back and compare it with the plan;</li>
 * <li>run each entity's generated pgTAP test file.</li>
 * </ol>
 * The scratch database is dropped afterwards, so nothing is left behind, failure or not.
 */
public final class Verifier {
    /** Generated test files live next to the DDL: {@code <schema>/tests/<NN_table>_test.sql}. */
    public static String testFileOf(EntityPlan ep) {
        String f = ep.file();
        int slash = f.lastIndexOf('/');
        return f.substring(0, slash) + "/tests/" + f.substring(slash + 1, f.length() - ".sql".length()) + "_test.sql";
    }

    /** How long the sessions of one session check may run together. */
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(2);

    private final Database db;
    private final Progress progress;
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public Verifier(Database db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** Records the wall time of one step under {@code name}. */
    public <T> T timed(String name, String label, Supplier<T> step) {
        progress.begin(label);
        long t0 = System.nanoTime();
        try {
            return step.get();
        } finally {
            phases.merge(name, Duration.ofNanos(System.nanoTime() - t0), Duration::plus);
            progress.end(label);
        }
    }

    public Map<String, Duration> phases() {
        return phases;
    }

    public VerifyReport verify(SchemaPlan plan, Rendered rendered, boolean runTests) {
        SortedSet<String> schemas = new TreeSet<>();
        plan.entities().forEach(e -> schemas.add(e.entity().schema()));
        String scratch = null;
        List<EntityReport> reports = new ArrayList<>();
        try {
            if (db.isolation() == Database.Isolation.SCRATCH_DATABASE) {
                scratch = timed("scratch", "creating a scratch database", db::createScratchDatabase);
            } else {
                db.prepareSchemas(schemas);
            }
            String database = scratch == null ? db.databaseName() : scratch;
            try (Connection c = db.connect(database)) {
                utc(c);
                reports.addAll(run(c, database, plan, rendered, schemas, runTests));
            }
        } catch (SQLException e) {
            diagnostics.add(Diagnostic.error(SourcePos.NONE, Code.SG405, "database error: " + String.valueOf(e.getMessage()).strip().split("\n")[0]));
        } catch (SpecgenException e) {
            diagnostics.addAll(e.diagnostics());
        } finally {
            if (scratch != null && !db.kept()) {
                String s = scratch;
                timed("cleanup", "dropping the scratch database", () -> {
                    db.dropDatabase(s);
                    return null;
                });
            }
        }
        Optional<String> kept = db.kept() ? Optional.of(scratch == null ? db.jdbcUrl() : db.jdbcUrl(scratch))
                : Optional.empty();
        return new VerifyReport(db.description(), reports, diagnostics, phases, kept);
    }

    private List<EntityReport> run(Connection c, String database, SchemaPlan plan, Rendered rendered,
            SortedSet<String> schemas, boolean runTests) {
        List<RenderedStatement> ddl = rendered.statements();
        Applier.Outcome applied = timed("apply", "applying " + ddl.size() + " statements",
                () -> Applier.apply(c, ddl));
        if (applied.failure().isPresent()) {
            diagnostics.add(applied.failure().get().diagnostic());
            // an entity counts as applied only when all of its statements are in the committed prefix (a failed
            // run is rolled back whole, and nothing after it runs)
            return plan.entities().stream().map(ep -> report(ep, lastStatement(ddl, ep) < applied.committed(),
                    Optional.empty())).toList();
        }
        CatalogSnapshot first = timed("catalog", "reading the catalog", () -> CatalogSnapshot.read(c, schemas));
        Optional<Applier.Failure> again = timed("reapply", "applying everything a second time",
                () -> Applier.apply(c, ddl)).failure();
        if (again.isPresent()) {
            Diagnostic d = again.get().diagnostic();
            diagnostics.add(new Diagnostic(d.pos(), d.severity(), Code.SG403,
                    "second apply failed, the script is not re-runnable: " + d.message(), d.hint()));
        } else {
            CatalogSnapshot second = timed("catalog", "reading the catalog", () -> CatalogSnapshot.read(c, schemas));
            List<String> changes = first.diff(second);
            if (!changes.isEmpty()) {
                diagnostics.add(Diagnostic.error(SourcePos.NONE, Code.SG403, "second apply changed the catalog: "
                        + String.join("; ", changes.subList(0, Math.min(5, changes.size())))
                        + (changes.size() > 5 ? " (and " + (changes.size() - 5) + " more)" : "")));
            }
        }
        diagnostics.addAll(timed("roundtrip", "comparing the catalog with the plan",
                () -> RoundTrip.compare(plan, first)));
        List<EntityReport> out = new ArrayList<>();
        if (!runTests) {
            plan.entities().forEach(ep -> out.add(report(ep, true, Optional.empty())));
            return out;
        }
        timed("tests", "installing pgTAP functions", () -> db.installTap(c));
        for (EntityPlan ep : plan.entities()) {
            String file = testFileOf(ep);
            String text = rendered.files().get(file);
            if (text == null) {
                out.add(report(ep, true, Optional.empty()));
                continue;
            }
            TapResult r = timed("tests", "testing " + ep.entity().schema() + "." + ep.entity().table(),
                    () -> TapRunner.run(c, text));
            out.add(report(ep, true, Optional.of(r)));
            failures(ep, file, r);
            String bulkFile = dev.specgen.testgen.TestPlanner.bulkTestPath(ep.file());
            String bulk = rendered.files().get(bulkFile);
            if (bulk != null) {
                TapResult b = timed("tests", "testing the bulk functions of " + ep.entity().schema() + "."
                        + ep.entity().table(), () -> TapRunner.run(c, bulk));
                Entity e = ep.entity();
                out.add(new EntityReport(e.name(), e.schema() + "." + e.table() + " (bulk functions)",
                        e.pos().file(), bulkFile, true, Optional.of(b)));
                failures(ep, bulkFile, b);
            }
        }
        SessionRunner sessions = new SessionRunner(db, database, TapRunner.DEFAULT_SEARCH_PATH, SESSION_TIMEOUT);
        for (EntityPlan ep : plan.entities()) {
            for (RenderedSessionCheck check : rendered.sessionChecks()) {
                if (!check.entity().equals(ep.entity().name())) {
                    continue;
                }
                TapResult r = timed("sessions", "running " + check.sessions() + " sessions of " + check.name(),
                        () -> sessions.run(check));
                Entity e = ep.entity();
                out.add(new EntityReport(e.name(), e.schema() + "." + e.table() + " (" + check.name() + ")",
                        e.pos().file(), check.file() + "#" + check.name(), true, Optional.of(r)));
                failures(ep, check.file() + " (check " + check.name() + ")", r);
            }
        }
        return out;
    }

    /** Index of the entity's last DDL statement in install order (-1 when it has none). */
    private static int lastStatement(List<RenderedStatement> ddl, EntityPlan ep) {
        int last = -1;
        for (int i = 0; i < ddl.size(); i++) {
            if (ddl.get(i).file().equals(ep.file())) {
                last = i;
            }
        }
        return last;
    }

    private void failures(EntityPlan ep, String file, TapResult r) {
        Entity e = ep.entity();
        for (TapLine t : r.failures()) {
            String why = t.diagnostics().isEmpty() ? "" : String.join(" ", t.diagnostics().stream()
                    .map(s -> s.replaceFirst("^#\\s*", "").strip()).filter(s -> !s.isEmpty()).toList());
            Diagnostic d = Diagnostic.error(e.pos(), Code.SG406, "test " + t.number() + " of " + file
                    + " failed: " + t.description());
            if (t.description().startsWith("seeds ")) {
                // generic seed values can break a table's own rules (a CHECK, a short key): say how to steer them
                why = (why.isEmpty() ? "" : why + "; ") + "give the field a seed: expression of the row number i "
                        + "(e.g. seed: \"'user' || i || '@example.com'\"), or lower the seed_rows hint";
            }
            diagnostics.add(why.isEmpty() ? d : d.withHint(why));
        }
        r.error().ifPresent(err -> diagnostics.add(Diagnostic.error(e.pos(), Code.SG406, "test file " + file
                + " stopped at line " + err.line() + ": " + err.message() + " (" + err.sqlState() + ")")));
        if (r.error().isEmpty() && r.planned() != r.ran()) {
            diagnostics.add(Diagnostic.error(e.pos(), Code.SG406, "test file " + file + " planned "
                    + r.planned() + " tests but ran " + r.ran()));
        }
    }

    private static EntityReport report(EntityPlan ep, boolean applied, Optional<TapResult> tests) {
        Entity e = ep.entity();
        return new EntityReport(e.name(), e.schema() + "." + e.table(), e.pos().file(), testFileOf(ep), applied,
                tests);
    }

    /** Bounds of timestamptz partitions print in the session time zone; the plan spells them in UTC. */
    private static void utc(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
    }
}
