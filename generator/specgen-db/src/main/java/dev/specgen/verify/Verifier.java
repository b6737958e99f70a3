package dev.specgen.verify;

import dev.specgen.db.CatalogSnapshot;
import dev.specgen.db.MaintenanceLog;
import dev.specgen.db.Database;
import dev.specgen.db.DbErrors;
import dev.specgen.db.StmtFailure;
import dev.specgen.db.TapInstaller;
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
import dev.specgen.plan.ViewPlan;
import dev.specgen.render.Rendered;
import dev.specgen.render.RenderedSessionCheck;
import dev.specgen.render.RenderedStatement;
import java.nio.file.Path;
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
 * <li>apply every statement in install order (see {@link Applier} for the transactions); a failure is reported at the
 * spec line of the object;</li>
 * <li>apply it all a second time and prove the catalog did not change (the scripts are re-runnable);</li>
 * <li>read the catalog back and compare it with the plan, both ways ({@link RoundTrip});</li>
 * <li>run each entity's generated pgTAP test file.</li>
 * </ol>
 * Where it works and what it leaves is {@link Database}'s business: a scratch database by default, dropped
 * afterwards, failure or not.
 */
public final class Verifier {
    /** Generated test files live next to the DDL: {@code <schema>/tests/<NN_table>_test.sql}. */
    public static String testFileOf(EntityPlan ep) {
        String f = ep.file();
        int slash = f.lastIndexOf('/');
        return f.substring(0, slash) + "/tests/" + f.substring(slash + 1, f.length() - ".sql".length()) + "_test.sql";
    }

    /** A view's test file, beside its DDL file like an entity's. */
    public static String testFileOf(ViewPlan vp) {
        String f = vp.file();
        int slash = f.lastIndexOf('/');
        return f.substring(0, slash) + "/tests/" + f.substring(slash + 1, f.length() - ".sql".length()) + "_test.sql";
    }

    /** How long the sessions of one session check may run together. */
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(2);

    /** The session setting that makes the generated test files skip their seeded tests (see the files). */
    static final String SEEDED_TESTS = "specgen.seeded_tests";

    private final Database db;
    private final Progress progress;
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** What the current run applies: to name the spec's check: when seeding breaks it. */
    private SchemaPlan runPlan;
    private List<RenderedStatement> runStatements = List.of();
    private String step = "starting";

    public Verifier(Database db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** Records the wall time of one step under {@code name}. */
    public <T> T timed(String name, String label, Supplier<T> work) {
        progress.begin(label);
        step = label;
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            phases.merge(name, Duration.ofNanos(System.nanoTime() - t0), Duration::plus);
            progress.end(label);
        }
    }

    public Map<String, Duration> phases() {
        return phases;
    }

    public VerifyReport verify(SchemaPlan plan, Rendered rendered, boolean runTests) {
        return verify(plan, rendered, runTests, List.of());
    }

    /** {@link #verify(SchemaPlan, Rendered, boolean)} after running the {@code setup} scripts ({@link SetupScripts}). */
    public VerifyReport verify(SchemaPlan plan, Rendered rendered, boolean runTests, List<Path> setup) {
        SortedSet<String> schemas = new TreeSet<>();
        plan.entities().forEach(e -> schemas.add(e.entity().schema()));
        // partition_schema: created by the run's 00_schema.sql, so the run owns it like the entity schemas
        plan.entities().forEach(e -> e.entity().partitioning().flatMap(p -> p.schema()).ifPresent(schemas::add));
        List<EntityReport> reports = new ArrayList<>();
        try {
            timed("start", "preparing schemas " + String.join(", ", schemas), () -> {
                db.prepareSchemas(schemas);
                return null;
            });
            String database = db.databaseName();
            try (Connection c = db.connect(database)) {
                utc(c);
                Optional<Diagnostic> failedSetup = setup.isEmpty() ? Optional.empty()
                        : timed("apply", "running --setup scripts", () -> SetupScripts.run(c, db.isolation(), setup));
                if (failedSetup.isPresent()) {
                    diagnostics.add(failedSetup.get());
                } else {
                    reports.addAll(run(c, database, plan, rendered, schemas, runTests));
                }
            }
        } catch (SQLException e) {
            diagnostics.add(Diagnostic.error(SourcePos.NONE, Code.SG405, "database error: " + DbErrors.oneLine(e)));
        } catch (SpecgenException e) {
            diagnostics.addAll(e.diagnostics());
        }
        if (reports.isEmpty()) {
            reports.addAll(reports(plan, false));
        }
        db.interrupted().ifPresent(why -> {
            // whatever failed after the interrupt failed because of it: say that, once
            diagnostics.removeIf(d -> d.code() == Code.SG405 || d.code() == Code.SG406 || d.code() == Code.SG402);
            diagnostics.add(Diagnostic.error(SourcePos.NONE, Code.SG412, "verification interrupted (" + why
                    + ") while " + step).withHint("specgen removes its scratch database and schemas on the way out; "
                    + "if it is killed before that, the next run on the same server removes them"));
        });
        Optional<String> kept = db.kept() ? Optional.of(DbErrors.redact(db.jdbcUrl())) : Optional.empty();
        return new VerifyReport(db.description(), reports, diagnostics, phases, kept);
    }

    private Applier.Strategy strategy() {
        return db.isolation() == Database.Isolation.IN_PLACE ? Applier.Strategy.IN_PLACE : Applier.Strategy.PER_FILE;
    }

    private List<EntityReport> run(Connection c, String database, SchemaPlan plan, Rendered rendered,
            SortedSet<String> schemas, boolean runTests) {
        List<RenderedStatement> ddl = rendered.statements();
        runPlan = plan;
        runStatements = ddl;
        if (strategy() == Applier.Strategy.IN_PLACE) {
            diagnostics.addAll(Applier.inPlaceWarnings(ddl));
        }
        Applier.Outcome applied = timed("apply", "applying " + ddl.size() + " statements",
                () -> Applier.apply(c, ddl, strategy(), db.options()));
        if (applied.failure().isPresent()) {
            diagnostics.add(applied.failure().get().diagnostic());
            // an entity or view counts as applied only when all of its statements are committed
            List<EntityReport> failed = new ArrayList<>();
            plan.entities().forEach(ep -> failed.add(report(ep, applied.allCommitted(statementsOf(ddl, ep.file())),
                    Optional.empty())));
            plan.views().forEach(vp -> failed.add(report(vp, applied.allCommitted(statementsOf(ddl, vp.file())),
                    Optional.empty())));
            return failed;
        }
        CatalogSnapshot first = timed("catalog", "reading the catalog", () -> CatalogSnapshot.read(c, schemas));
        Optional<Applier.Failure> again = timed("reapply", "applying everything a second time",
                () -> Applier.apply(c, ddl, strategy(), db.options())).failure();
        if (again.isPresent()) {
            Diagnostic d = again.get().diagnostic();
            diagnostics.add(d.code() != Code.SG402 ? d : new Diagnostic(d.pos(), d.severity(), Code.SG403,
                    "second apply failed, the script is not re-runnable: " + d.message(), d.hint()));
            if (d.code() == Code.SG405) {
                return reports(plan, false);
            }
        } else {
            CatalogSnapshot second = timed("catalog", "reading the catalog", () -> CatalogSnapshot.read(c, schemas));
            List<String> changes = first.diff(second);
            if (!changes.isEmpty()) {
                diagnostics.add(Diagnostic.error(SourcePos.NONE, Code.SG403, "second apply changed the catalog: "
                        + String.join("; ", changes.subList(0, Math.min(5, changes.size())))
                        + (changes.size() > 5 ? " (and " + (changes.size() - 5) + " more)" : "")));
            }
        }
        boolean inPlace = db.isolation() == Database.Isolation.IN_PLACE;
        // (the generated scripts' CREATE SCHEMA IF NOT EXISTS needs the same privilege as the run schema)
        ExpectedCatalog.Reader definitions = ExpectedCatalog.reader(c, db.runSchema(c), plan);
        diagnostics.addAll(timed("roundtrip", "comparing the catalog with the plan",
                () -> RoundTrip.compare(plan, first, definitions, inPlace, MaintenanceLog.read(c, plan))));
        if (!runTests) {
            return reports(plan, true);
        }
        TapInstaller.TapSetup tap = timed("tests", "installing pgTAP functions", () -> db.installTap(c));
        // --in-place leaves the user's tables alone: no seeded rows, no ANALYZE, no dead tuples (see the files)
        Map<String, String> settings = inPlace ? Map.of(SEEDED_TESTS, "off") : Map.of();
        List<EntityReport> out = new ArrayList<>();
        for (EntityPlan ep : plan.entities()) {
            String file = testFileOf(ep);
            String text = rendered.files().get(file);
            if (text == null) {
                out.add(report(ep, true, Optional.empty()));
                continue;
            }
            TapResult r = timed("tests", "testing " + ep.entity().schema() + "." + ep.entity().table(),
                    () -> TapRunner.run(c, text, tap.searchPath(), settings));
            out.add(report(ep, true, Optional.of(r)));
            if (!failures(ep, file, r)) {
                return out; // the connection is gone: the remaining files cannot run
            }
            String bulkFile = dev.specgen.testgen.TestPlanner.bulkTestPath(ep.file());
            String bulk = rendered.files().get(bulkFile);
            if (bulk != null && inPlace) {
                // the bulk tests write rows (rolled back, but dead tuples stay) and the session checks commit
                // rows: --in-place leaves the user's tables alone, and says what it did not prove
                diagnostics.add(Diagnostic.warning(ep.entity().pos(), Code.SG419, "--in-place: the tests of the"
                        + " bulk functions of " + ep.entity().schema() + "." + ep.entity().table() + " (" + bulkFile
                        + ") and their session checks were not run: they write rows into the table")
                        .withHint("run specgen verify without --in-place (a scratch database) to run them"));
            } else if (bulk != null) {
                TapResult b = timed("tests", "testing the bulk functions of " + ep.entity().schema() + "."
                        + ep.entity().table(), () -> TapRunner.run(c, bulk, tap.searchPath(), settings));
                Entity e = ep.entity();
                out.add(new EntityReport(e.name(), e.schema() + "." + e.table() + " (bulk functions)",
                        e.pos().file(), bulkFile, true, Optional.of(b)));
                if (!failures(ep, bulkFile, b)) {
                    return out;
                }
            }
            int index = 0;
            for (SchemaPlan.WorkflowPlan wp : plan.workflows()) {
                if (!wp.file().equals(ep.file())) {
                    continue;
                }
                String wfFile = dev.specgen.testgen.TestPlanner.workflowTestPath(ep.file(), index++);
                String wf = rendered.files().get(wfFile);
                Entity e = ep.entity();
                if (wf == null) {
                    continue;
                }
                if (inPlace) {
                    diagnostics.add(Diagnostic.warning(e.pos(), Code.SG419, "--in-place: the tests of workflow "
                            + wp.workflow().action() + " (" + wfFile + ") were not run: they insert rows into "
                            + e.schema() + "." + e.table()).withHint("run specgen verify without --in-place (a"
                                    + " scratch database) to run them"));
                    continue;
                }
                TapResult t = timed("tests", "testing workflow " + wp.workflow().action(),
                        () -> TapRunner.run(c, wf, tap.searchPath(), settings));
                out.add(new EntityReport(e.name(), e.schema() + "." + e.table() + " (workflow "
                        + wp.workflow().action() + ")", e.pos().file(), wfFile, true, Optional.of(t)));
                if (!failures(ep, wfFile, t)) {
                    return out;
                }
            }
        }
        for (ViewPlan vp : plan.views()) {
            String file = testFileOf(vp);
            String text = rendered.files().get(file);
            if (text == null) {
                out.add(report(vp, true, Optional.empty()));
                continue;
            }
            TapResult r = timed("tests", "testing " + vp.schema() + "." + vp.relation(),
                    () -> TapRunner.run(c, text, tap.searchPath(), settings));
            out.add(report(vp, true, Optional.of(r)));
            if (!failures(vp.view().view().pos(), vp, file, r)) {
                return out;
            }
        }
        if (inPlace) {
            // session checks write rows from several connections in autocommit, and clean up after themselves by
            // emptying the tables: never on the user's own database
            return out;
        }
        SessionRunner sessions = new SessionRunner(db, database, tap.searchPath(), SESSION_TIMEOUT);
        for (EntityPlan ep : plan.entities()) {
            for (RenderedSessionCheck check : rendered.sessionChecks()) {
                if (inPlace || !check.entity().equals(ep.entity().name())) {
                    continue;
                }
                TapResult r = timed("sessions", "running " + check.sessions() + " sessions of " + check.name(),
                        () -> sessions.run(check));
                Entity e = ep.entity();
                out.add(new EntityReport(e.name(), e.schema() + "." + e.table() + " (" + check.name() + ")",
                        e.pos().file(), check.file() + "#" + check.name(), true, Optional.of(r)));
                if (!failures(ep, check.file() + " (check " + check.name() + ")", r)) {
                    return out;
                }
            }
        }
        return out;
    }

    private static List<EntityReport> reports(SchemaPlan plan, boolean applied) {
        List<EntityReport> out = new ArrayList<>();
        plan.entities().forEach(ep -> out.add(report(ep, applied, Optional.empty())));
        plan.views().forEach(vp -> out.add(report(vp, applied, Optional.empty())));
        return out;
    }

    /** Indexes of the DDL statements of {@code file} in install order. */
    private static List<Integer> statementsOf(List<RenderedStatement> ddl, String file) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ddl.size(); i++) {
            if (ddl.get(i).file().equals(file)) {
                out.add(i);
            }
        }
        return out;
    }

    private boolean failures(EntityPlan ep, String file, TapResult r) {
        return failures(ep.entity().pos(), ep, file, r);
    }

    /**
     * Reports the file's failures at {@code at} ({@code origin}: the entity's or view's plan); false when the
     * connection is gone (nothing more can run).
     */
    private boolean failures(SourcePos at, Object origin, String file, TapResult r) {
        for (TapLine t : r.failures()) {
            String why = t.diagnostics().isEmpty() ? "" : String.join(" ", t.diagnostics().stream()
                    .map(s -> s.replaceFirst("^#\\s*", "").strip()).filter(s -> !s.isEmpty()).toList());
            Diagnostic d = Diagnostic.error(at, Code.SG406, "test " + t.number() + " of " + file
                    + " failed: " + t.description());
            Optional<Diagnostic> onCheck = t.description().startsWith("seeds ")
                    ? SeedFailures.checkViolation(runPlan, runStatements, "test " + t.number() + " of " + file, why)
                    : Optional.empty();
            if (onCheck.isPresent()) {
                diagnostics.add(onCheck.get());
                continue;
            }
            if (t.description().startsWith("seeds ")) {
                // generic seed values can break a table's own rules (a CHECK, a short key): say how to steer them
                why = (why.isEmpty() ? "" : why + "; ") + "give the field a seed: expression of the row number i "
                        + "(e.g. seed: \"'user' || i || '@example.com'\"), or lower the seed_rows hint";
            }
            diagnostics.add(why.isEmpty() ? d : d.withHint(why));
        }
        if (r.error().isPresent()) {
            TapResult.TapError err = r.error().get();
            String where = "running test file " + file + " (line " + err.line() + ")";
            StmtFailure f = new StmtFailure(0, new dev.specgen.db.Stmt(err.statement(), origin), err.sqlState(),
                    err.message(), Optional.empty(), Optional.empty(), Optional.empty(), 0);
            switch (DbErrors.cause(err.sqlState(), err.message())) {
                case TIMEOUT -> diagnostics.add(Applier.timeout(f, at, where, db.options()));
                case RESOURCE -> diagnostics.add(Applier.resource(f, where));
                case CONNECTION -> {
                    diagnostics.add(Diagnostic.error(SourcePos.NONE, Code.SG405, "lost the connection to the "
                            + "database while " + where + ": " + f.summary()).withHint("the server stopped or the "
                            + "network failed; check the server log, then run again"));
                    return false;
                }
                default -> diagnostics.add(Diagnostic.error(at, Code.SG406, "test file " + file
                        + " stopped at line " + err.line() + ": " + err.message() + " (" + err.sqlState() + ")"));
            }
        }
        if (r.error().isEmpty() && r.planned() != r.ran()) {
            diagnostics.add(Diagnostic.error(at, Code.SG406, "test file " + file + " planned "
                    + r.planned() + " tests but ran " + r.ran()));
        }
        return true;
    }

    private static EntityReport report(ViewPlan vp, boolean applied, Optional<TapResult> tests) {
        return new EntityReport(vp.relation(), vp.schema() + "." + vp.relation(), vp.view().view().pos().file(),
                testFileOf(vp), applied, tests);
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
