package dev.specgen.verify;

import dev.specgen.db.ApplyResult;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.Stmt;
import dev.specgen.db.StmtFailure;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject;
import dev.specgen.render.RenderedStatement;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies rendered statements in install order. Runs of transactional statements go in one transaction each (on
 * failure PostgreSQL rolls the run back); statements PostgreSQL refuses inside a transaction block (CREATE INDEX
 * CONCURRENTLY of the rollout form) run in autocommit between them, exactly as psql would run install.sql. A
 * failure is mapped back to the spec: the object's position, refined to the field when the error is inside a
 * column or constraint line of a CREATE TABLE.
 */
final class Applier {
    private Applier() {
    }

    /** Returns the failure as a diagnostic, or empty when everything applied. */
    static Optional<Failure> apply(Connection c, List<RenderedStatement> statements) {
        List<Stmt> run = new ArrayList<>();
        boolean runTransactional = true;
        for (RenderedStatement s : statements) {
            boolean tx = s.object().transactional();
            if (!run.isEmpty() && tx != runTransactional) {
                Optional<Failure> f = flush(c, run, runTransactional);
                if (f.isPresent()) {
                    return f;
                }
                run.clear();
            }
            runTransactional = tx;
            run.add(new Stmt(s.sql(), s, !tx));
        }
        return run.isEmpty() ? Optional.empty() : flush(c, run, runTransactional);
    }

    /** The failing statement and its diagnostic. */
    record Failure(RenderedStatement statement, Diagnostic diagnostic) {
    }

    private static Optional<Failure> flush(Connection c, List<Stmt> run, boolean transactional) {
        ApplyResult r = ScriptRunner.apply(c, List.copyOf(run),
                transactional ? ScriptRunner.Mode.TRANSACTIONAL : ScriptRunner.Mode.ROLLOUT);
        return r.failure().map(Applier::toFailure);
    }

    static Failure toFailure(StmtFailure f) {
        RenderedStatement s = (RenderedStatement) f.origin();
        SourcePos pos = origin(s.object(), f.lineInStatement());
        Diagnostic d = f.toDiagnostic(pos);
        String where = "PostgreSQL rejected " + s.object().describe() + " (generated " + s.file() + "): ";
        Diagnostic mapped = new Diagnostic(d.pos(), d.severity(), d.code(), where + d.message(), d.hint());
        return new Failure(s, mapped);
    }

    static SourcePos origin(SqlObject o, int lineInStatement) {
        if (o instanceof SqlObject.CreateTable t) {
            return t.originOfLine(lineInStatement);
        }
        return o.origin();
    }
}
