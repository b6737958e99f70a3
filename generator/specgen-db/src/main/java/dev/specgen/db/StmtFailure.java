package dev.specgen.db;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import dev.specgen.sql.SqlSplitter;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Why a statement failed, as PostgreSQL said it.
 *
 * @param index    0-based index of the statement in the list that was applied
 * @param stmt     the failing statement (its {@link Stmt#origin()} is the caller's tag)
 * @param sqlState SQLSTATE, e.g. {@code 42P07}; {@code 25001} when the runner refused a non-transactional statement
 * @param message  PostgreSQL's primary message, e.g. {@code relation "x" already exists}
 * @param position 1-based character position of the error inside {@code stmt.sql()}, 0 when unknown
 */
public record StmtFailure(int index, Stmt stmt, String sqlState, String message, Optional<String> detail,
        Optional<String> hint, Optional<String> where, int position) {

    public StmtFailure {
        Objects.requireNonNull(stmt, "stmt == null");
        Objects.requireNonNull(sqlState, "sqlState == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(detail, "detail == null");
        Objects.requireNonNull(hint, "hint == null");
        Objects.requireNonNull(where, "where == null");
    }

    static StmtFailure of(int index, Stmt stmt, SQLException e) {
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (m == null) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            return new StmtFailure(index, stmt, state, DbErrors.oneLine(e), Optional.empty(), Optional.empty(),
                    Optional.empty(), 0);
        }
        return new StmtFailure(index, stmt, nz(m.getSQLState()), nz(m.getMessage()), opt(m.getDetail()),
                opt(m.getHint()), opt(m.getWhere()), m.getPosition());
    }

    static StmtFailure refused(int index, Stmt stmt) {
        return new StmtFailure(index, stmt, "25001",
                Stmt.firstLine(stmt.sql()) + " cannot run inside a transaction block",
                Optional.empty(), Optional.of("apply it in rollout mode (autocommit), not in the transactional check"),
                Optional.empty(), 0);
    }

    public Object origin() {
        return stmt.origin();
    }

    /** 1-based line of the error inside the statement text (1 when the position is unknown). */
    public int lineInStatement() {
        return 1 + SqlSplitter.lineOffset(stmt.sql(), position);
    }

    /** 1-based column of the error inside its line of the statement text (0 when unknown). */
    public int columnInStatement() {
        if (position <= 0) {
            return 0;
        }
        int end = Math.min(position - 1, stmt.sql().length());
        int nl = stmt.sql().lastIndexOf('\n', end - 1);
        return end - nl;
    }

    /** {@code relation "x" already exists (42P07)}: the message as specgen prints it. */
    public String summary() {
        return sqlState.isEmpty() ? message : message + " (" + sqlState + ")";
    }

    /** An SG402 diagnostic at {@code pos}, with PostgreSQL's detail and hint folded into the hint line. */
    public Diagnostic toDiagnostic(SourcePos pos) {
        Diagnostic d = Diagnostic.error(pos, Code.SG402, summary());
        StringBuilder h = new StringBuilder();
        detail.ifPresent(x -> h.append(x));
        hint.ifPresent(x -> h.append(h.length() > 0 ? "; " : "").append(x));
        return h.length() == 0 ? d : d.withHint(h.toString());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Optional<String> opt(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
