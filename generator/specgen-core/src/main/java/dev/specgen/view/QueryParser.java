package dev.specgen.view;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.AbstractJSqlParser.Dialect;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.statement.Statements;

/**
 * JSqlParser with the PostgreSQL dialect, for the SQL a view spec holds: whole queries and single expressions. A
 * parse runs on its own thread with a time limit, so hostile input cannot hang a run. Positions are 1-based line
 * and column within the parsed text.
 */
final class QueryParser implements AutoCloseable {
    /** Where a parse failed, 1-based within the text (0 when JSqlParser does not say). */
    record Failure(String message, int line, int column) {
    }

    static final class ParseFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Failure failure;

        ParseFailure(Failure failure) {
            super(failure.message());
            this.failure = failure;
        }
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "specgen-view-parser");
        t.setDaemon(true);
        return t;
    });

    Statements statements(String sql) throws ParseFailure {
        try {
            return CCJSqlParserUtil.parseStatements(sql, executor, QueryParser::configure);
        } catch (JSQLParserException e) {
            throw new ParseFailure(failure(e));
        }
    }

    /** One expression, all of {@code sql} (a trailing remainder is a failure). */
    Expression expression(String sql) throws ParseFailure {
        try {
            return CCJSqlParserUtil.parseExpression(sql, false, QueryParser::configure);
        } catch (JSQLParserException e) {
            throw new ParseFailure(failure(e));
        }
    }

    /** One condition, all of {@code sql}. */
    Expression condition(String sql) throws ParseFailure {
        try {
            return CCJSqlParserUtil.parseCondExpression(sql, false, QueryParser::configure);
        } catch (JSQLParserException e) {
            throw new ParseFailure(failure(e));
        }
    }

    private static void configure(CCJSqlParser p) {
        p.withDialect(Dialect.POSTGRESQL)
                .withDollarQuotedStringTags(true)
                .withFeature(Feature.allowPostgresSpecificSyntax, true)
                .withTimeOut(10_000);
    }

    private static Failure failure(JSQLParserException e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage()).strip().split("\n")[0]
                .replaceFirst("^net\\.sf\\.jsqlparser\\.parser\\.ParseException: ", "")
                .replaceFirst(", in lexical state \\w+\\.?$", "");
        if (t instanceof net.sf.jsqlparser.parser.ParseException pe && pe.currentToken != null
                && pe.currentToken.next != null) {
            Token at = pe.currentToken.next;
            return new Failure(m, at.beginLine, at.beginColumn);
        }
        java.util.regex.Matcher lc = java.util.regex.Pattern.compile("line (\\d+), column (\\d+)").matcher(m);
        return lc.find() ? new Failure(m, Integer.parseInt(lc.group(1)), Integer.parseInt(lc.group(2)))
                : new Failure(m, 0, 0);
    }

    /** 1-based line and column where {@code o} starts in the parsed text, when JSqlParser kept it. */
    static Optional<int[]> start(Object o) {
        if (o instanceof ASTNodeAccess a && a.getASTNode() != null && a.getASTNode().jjtGetFirstToken() != null) {
            Token t = a.getASTNode().jjtGetFirstToken();
            return Optional.of(new int[] {t.beginLine, t.beginColumn});
        }
        return Optional.empty();
    }

    /**
     * The text of {@code e} exactly as written in {@code source} (the spec's own spelling), or JSqlParser's
     * rendering of it when the parser kept no positions or the cut does not read back as the same expression.
     */
    String original(String source, Expression e) {
        Node n = e == null ? null : e.getASTNode();
        if (n != null && n.jjtGetFirstToken() != null && n.jjtGetLastToken() != null) {
            Token first = n.jjtGetFirstToken();
            Token last = n.jjtGetLastToken();
            int s = offset(source, first.beginLine, first.beginColumn);
            int end = offset(source, last.endLine, last.endColumn) + 1;
            if (s >= 0 && end > s && end <= source.length()) {
                String cut = source.substring(s, end);
                try {
                    if (expression(cut).toString().equals(e.toString())) {
                        return cut;
                    }
                } catch (ParseFailure ignored) {
                    // not a clean cut: fall back to the parser's rendering
                }
            }
        }
        return e.toString();
    }

    private static int offset(String text, int line, int column) {
        int off = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', off);
            if (nl < 0) {
                return -1;
            }
            off = nl + 1;
        }
        return off + column - 1;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
