package dev.specgen.testgen;

import dev.specgen.diag.SourcePos;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import java.util.List;
import java.util.Objects;

/**
 * One statement of a generated test file, for the static parse check: its SQL (no comments, no terminating
 * semicolon) and its tokens ({@link SqlLexer#tokens} of the SQL: the splitter's, so the gate does not lex it again),
 * the spec position of the step it comes from, the file, and the step's template ({@code tests/begin},
 * {@code tests/pruning}, ...) to tell statement kinds apart.
 */
public record TestStatement(String sql, List<Token> tokens, SourcePos origin, String file, String step) {
    public TestStatement {
        Objects.requireNonNull(sql, "sql == null");
        Objects.requireNonNull(tokens, "tokens == null");
        Objects.requireNonNull(origin, "origin == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(step, "step == null");
    }

    /** A statement lexed here. */
    public TestStatement(String sql, SourcePos origin, String file, String step) {
        this(sql, SqlLexer.tokens(Objects.requireNonNull(sql, "sql == null")), origin, file, step);
    }
}
