package dev.specgen.verify;

import dev.specgen.db.Database;
import dev.specgen.sql.SqlSplitter;
import dev.specgen.db.TapResult;
import dev.specgen.db.TapRunner;
import dev.specgen.model.Sql;
import dev.specgen.render.RenderedSessionCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one session check ({@link RenderedSessionCheck}) with real concurrency: SETUP once; then one connection
 * and one thread per session, released together, each running SESSION once per round in autocommit (a script
 * that opens a transaction is rolled back when a statement in it fails); then, in one session, a pgTAP file made of
 * two assertions of its own (no session failed, no deadlock) followed by the check's assertions; CLEANUP always.
 * The result is an ordinary {@link TapResult}, so reports show a session check like a test file.
 */
public final class SessionRunner {
    /** Failures listed in the TAP diagnostics; the rest are counted. */
    static final int SHOWN_FAILURES = 5;
    /** How long past the timeout the runner waits for sessions whose statement_timeout has fired. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Database db;
    private final String database;
    private final String tapSearchPath;
    private final Duration timeout;

    /**
     * @param database      the database to connect to (the scratch database)
     * @param tapSearchPath the search_path that finds the TAP functions
     * @param timeout       how long all sessions together may run; each statement gets it as statement_timeout
     */
    public SessionRunner(Database db, String database, String tapSearchPath, Duration timeout) {
        this.db = db;
        this.database = database;
        this.tapSearchPath = tapSearchPath;
        this.timeout = timeout;
    }

    /** What the sessions did: failed rounds (first few described) and deadlocks, and whether all finished. */
    record Outcome(List<String> failures, int failed, int deadlocks, boolean finished) {
    }

    public TapResult run(RenderedSessionCheck check) {
        long t0 = System.nanoTime();
        try (Connection main = db.connect(database)) {
            String setupError = script(main, check.setup());
            Outcome o = setupError == null ? sessions(check)
                    : new Outcome(List.of("SETUP: " + setupError), 1, 0, true);
            TapResult r = TapRunner.run(main, checkFile(check, o, timeout), tapSearchPath, java.util.Map.of());
            String cleanupError = script(main, check.cleanup());
            if (cleanupError != null && r.error().isEmpty()) {
                return new TapResult(r.lines(), r.stream(), r.planned(), r.passed(), r.failed(),
                        Duration.ofNanos(System.nanoTime() - t0),
                        java.util.Optional.of(new TapResult.TapError(0, "", "CLEANUP: " + cleanupError, "")));
            }
            return new TapResult(r.lines(), r.stream(), r.planned(), r.passed(), r.failed(),
                    Duration.ofNanos(System.nanoTime() - t0), r.error());
        } catch (SQLException e) {
            return new TapResult(List.of(), List.of(), -1, 0, 0, Duration.ofNanos(System.nanoTime() - t0),
                    java.util.Optional.of(new TapResult.TapError(0, state(e), String.valueOf(e.getMessage()), "")));
        }
    }

    /** The pgTAP text run after the sessions: the runner's two assertions, then the check's. */
    static String checkFile(RenderedSessionCheck check, Outcome o, Duration timeout) {
        StringBuilder s = new StringBuilder();
        s.append("BEGIN;\n");
        s.append("SELECT plan(").append(2 + check.checkTests()).append(");\n");
        String what = check.sessions() + " sessions x " + check.rounds() + " rounds of " + check.name();
        // the diagnostics go into the same value as their test line, so that reports show them with the failure
        List<String> roundDiags = new ArrayList<>();
        if (!o.finished()) {
            roundDiags.add("the sessions did not finish within " + timeout.toSeconds() + " s");
        }
        roundDiags.addAll(o.failures());
        if (o.failed() > o.failures().size()) {
            roundDiags.add("... and " + (o.failed() - o.failures().size()) + " more failed rounds");
        }
        s.append(withDiagnostics("ok(" + (o.failed() == 0 && o.finished()) + ", "
                + Sql.literal(what + ": every round ran without error") + ")", roundDiags));
        s.append(withDiagnostics("ok(" + (o.deadlocks() == 0) + ", " + Sql.literal(what + ": no deadlock") + ")",
                o.deadlocks() > 0 ? List.of(o.deadlocks() + " rounds ended in a deadlock (40P01)") : List.of()));
        if (!check.check().isEmpty()) {
            s.append(check.check()).append('\n');
        }
        s.append("SELECT * FROM finish();\n");
        s.append("ROLLBACK;\n");
        return s.toString();
    }

    /** {@code SELECT test;} or, with diagnostics, {@code SELECT concat_ws(E'\n', test, diag(...), ...);}. */
    private static String withDiagnostics(String test, List<String> diags) {
        if (diags.isEmpty()) {
            return "SELECT " + test + ";\n";
        }
        StringBuilder s = new StringBuilder("SELECT concat_ws(E'\\n', ").append(test);
        for (String d : diags) {
            s.append(", diag(").append(Sql.literal(d)).append(')');
        }
        return s.append(");\n").toString();
    }

    private Outcome sessions(RenderedSessionCheck check) {
        int n = check.sessions();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger deadlocks = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int session = i;
            Thread t = new Thread(() -> {
                try (Connection c = db.connect(database)) {
                    connections.add(c);
                    exec(c, "SET statement_timeout = " + timeout.toMillis());
                    exec(c, "SELECT set_config('specgen.sessions', '" + n + "', false), set_config('specgen.rounds', '"
                            + check.rounds() + "', false), set_config('specgen.session', '" + session + "', false)");
                    ready.countDown();
                    go.await();
                    for (int round = 1; round <= check.rounds(); round++) {
                        exec(c, "SELECT set_config('specgen.round', '" + round + "', false)");
                        String error = script(c, check.session());
                        if (error != null) {
                            if (error.endsWith("(40P01)")) {
                                deadlocks.incrementAndGet();
                            }
                            if (failed.incrementAndGet() <= SHOWN_FAILURES) {
                                failures.add("session " + session + ", round " + round + ": " + error);
                            }
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    failed.incrementAndGet();
                    failures.add("session " + session + ": " + String.valueOf(e.getMessage()).strip().split("\n")[0]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ready.countDown(); // a session that could not start must not hold the others back
                    done.countDown();
                }
            }, "specgen-session-" + session);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        boolean finished;
        try {
            ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            go.countDown();
            // statement_timeout normally ends a slow statement first, with its own error; this is the backstop
            finished = done.await(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            synchronized (connections) {
                for (Connection c : connections) {
                    try {
                        c.abort(Runnable::run);
                    } catch (SQLException ignored) {
                        // the session is abandoned either way
                    }
                }
            }
        }
        return new Outcome(List.copyOf(failures), failed.get(), deadlocks.get(), finished);
    }

    /**
     * Runs a script statement by statement in autocommit; on the first error rolls back what the script left
     * open and returns the error ({@code message (SQLSTATE)}), else null.
     */
    static String script(Connection c, String sql) {
        for (SqlSplitter.Piece p : SqlSplitter.split(sql)) {
            try {
                exec(c, p.sql());
            } catch (SQLException e) {
                try {
                    exec(c, "ROLLBACK");
                } catch (SQLException ignored) {
                    // the connection is gone; the error below says why
                }
                return String.valueOf(e.getMessage()).strip().split("\n")[0]
                        .replaceFirst("^ERROR: ", "") + " (" + state(e) + ")";
            }
        }
        return null;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(sql);
        }
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState().toUpperCase(Locale.ROOT);
    }
}
