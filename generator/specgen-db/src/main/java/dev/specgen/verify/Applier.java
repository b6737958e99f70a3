package dev.specgen.verify;

import dev.specgen.db.ApplyResult;
import dev.specgen.db.ScriptRunner;
import dev.specgen.db.Stmt;
import dev.specgen.db.StmtFailure;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.render.RenderedStatement;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * Applies rendered statements in install order with {@link ScriptRunner.Mode#ROLLOUT}, exactly as psql runs
 * install.sql: runs of transactional statements in one transaction each (on failure PostgreSQL rolls the run back),
 * statements PostgreSQL refuses inside a transaction block (CREATE INDEX CONCURRENTLY of the rollout form) alone in
 * autocommit between them. A failure is mapped back to the spec: the object's position, refined to the field when
 * PostgreSQL's error position lies in the text of a column or constraint of a CREATE TABLE (found by rendering,
 * whatever layout an override template has).
 */
final class Applier {
    private Applier() {
    }

    /** How many statements (a prefix of the list) are committed, and the failure that stopped the rest, if any. */
    record Outcome(int committed, Optional<Failure> failure) {
    }

    /** The failing statement and its diagnostic. */
    record Failure(RenderedStatement statement, Diagnostic diagnostic) {
    }

    static Outcome apply(Connection c, List<RenderedStatement> statements) {
        List<Stmt> stmts = statements.stream().map(s -> new Stmt(s.sql(), s, !s.object().transactional())).toList();
        ApplyResult r = ScriptRunner.apply(c, stmts, ScriptRunner.Mode.ROLLOUT);
        return new Outcome(r.committed(), r.failure().map(Applier::toFailure));
    }

    static Failure toFailure(StmtFailure f) {
        RenderedStatement s = (RenderedStatement) f.origin();
        SourcePos pos = s.originAt(f.position());
        Diagnostic d = f.toDiagnostic(pos);
        String where = "PostgreSQL rejected " + s.object().describe() + " (generated " + s.file() + "): ";
        Diagnostic mapped = new Diagnostic(d.pos(), d.severity(), d.code(), where + d.message(), d.hint());
        return new Failure(s, mapped);
    }
}
