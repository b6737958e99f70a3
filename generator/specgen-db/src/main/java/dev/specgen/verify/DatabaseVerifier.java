package dev.specgen.verify;

import dev.specgen.db.Database;
import dev.specgen.db.Databases;
import dev.specgen.db.DbErrors;
import dev.specgen.db.DbOptions;
import dev.specgen.db.Interrupts;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SpecgenException;
import dev.specgen.plan.SchemaPlan;
import dev.specgen.render.Rendered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link LiveVerifier} service of specgen-db (registered in {@code META-INF/services}): opens the database the
 * options name, runs the {@link Verifier} on it, and closes it (unless kept).
 */
public final class DatabaseVerifier implements LiveVerifier {

    @Override
    public VerifyReport verify(SchemaPlan plan, Rendered rendered, VerifyOptions options, Progress progress) {
        try (Interrupts.Running running = Interrupts.running()) {
            return verifyRunning(plan, rendered, options, progress);
        }
    }

    @Override
    public boolean interrupt(String reason) {
        return Interrupts.interrupt(reason);
    }

    private static VerifyReport verifyRunning(SchemaPlan plan, Rendered rendered, VerifyOptions options,
            Progress progress) {
        String target = describe(options.db());
        progress.begin("starting " + target);
        long t0 = System.nanoTime();
        Database db;
        try {
            db = Databases.open(options.db(), System::getenv, options.artifacts());
        } catch (SpecgenException e) {
            if (e.diagnostics().stream().anyMatch(d -> d.code() == Code.SG003)) {
                throw e; // a usage error: there is no verification to report
            }
            // the database could not be reached: a report still says so (CI servers read the JUnit file)
            Map<String, Duration> phases = new LinkedHashMap<>();
            phases.put("start", Duration.ofNanos(System.nanoTime() - t0));
            List<EntityReport> none = plan.entities().stream()
                    .map(ep -> new EntityReport(ep.entity().name(), ep.entity().schema() + "." + ep.entity().table(),
                            ep.entity().pos().file(), Verifier.testFileOf(ep), false, Optional.empty())).toList();
            return new VerifyReport(target, none, e.diagnostics(), phases, Optional.empty());
        } finally {
            progress.end("starting the database");
        }
        Duration start = Duration.ofNanos(System.nanoTime() - t0);
        VerifyReport report;
        try {
            Verifier v = new Verifier(db, progress);
            v.phases().put("start", start);
            report = v.verify(plan, rendered, options.runTests(), options.setup());
        } finally {
            db.close();
        }
        List<Diagnostic> diags = new ArrayList<>(report.diagnostics());
        diags.addAll(db.notes()); // leftovers of interrupted runs removed, clean-up problems
        return new VerifyReport(report.database(), report.entities(), diags, report.phases(), report.keptUrl());
    }

    static String describe(DbOptions db) {
        return switch (db.mode()) {
            case EMBEDDED -> "embedded PostgreSQL " + db.pgVersion();
            // without the query string: it may carry a password
            case URL -> "PostgreSQL at " + DbErrors.redact(db.url().orElse("").replaceFirst("\\?.*$", ""));
            case TESTCONTAINERS -> "a PostgreSQL " + db.pgVersion() + " container";
        };
    }
}
