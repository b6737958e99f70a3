package dev.specgen.check;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.plan.MaintenanceObject;
import dev.specgen.plan.SqlObject;
import dev.specgen.plan.ViewObject;
import dev.specgen.render.RenderedStatement;
import dev.specgen.sql.Keywords;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import dev.specgen.sql.Token.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.AbstractJSqlParser.Dialect;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParserKeywordsUtils;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.extension.CreateExtension;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.function.CreateFunction;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.DoStatement;

/**
 * The static gate: every generated statement must parse with JSqlParser (PostgreSQL dialect, dollar-quote tags on)
 * into the kind of statement its plan record promises. A failure is a specgen bug, reported as SG401 at the spec
 * position of the object. The statements inside our DO blocks are parsed too.
 *
 * <p>What the gate judges is specgen's structure, wherever a template puts comments and blanks: comments are
 * removed with the one SQL lexer ({@link SqlLexer}) before parsing, and shapes JSqlParser has no grammar for are
 * matched token by token. When the statement as written does not parse, its {@link SqlObject#parseStandIn()
 * stand-in} is tried (the user's SQL, which is PostgreSQL's to judge, and names JSqlParser reads as key words
 * replaced), then the stand-in with every string literal replaced by {@code 'specgen'} (JSqlParser misreads
 * {@code E'a\\''b'}; a literal's content cannot change a statement's shape, since the lexer found its end as
 * PostgreSQL does) and words only JSqlParser reserves quoted (a table named {@code use}). Known JSqlParser 5.4 gaps handled explicitly rather than skipped: {@code COMMENT ON INDEX} is
 * parsed in its {@code COMMENT ON TABLE} shape (identical grammar after the object kind); {@code ALTER INDEX ...
 * ATTACH PARTITION}, which JSqlParser only accepts as an unsupported statement, and {@code BEGIN} (no grammar at
 * all) are matched against the forms specgen emits.
 */
public final class ParseCheck implements AutoCloseable {
    /** Words JSqlParser reserves (its {@code <K_...>} tokens that are not non-reserved) and PostgreSQL does not. */
    private static final Set<String> JSQLPARSER_ONLY_KEYWORDS = jsqlParserOnlyKeywords();

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "specgen-jsqlparser");
        t.setDaemon(true);
        return t;
    });

    public List<Diagnostic> check(List<RenderedStatement> statements) {
        List<Diagnostic> out = new ArrayList<>();
        for (RenderedStatement s : statements) {
            problem(s.object(), s.sql(), s.standIn()).ifPresent(msg -> out.add(Diagnostic.error(s.object().origin(),
                    Code.SG401, "generated " + s.object().describe() + " in " + s.file() + " does not parse: " + msg)
                    .withHint("this is a specgen bug; please report it with the spec")));
        }
        return out;
    }

    /**
     * Statements of generated test files: each must parse (as any statement JSqlParser knows, not as an
     * "unsupported" one). {@code origin}/{@code file}/{@code what} name it in the diagnostic.
     */
    public Optional<Diagnostic> checkStatement(String sql, dev.specgen.diag.SourcePos origin, String file,
            String what) {
        if (isBegin(sql)) {
            return Optional.empty();
        }
        String problem;
        try {
            Statement parsed = parseAny(List.of(prepare(sql), withoutLiterals(prepare(sql))));
            if (!(parsed instanceof UnsupportedStatement)) {
                return Optional.empty();
            }
            problem = "JSqlParser does not know this statement";
        } catch (JSQLParserException e) {
            problem = firstLine(e);
        }
        return Optional.of(Diagnostic.error(origin, Code.SG401, "generated " + what + " in " + file
                + " does not parse: " + problem).withHint("this is a specgen bug; please report it with the spec"));
    }

    /**
     * Why {@code sql} is not an acceptable rendering of {@code o}, or empty when it is; {@code standIn} is the
     * rendering of {@code o.parseStandIn()}.
     */
    Optional<String> problem(SqlObject o, String sql, String standIn) {
        if (o instanceof MaintenanceObject mo) {
            return maintenance(mo, sql);
        }
        if (o instanceof SqlObject.BulkFunction) {
            // JSqlParser has no grammar for a plpgsql body: the frame and each statement of the body are checked
            PlpgsqlCheck plpgsql = new PlpgsqlCheck(this::parse);
            Optional<String> asWritten = plpgsql.problem(prepare(sql) + ";");
            return asWritten.isEmpty() || standIn.equals(sql) ? asWritten : plpgsql.problem(prepare(standIn) + ";");
        }
        if (o instanceof SqlObject.AttachIndex) {
            return isAttach(sql) ? Optional.empty()
                    : Optional.of("not of the form ALTER INDEX <parent> ATTACH PARTITION <child>");
        }
        if (o instanceof ViewObject vo) {
            // the clauses of view statements that JSqlParser 5.4 lacks, taken out (ViewStatements)
            sql = ViewStatements.neutral(vo, sql);
            standIn = ViewStatements.neutral(vo, standIn);
        }
        Statement parsed;
        try {
            parsed = parseAny(List.of(prepare(sql), prepare(standIn), withoutLiterals(prepare(standIn))));
        } catch (JSQLParserException e) {
            return Optional.of(firstLine(e));
        }
        Class<? extends Statement> want = expected(o);
        if (!want.isInstance(parsed) || parsed instanceof UnsupportedStatement) {
            return Optional.of("parsed as " + parsed.getClass().getSimpleName() + ", expected "
                    + want.getSimpleName());
        }
        if (o instanceof ViewObject vo) {
            return ViewStatements.inner(vo, this::parsesAs);
        }
        if (parsed instanceof DoStatement) {
            Optional<String> inner = doBody(sql);
            if (inner.isEmpty()) {
                return Optional.of("DO block is not of the form BEGIN <statement>; EXCEPTION WHEN ... END");
            }
            try {
                parseAny(List.of(prepare(inner.get()), withoutLiterals(prepare(inner.get()))));
            } catch (JSQLParserException e) {
                return Optional.of("statement inside the DO block: " + firstLine(e));
            }
        }
        return Optional.empty();
    }

    /**
     * Maintenance objects: the log table is a CREATE TABLE, the function a CREATE FUNCTION (its PL/pgSQL body is
     * PostgreSQL's to judge: the live check compiles and runs it), the schedule a DO block.
     */
    private Optional<String> maintenance(MaintenanceObject o, String sql) {
        Class<? extends Statement> want = o instanceof MaintenanceObject.CreateMaintenanceLog ? CreateTable.class
                : o instanceof MaintenanceObject.MaintainFunction || o instanceof MaintenanceObject.HealthFunction
                ? CreateFunction.class : DoStatement.class;
        try {
            Statement parsed = parse(prepare(sql));
            return want.isInstance(parsed) ? Optional.empty() : Optional.of("parsed as "
                    + parsed.getClass().getSimpleName() + ", expected " + want.getSimpleName());
        } catch (JSQLParserException e) {
            return Optional.of(firstLine(e));
        }
    }

    /** The first of {@code texts} that parses (distinct ones only); the last failure when none does. */
    private Statement parseAny(List<String> texts) throws JSQLParserException {
        JSQLParserException last = null;
        for (String text : new java.util.LinkedHashSet<>(texts)) {
            try {
                return parseQuotingNames(text);
            } catch (JSQLParserException e) {
                last = e;
            }
        }
        throw last;
    }

    /** {@code text} parsed, or else with names JSqlParser reads as key words quoted ({@link GateNames}). */
    private Statement parseQuotingNames(String text) throws JSQLParserException {
        try {
            return parse(text);
        } catch (JSQLParserException e) {
            String quoted = GateNames.quoted(text);
            if (quoted.equals(text)) {
                throw e;
            }
            try {
                return parse(quoted);
            } catch (JSQLParserException again) {
                throw e;
            }
        }
    }

    /**
     * The statement inside {@code DO $tag$ BEGIN <statement>; EXCEPTION WHEN <condition> THEN NULL; END $tag$},
     * comments and blanks anywhere; empty when the block has another shape.
     */
    static Optional<String> doBody(String sql) {
        List<Token> outer = SqlLexer.significant(sql);
        if (outer.size() < 2 || !outer.get(0).is(sql, "DO") || outer.get(1).kind() != Kind.DOLLAR_STRING
                || !outer.get(1).complete() || outer.size() > 3
                || outer.size() == 3 && outer.get(2).kind() != Kind.SEMICOLON) {
            return Optional.empty();
        }
        String body = SqlLexer.dollarBody(sql, outer.get(1));
        List<Token> t = SqlLexer.significant(body);
        int semi = 0;
        while (semi < t.size() && t.get(semi).kind() != Kind.SEMICOLON) {
            semi++;
        }
        List<String> rest = t.subList(Math.min(semi + 1, t.size()), t.size()).stream()
                .map(x -> x.text(body).toUpperCase(Locale.ROOT)).toList();
        boolean shape = semi >= 2 && t.get(0).is(body, "BEGIN") && rest.size() >= 7
                && rest.subList(0, 2).equals(List.of("EXCEPTION", "WHEN"))
                && t.get(semi + 3).kind() == Kind.IDENTIFIER
                && rest.subList(3, 7).equals(List.of("THEN", "NULL", ";", "END"))
                && (rest.size() == 7 || rest.size() == 8 && rest.get(7).equals(";"));
        return shape ? Optional.of(body.substring(t.get(1).start(), t.get(semi).start())) : Optional.empty();
    }

    /** {@code ALTER INDEX <name> ATTACH PARTITION <name>}, names optionally qualified, comments and blanks anywhere. */
    static boolean isAttach(String sql) {
        List<Token> t = SqlLexer.significant(sql);
        int k = words(sql, t, 0, "ALTER", "INDEX");
        k = name(t, k);
        k = words(sql, t, k, "ATTACH", "PARTITION");
        k = name(t, k);
        if (k >= 0 && k < t.size() && t.get(k).kind() == Kind.SEMICOLON) {
            k++;
        }
        return k == t.size();
    }

    /** {@code BEGIN} alone (what tests/begin.ftl emits), comments and blanks anywhere. */
    static boolean isBegin(String sql) {
        List<Token> t = SqlLexer.significant(sql);
        int k = words(sql, t, 0, "BEGIN");
        return k == t.size() || k == t.size() - 1 && t.get(k).kind() == Kind.SEMICOLON;
    }

    private static int words(String sql, List<Token> t, int k, String... words) {
        for (String w : words) {
            if (k < 0 || k >= t.size() || !t.get(k).is(sql, w)) {
                return -1;
            }
            k++;
        }
        return k;
    }

    /** After a (qualified) name starting at {@code k}: identifiers or quoted identifiers joined by dots. */
    private static int name(List<Token> t, int k) {
        if (k < 0) {
            return -1;
        }
        while (true) {
            if (k >= t.size() || t.get(k).kind() != Kind.IDENTIFIER && t.get(k).kind() != Kind.QUOTED_IDENTIFIER) {
                return -1;
            }
            k++;
            if (k < t.size() && t.get(k).kind() == Kind.DOT) {
                k++;
            } else {
                return k;
            }
        }
    }

    /** Why {@code sql} does not parse as {@code kind}, or empty when it does (for statements inside others). */
    Optional<String> parsesAs(String sql, Class<? extends Statement> kind) {
        try {
            Statement st = parse(sql);
            return kind.isInstance(st) && !(st instanceof UnsupportedStatement) ? Optional.empty()
                    : Optional.of("parsed as " + st.getClass().getSimpleName() + ", expected " + kind.getSimpleName());
        } catch (JSQLParserException e) {
            return Optional.of(firstLine(e));
        }
    }

    private static Class<? extends Statement> expected(SqlObject o) {
        if (o instanceof ViewObject vo) {
            return ViewStatements.expected(vo);
        }
        if (o instanceof SqlObject.CreateSchema) {
            return CreateSchema.class;
        } else if (o instanceof SqlObject.CreateExtension) {
            return CreateExtension.class;
        } else if (o instanceof SqlObject.CreateTable || o instanceof SqlObject.CreatePartition) {
            return CreateTable.class;
        } else if (o instanceof SqlObject.CreateIndex) {
            return CreateIndex.class;
        } else if (o instanceof SqlObject.CommentOn) {
            return Comment.class;
        } else if (o instanceof SqlObject.CreateEnum || o instanceof SqlObject.AddForeignKey) {
            return DoStatement.class;
        }
        return UnsupportedStatement.class;
    }

    private Statement parse(String sql) throws JSQLParserException {
        return CCJSqlParserUtil.parse(sql, executor, ParseCheck::configure);
    }

    private static void configure(CCJSqlParser p) {
        p.withDialect(Dialect.POSTGRESQL)
                .withDollarQuotedStringTags(true)
                .withFeature(Feature.allowPostgresSpecificSyntax, true)
                .withTimeOut(10_000);
    }

    /**
     * What JSqlParser gets: comments (a template's licence header, a note line) turned into blanks, the final
     * {@code ;} dropped, and {@code COMMENT ON INDEX / VIEW / MATERIALIZED VIEW} spelled {@code COMMENT ON TABLE}.
     */
    static String prepare(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<Token> tokens = SqlLexer.tokens(sql);
        List<Token> significant = tokens.stream().filter(t -> !t.kind().isBlank()).toList();
        boolean commentOn = significant.size() > 3 && significant.get(0).is(sql, "COMMENT")
                && significant.get(1).is(sql, "ON");
        // COMMENT ON INDEX / VIEW / MATERIALIZED VIEW: the TABLE grammar follows the object kind
        boolean otherKind = commentOn && (significant.get(2).is(sql, "INDEX") || significant.get(2).is(sql, "VIEW"));
        boolean matView = commentOn && significant.get(2).is(sql, "MATERIALIZED") && significant.get(3).is(sql, "VIEW");
        for (Token t : tokens) {
            if (t.kind() == Kind.LINE_COMMENT || t.kind() == Kind.BLOCK_COMMENT) {
                out.append(' ');
            } else if ((otherKind || matView) && t == significant.get(2)) {
                out.append("TABLE");
            } else if (matView && t == significant.get(3)) {
                out.append(' ');
            } else {
                out.append(t.text(sql));
            }
        }
        String s = out.toString().strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    /**
     * {@code sql} with every string literal (not dollar-quoted bodies) replaced by {@code 'specgen'}, and every word
     * JSqlParser reserves that PostgreSQL does not know as a key word quoted: in PostgreSQL such a word can only be a
     * name ({@code auth.use}, a table named {@code use}), which JSqlParser would read as its key word.
     */
    static String withoutLiterals(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (Token t : SqlLexer.tokens(sql)) {
            boolean literal = t.kind().isString() && t.kind() != Kind.DOLLAR_STRING;
            boolean jsqlOnly = t.kind() == Kind.IDENTIFIER
                    && JSQLPARSER_ONLY_KEYWORDS.contains(t.text(sql).toLowerCase(Locale.ROOT));
            out.append(literal ? "'specgen'" : jsqlOnly ? "\"" + t.text(sql) + "\"" : t.text(sql));
        }
        return out.toString();
    }

    private static Set<String> jsqlParserOnlyKeywords() {
        Set<String> nonReserved = new HashSet<>();
        ParserKeywordsUtils.getNonReservedKeywords().forEach(k -> nonReserved.add(k.toLowerCase(Locale.ROOT)));
        Set<String> out = new HashSet<>();
        for (String image : CCJSqlParserConstants.tokenImage) {
            if (image.startsWith("<K_") && image.endsWith(">")) {
                String word = image.substring(3, image.length() - 1).toLowerCase(Locale.ROOT);
                if (!nonReserved.contains(word) && !Keywords.ALL.contains(word)) {
                    out.add(word);
                }
            }
        }
        return Set.copyOf(out);
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            m = e.getCause().getMessage();
        }
        return m.strip().split("\n")[0];
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
