package dev.specgen.verify;

import dev.specgen.db.ApplyResult;
import dev.specgen.db.DbErrors;
import dev.specgen.db.DbOptions;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.Stmt;
import dev.specgen.db.StmtFailure;
import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject;
import dev.specgen.render.RenderedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies rendered statements and maps a failure back to the spec: the object's position, refined to the field when
 * PostgreSQL's error position lies in the text of a column or constraint of a CREATE TABLE (found by rendering,
 * whatever layout an override template has). Only the statement's own errors are spec
 * errors (SG402); a timeout (SG408), a server out of a resource (SG410) or a lost connection (SG405) are reported
 * as what they are, with the object that was being applied.
 *
 * <p>Two ways to apply ({@link Strategy}): in a scratch database, one transaction per generated file, which needs no
 * more lock slots than {@code psql -f install.sql} (a file too big for the server's lock table is applied statement
 * by statement, as psql does); {@code --in-place}, everything transactional in one transaction, so that a failure
 * leaves nothing, with {@code CREATE INDEX CONCURRENTLY} (which PostgreSQL refuses in a transaction) after it.
 */
final class Applier {
    private Applier() {
    }

    enum Strategy {
        /** One transaction per generated file, CONCURRENTLY statements alone between them (as psql runs them). */
        PER_FILE,
        /**
         * All-or-nothing as far as PostgreSQL allows: every transactional statement that does not need a
         * CONCURRENTLY index in one transaction, then the CONCURRENTLY statements, then what needs them (index
         * attachments, their comments, a foreign key relying on one) in a second transaction.
         */
        IN_PLACE
    }

    /** Which statements (indexes into the list) are committed, and the failure that stopped the rest, if any. */
    record Outcome(Set<Integer> committed, Optional<Failure> failure) {
        boolean allCommitted(List<Integer> indexes) {
            return committed.containsAll(indexes);
        }
    }

    /** The failing statement and its diagnostic. */
    record Failure(RenderedStatement statement, Diagnostic diagnostic) {
    }

    static Outcome apply(Connection c, List<RenderedStatement> statements, Strategy strategy, DbOptions opts) {
        return strategy == Strategy.IN_PLACE ? inPlace(c, statements, opts) : perFile(c, statements, opts);
    }

    private static Outcome perFile(Connection c, List<RenderedStatement> all, DbOptions opts) {
        Set<Integer> committed = new TreeSet<>();
        int i = 0;
        while (i < all.size()) {
            int start = i;
            String file = all.get(i).file();
            while (i < all.size() && all.get(i).file().equals(file)) {
                i++;
            }
            ApplyResult r = ScriptRunner.apply(c, stmts(all.subList(start, i)), ScriptRunner.Mode.ROLLOUT);
            for (int k = 0; k < r.committed(); k++) {
                committed.add(start + k);
            }
            if (r.ok()) {
                continue;
            }
            StmtFailure f = r.failure().get();
            if (cause(f) != DbErrors.Cause.RESOURCE) {
                return new Outcome(committed, Optional.of(toFailure(f, opts)));
            }
            // the file's locks do not fit the server's lock table in one transaction: as psql does, one
            // transaction per statement (the failed run was rolled back; what committed before it stays)
            for (int k = start + r.committed(); k < i; k++) {
                ApplyResult one = ScriptRunner.apply(c, stmts(all.subList(k, k + 1)), ScriptRunner.Mode.ROLLOUT);
                if (!one.ok()) {
                    return new Outcome(committed, Optional.of(toFailure(one.failure().get(), opts)));
                }
                committed.add(k);
            }
        }
        return new Outcome(committed, Optional.empty());
    }

    private static Outcome inPlace(Connection c, List<RenderedStatement> all, DbOptions opts) {
        Set<String> concurrent = concurrentIndexes(all);
        List<Integer> first = new ArrayList<>();
        List<Integer> concurrently = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            SqlObject o = all.get(i).object();
            if (!o.transactional()) {
                concurrently.add(i);
            } else if (needsConcurrentIndex(o, concurrent)) {
                after.add(i);
            } else {
                first.add(i);
            }
        }
        Set<Integer> committed = new TreeSet<>();
        for (List<Integer> phase : List.of(first, concurrently, after)) {
            if (phase.isEmpty()) {
                continue;
            }
            List<RenderedStatement> part = phase.stream().map(all::get).toList();
            ApplyResult r = ScriptRunner.apply(c, stmts(part), phase == concurrently ? ScriptRunner.Mode.ROLLOUT
                    : ScriptRunner.Mode.TRANSACTIONAL);
            for (int k = 0; k < r.committed(); k++) {
                committed.add(phase.get(k));
            }
            if (!r.ok()) {
                StmtFailure f = r.failure().get();
                if (phase == concurrently) {
                    dropInvalidIndex(c, part.get(f.index()));
                }
                Failure failure = toFailure(f, opts);
                if (cause(f) == DbErrors.Cause.RESOURCE && phase != concurrently) {
                    Diagnostic d = failure.diagnostic();
                    failure = new Failure(failure.statement(), d.withHint(d.hint().map(h -> h + "; ").orElse("")
                            + "--in-place applies in one transaction so that a failure leaves nothing, and this "
                            + "server's lock table is too small for it (nothing was applied): raise "
                            + "max_locks_per_transaction (e.g. 256; needs a restart), or apply install.sql with psql"));
                }
                return new Outcome(committed, Optional.of(failure));
            }
        }
        return new Outcome(committed, Optional.empty());
    }

    /**
     * The warning --in-place gives before applying when the plan has CREATE INDEX CONCURRENTLY: one per index of
     * the spec (a rollout has one statement per partition).
     */
    static List<Diagnostic> inPlaceWarnings(List<RenderedStatement> all) {
        Map<SourcePos, Integer> counts = new LinkedHashMap<>();
        for (RenderedStatement s : all) {
            if (!s.object().transactional()) {
                counts.merge(s.object().origin(), 1, Integer::sum);
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        counts.forEach((pos, n) -> out.add(Diagnostic.warning(pos, Code.SG409, "--in-place: this index is built with "
                + (n == 1 ? "CREATE INDEX CONCURRENTLY" : n + " CREATE INDEX CONCURRENTLY statements (one per partition)")
                + ", which PostgreSQL cannot run inside a transaction; specgen runs it after everything else has "
                + "committed, so if it fails, the rest stays applied").withHint("a failed build's INVALID index is "
                + "dropped; apply again once the cause is fixed (every statement is re-runnable)")));
        return out;
    }

    /** Qualified names ({@code table.index}, as rendered) of the indexes built CONCURRENTLY, keyed by name. */
    private static Set<String> concurrentIndexes(List<RenderedStatement> all) {
        Set<String> out = new TreeSet<>();
        for (RenderedStatement s : all) {
            if (s.object() instanceof SqlObject.CreateIndex x && x.concurrently()) {
                out.add(x.name());
                out.add(schemaOf(x.table()) + "." + x.name());
            }
        }
        return out;
    }

    /** Statements that need an index built CONCURRENTLY: they must come after it. */
    private static boolean needsConcurrentIndex(SqlObject o, Set<String> concurrent) {
        if (concurrent.isEmpty()) {
            return false;
        }
        if (o instanceof SqlObject.AttachIndex) {
            return true; // part of a rollout, whose leaf indexes are built CONCURRENTLY
        }
        if (o instanceof SqlObject.CommentOn c) {
            return c.kind().equals("INDEX") && concurrent.contains(c.target());
        }
        // a foreign key added after the tables may rely on one of its table's unique indexes
        return o instanceof SqlObject.AddForeignKey;
    }

    /** The schema part of a rendered qualified name ({@code analytics.sales} -> {@code analytics}). */
    private static String schemaOf(String qualified) {
        boolean quoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char ch = qualified.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                return qualified.substring(0, i);
            }
        }
        return qualified;
    }

    /** A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind; it is not the user's, so it goes. */
    private static void dropInvalidIndex(Connection c, RenderedStatement s) {
        if (!(s.object() instanceof SqlObject.CreateIndex x)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT x.indexrelid::regclass::text FROM pg_index x "
                + "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass(?) "
                + "AND quote_ident(i.relname) = ? AND NOT x.indisvalid")) {
            ps.setString(1, x.table());
            ps.setString(2, x.name());
            String invalid = null;
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    invalid = rs.getString(1);
                }
            }
            if (invalid != null) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + invalid);
                }
            }
        } catch (SQLException ignored) {
            // the failure itself is reported; the round trip names an INVALID index that is still there
        }
    }

    private static List<Stmt> stmts(List<RenderedStatement> statements) {
        return statements.stream().map(s -> new Stmt(s.sql(), s, !s.object().transactional())).toList();
    }

    private static DbErrors.Cause cause(StmtFailure f) {
        return DbErrors.cause(f.sqlState(), f.message());
    }

    /** undefined_function, undefined_object (a role), invalid_schema_name: see {@link #toFailure}. */
    private static final Set<String> USERS_OBJECT_MISSING = Set.of("42883", "42704", "3F000");

    static Failure toFailure(StmtFailure f, DbOptions opts) {
        RenderedStatement s = (RenderedStatement) f.origin();
        String what = s.object().describe() + " (generated " + s.file() + ")";
        Diagnostic mapped = switch (cause(f)) {
            case STATEMENT -> {
                Diagnostic d = f.toDiagnostic(s.originAt(f.position()));
                Optional<String> hint = d.hint();
                if (USERS_OBJECT_MISSING.contains(f.sqlState()) && hint.isEmpty()) {
                    // a trigger's function, a function a generated column calls, a policy's role: the user's own
                    hint = Optional.of("the spec names something it does not create: it must exist before the "
                            + "install runs; to verify, create it in a script passed with --setup FILE");
                }
                yield new Diagnostic(d.pos(), d.severity(), d.code(), "PostgreSQL rejected " + what + ": "
                        + d.message(), hint);
            }
            case TIMEOUT -> timeout(f, s.object().origin(), "applying " + what, opts);
            case RESOURCE -> resource(f, "applying " + what);
            case CONNECTION -> Diagnostic.error(SourcePos.NONE, Code.SG405, "lost the connection to the database "
                    + "while applying " + what + ": " + f.summary()).withHint("the server stopped or the network "
                    + "failed; check the server log, then run again");
            case READ_ONLY -> Diagnostic.error(SourcePos.NONE, Code.SG405, "the database is read-only: "
                    + f.summary() + " while applying " + what).withHint("a standby, or default_transaction_read_only"
                    + " = on: verify needs a writable database");
        };
        return new Failure(s, mapped);
    }

    /** SG408 at {@code pos} (the object being applied or tested): which timeout, and what to do. */
    static Diagnostic timeout(StmtFailure f, SourcePos pos, String doing, DbOptions opts) {
        boolean lock = f.sqlState().equals("55P03");
        String limit = lock ? "--lock-timeout " + DbOptions.spell(opts.lockTimeout())
                : "--statement-timeout " + DbOptions.spell(opts.statementTimeout());
        return Diagnostic.error(pos, Code.SG408, (lock ? "gave up waiting for a lock" : "a statement ran too long")
                + " (" + limit + ") while " + doing + ": " + f.summary()).withHint(lock
                ? "another session holds a lock on this object (see pg_locks and pg_stat_activity); run again when "
                        + "it is done, or raise --lock-timeout (0 waits forever)"
                : "raise --statement-timeout (0: no limit), or make the work smaller (e.g. the seed_rows hint)");
    }

    /** SG410: the server ran out of something; the statement is named, the spec is not blamed. */
    static Diagnostic resource(StmtFailure f, String doing) {
        String hint = f.hint().map(h -> "PostgreSQL says: " + (h.endsWith(".") ? h.substring(0, h.length() - 1) : h))
                .orElse("");
        if (f.sqlState().equals("53200")) {
            hint = (hint.isEmpty() ? "" : hint + "; ") + "a transaction holds one lock per table, partition and index"
                    + " it touches, and the server has max_locks_per_transaction x max_connections slots";
        }
        return Diagnostic.error(SourcePos.NONE, Code.SG410, "the database server ran out of a resource while "
                + doing + ": " + f.summary()).withHint(hint.isEmpty() ? "check the server's settings and log" : hint);
    }
}
