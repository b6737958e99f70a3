package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Objects;

/**
 * A check that one session cannot show (pgTAP runs in one): {@code sessions} connections run the {@code session}
 * steps at the same moment, {@code rounds} times each, after {@code setup} ran once; then {@code check} (pgTAP
 * assertions, without plan or finish) judges the final state in one session, and {@code cleanup} removes what
 * setup made, pass or fail. Generated from the spec like the test files, run by {@code verify}, and written to
 * {@code <schema>/tests/NN_<table>_sessions.sql} for review.
 *
 * <p>Each session can tell itself apart: the runner sets {@code specgen.session} (1..sessions),
 * {@code specgen.sessions}, {@code specgen.round} (1..rounds) and {@code specgen.rounds} with {@code set_config}
 * before every round, so a script reads {@code current_setting('specgen.session')::int}. Every statement runs in
 * autocommit unless the script opens a transaction itself. Any error in any session fails the check (a deadlock,
 * SQLSTATE 40P01, is counted on its own), and so does a session that does not finish in time.
 *
 * @param name        short name, unique per entity ({@code upsert_overlapping_keys})
 * @param description what the check proves, one sentence, for reports and the file
 */
public record SessionCheck(String name, String description, int sessions, int rounds, List<TestStep> setup,
        List<TestStep> session, List<TestStep> check, List<TestStep> cleanup, SourcePos origin) {

    public SessionCheck {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(description, "description == null");
        if (sessions < 2) {
            throw new IllegalArgumentException("a session check needs at least 2 sessions: " + sessions);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be positive: " + rounds);
        }
        setup = List.copyOf(setup);
        session = List.copyOf(session);
        check = List.copyOf(check);
        cleanup = List.copyOf(cleanup);
        if (session.isEmpty()) {
            throw new IllegalArgumentException("a session check needs session steps");
        }
        Objects.requireNonNull(origin, "origin == null");
    }

    /** TAP tests of the check phase. */
    public int checkTests() {
        return check.stream().mapToInt(TestStep::tests).sum();
    }
}
