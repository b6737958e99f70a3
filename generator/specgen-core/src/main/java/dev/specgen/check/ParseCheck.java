package dev.specgen.check;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.plan.MaintenanceObject;
import dev.specgen.plan.SequenceObject;
import dev.specgen.plan.SqlObject;
import dev.specgen.plan.TableFeatureObject;
import dev.specgen.plan.TypeObject;
import dev.specgen.plan.ViewObject;
import dev.specgen.Parallel;
import dev.specgen.render.RenderedStatement;
import dev.specgen.sql.Keywords;
import dev.specgen.sql.PackedTokens;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import dev.specgen.sql.Token.Kind;
import dev.specgen.testgen.TestStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
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
 *
 * <p>Speed (issue 12): JSqlParser judges the first text of each {@link Shapes shape}, and every later text of that
 * shape gets the same verdict (the same tokens to JSqlParser, differing only in names, numbers and strings it
 * carries along); a text no shape fits is parsed on its own. Parses run on the calling thread, so the gate may be
 * run from several threads at once; an instance keeps its verdicts for its lifetime (one run).
 */
public final class ParseCheck implements AutoCloseable {
    /** Words JSqlParser reserves (its {@code <K_...>} tokens that are not non-reserved) and PostgreSQL does not. */
    private static final Set<String> JSQLPARSER_ONLY_KEYWORDS = jsqlParserOnlyKeywords();

    /** How long JSqlParser may take for one text (its own default; backtracking on some expressions is slow). */
    static final long TIMEOUT_MS = 10_000;
    /**
     * Parentheses nested deeper than this are not given to JSqlParser: its time grows steeply with nesting (0.1 s at
     * 200 levels, seconds at 1,000, then its stack overflows). specgen's own statements nest a few levels; deeper
     * text is a spec's expression, which the stand-in replaces.
     */
    static final int MAX_NESTING = 200;
    /** Verdicts kept per shape at most; past this, texts of new shapes are parsed without being remembered. */
    private static final int MAX_SHAPES = 100_000;

    private final Shapes shapes = new Shapes();
    /** False only to compare: every text parsed, as before shapes (the tests prove both give the same verdicts). */
    private final boolean byShape;
    /** What JSqlParser made of the first text of each shape ({@link Shapes}): a statement class, or a failure. */
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    /** {@code kind} is null for a text JSqlParser rejected. */
    private record Verdict(Class<? extends Statement> kind) {
        static final Verdict FAILED = new Verdict(null);
    }

    public ParseCheck() {
        this(true);
    }

    ParseCheck(boolean byShape) {
        this.byShape = byShape;
    }

    /** Statements checked per batch on all cores: large, since nothing stops a batch early. */
    private static final int BATCH = 1024;

    /** The problem of each DDL statement, in order; statements are checked on all cores. */
    public List<Diagnostic> check(List<RenderedStatement> statements) {
        return each(statements).stream().flatMap(Optional::stream).toList();
    }

    /** {@link #check}, one entry per statement (empty when it passes). */
    List<Optional<Diagnostic>> each(List<RenderedStatement> statements) {
        return Parallel.map(statements, BATCH, s -> problem(s.object(), s.sql(), s.standIn())
                .map(msg -> Diagnostic.error(s.object().origin(), Code.SG401, "generated " + s.object().describe()
                        + " in " + s.file() + " does not parse: " + msg)
                        .withHint("this is a specgen bug; please report it with the spec")), x -> { });
    }

    /** {@link #checkStatement} of every statement of generated test files, on all cores, in order. */
    public List<Diagnostic> checkTests(List<TestStatement> statements) {
        return eachTest(statements).stream().flatMap(Optional::stream).toList();
    }

    /** {@link #checkTests}, one entry per statement (empty when it passes). */
    List<Optional<Diagnostic>> eachTest(List<TestStatement> statements) {
        return Parallel.map(statements, BATCH, t -> checkStatement(t.sql(), t.tokens(), t.origin(), t.file(),
                t.step() + " statement"), x -> { });
    }

    /**
     * Statements of generated test files: each must parse (as any statement JSqlParser knows, not as an
     * "unsupported" one). {@code origin}/{@code file}/{@code what} name it in the diagnostic.
     */
    public Optional<Diagnostic> checkStatement(String sql, dev.specgen.diag.SourcePos origin, String file,
            String what) {
        return checkStatement(sql, SqlLexer.packed(sql), origin, file, what);
    }

    /** {@link #checkStatement(String, dev.specgen.diag.SourcePos, String, String)}, {@code sql} already lexed. */
    Optional<Diagnostic> checkStatement(String sql, List<Token> tokens, dev.specgen.diag.SourcePos origin,
            String file, String what) {
        Candidate written = candidate(sql, PackedTokens.of(tokens));
        if (isBegin(sql, written.tokens())) {
            return Optional.empty();
        }
        String problem;
        try {
            Class<? extends Statement> parsed = parseAny(written, List.of(() -> withoutLiterals(written.text())));
            if (!UnsupportedStatement.class.equals(parsed)) {
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
            PlpgsqlCheck plpgsql = new PlpgsqlCheck(this::parseQuotingNames);
            Optional<String> asWritten = plpgsql.problem(prepare(sql) + ";");
            return asWritten.isEmpty() || standIn.equals(sql) ? asWritten : plpgsql.problem(prepare(standIn) + ";");
        }
        if (o instanceof SequenceObject so) {
            // JSqlParser 5.4 has no IF NOT EXISTS for sequences: the rest of the statement is what it judges
            return parsesAs(prepare(sql.replaceFirst("^CREATE SEQUENCE IF NOT EXISTS ", "CREATE SEQUENCE ")),
                    so instanceof SequenceObject.CreateSequence ? CreateSequence.class : AlterSequence.class);
        }
        if (o instanceof TableFeatureObject f) {
            return tableFeature(f, sql);
        }
        if (o instanceof TypeObject t) {
            return TypeGate.problem(t, sql);
        }
        if (o instanceof SqlObject.AttachIndex a && a.onlyWhileAttached()) {
            return guardedAttach(sql);
        }
        if (o instanceof SqlObject.AttachIndex) {
            return isAttach(sql) ? Optional.empty()
                    : Optional.of("not of the form ALTER INDEX <parent> ATTACH PARTITION <child>");
        }
        String text = sql;
        String substitute = standIn;
        if (o instanceof ViewObject vo) {
            // the clauses of view statements that JSqlParser 5.4 lacks, taken out (ViewStatements)
            text = ViewStatements.neutral(vo, sql);
            substitute = ViewStatements.neutral(vo, standIn);
        }
        String neutralStandIn = substitute;
        Class<? extends Statement> parsed;
        try {
            parsed = parseAny(candidate(text), List.of(() -> neutralStandIn,
                    () -> withoutLiterals(prepare(neutralStandIn))));
        } catch (JSQLParserException e) {
            return Optional.of(firstLine(e));
        }
        Class<? extends Statement> want = expected(o);
        if (!want.isAssignableFrom(parsed) || UnsupportedStatement.class.isAssignableFrom(parsed)) {
            return Optional.of("parsed as " + parsed.getSimpleName() + ", expected " + want.getSimpleName());
        }
        if (o instanceof ViewObject vo) {
            return ViewStatements.inner(vo, this::parsesAs);
        }
        if (DoStatement.class.isAssignableFrom(parsed)) {
            Optional<String> inner = doBody(sql);
            if (inner.isEmpty()) {
                return Optional.of("DO block is not of the form BEGIN <statement>; EXCEPTION WHEN ... END");
            }
            try {
                Candidate body = candidate(inner.get());
                // the stand-in's body has the spec's expressions neutralised (a CHECK added NOT VALID in a DO block):
                // they are PostgreSQL's to judge, as everywhere else
                String standInBody = doBody(neutralStandIn).orElse(inner.get());
                parseAny(body, List.of(() -> withoutLiterals(body.text()), () -> standInBody,
                        () -> withoutLiterals(prepare(standInBody))));
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
                        || o instanceof MaintenanceObject.HealthOfSchema
                ? CreateFunction.class : DoStatement.class;
        try {
            Statement parsed = parseQuotingNames(prepare(sql));
            return want.isInstance(parsed) ? Optional.empty() : Optional.of("parsed as "
                    + parsed.getClass().getSimpleName() + ", expected " + want.getSimpleName());
        } catch (JSQLParserException e) {
            return Optional.of(firstLine(e));
        }
    }

    /**
     * A statement as written, cut by the lexer once: what JSqlParser gets ({@link #prepare}) and the shape that
     * stands for it in the verdicts (empty when it has none).
     */
    private static final class Candidate {
        private final String written;
        private final PackedTokens tokens;
        private final Optional<String> shape;
        private String text;

        Candidate(String written, PackedTokens tokens, Optional<String> shape) {
            this.written = written;
            this.tokens = tokens;
            this.shape = shape;
        }

        String written() {
            return written;
        }

        PackedTokens tokens() {
            return tokens;
        }

        Optional<String> shape() {
            return shape;
        }

        /** Made only when JSqlParser is to parse it: most candidates get their shape's verdict. */
        String text() {
            if (text == null) {
                text = prepare(written, tokens);
            }
            return text;
        }
    }

    private Candidate candidate(String written) {
        return candidate(written, SqlLexer.packed(written));
    }

    private Candidate candidate(String written, PackedTokens tokens) {
        return new Candidate(written, tokens, shapes.of(written, tokens));
    }

    /**
     * The kind of statement JSqlParser makes of {@code first}, or else of the first of {@code others} that parses
     * (each computed only when needed; ones already tried are skipped); the last failure when none does. A text
     * whose shape JSqlParser already judged gets that verdict without being parsed again.
     */
    private Class<? extends Statement> parseAny(Candidate first, List<Supplier<String>> others)
            throws JSQLParserException {
        // a handful at most, compared only with each other: no hash of every statement's text
        List<String> tried = new ArrayList<>(1 + others.size());
        List<Candidate> texts = new ArrayList<>(1 + others.size());
        Candidate c = first;
        for (int i = 0; ; i++) {
            if (!tried.contains(c.written())) {
                tried.add(c.written());
                texts.add(c);
                Class<? extends Statement> kind = verdict(c);
                if (kind != null) {
                    return kind;
                }
            }
            if (i == others.size()) {
                break;
            }
            c = candidate(others.get(i).get());
        }
        // none parses (a specgen bug, or an override template's): parse them again for JSqlParser's own message
        JSQLParserException last = null;
        for (String text : new LinkedHashSet<>(texts.stream().map(Candidate::text).toList())) {
            try {
                return parseQuotingNames(text).getClass();
            } catch (JSQLParserException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The kind of statement JSqlParser makes of the candidate's text, or null when it rejects it. */
    private Class<? extends Statement> verdict(Candidate c) {
        Verdict v = byShape ? c.shape().map(verdicts::get).orElse(null) : null;
        if (v == null) {
            try {
                v = new Verdict(parseQuotingNames(c.text()).getClass());
            } catch (JSQLParserException e) {
                v = Verdict.FAILED;
            }
            if (c.shape().isPresent() && verdicts.size() < MAX_SHAPES) {
                verdicts.putIfAbsent(c.shape().get(), v);
            }
        }
        return v.kind();
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

    /** The body of {@code DO $tag$ ... $tag$} (an optional {@code ;} after it), or empty for any other statement. */
    private static Optional<String> dollarBlock(String sql) {
        List<Token> outer = SqlLexer.significant(sql);
        if (outer.size() < 2 || !outer.get(0).is(sql, "DO") || outer.get(1).kind() != Kind.DOLLAR_STRING
                || !outer.get(1).complete() || outer.size() > 3
                || outer.size() == 3 && outer.get(2).kind() != Kind.SEMICOLON) {
            return Optional.empty();
        }
        return Optional.of(SqlLexer.dollarBody(sql, outer.get(1)));
    }

    /**
     * The statement inside {@code DO $tag$ BEGIN <statement>; EXCEPTION WHEN <condition> THEN NULL; END $tag$},
     * comments and blanks anywhere; empty when the block has another shape.
     */
    static Optional<String> doBody(String sql) {
        Optional<String> block = dollarBlock(sql);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        String body = block.get();
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

    /**
     * {@code DO $tag$ BEGIN IF <condition> THEN ALTER INDEX <name> ATTACH PARTITION <name>; END IF; END $tag$}: the
     * condition one expression JSqlParser reads as a SELECT's, the statement {@link #isAttach}.
     */
    Optional<String> guardedAttach(String sql) {
        String form = "not of the form DO $$ BEGIN IF <condition> THEN ALTER INDEX <parent> ATTACH PARTITION <child>;"
                + " END IF; END $$";
        Optional<String> block = dollarBlock(sql);
        if (block.isEmpty()) {
            return Optional.of(form);
        }
        String body = block.get();
        List<Token> t = SqlLexer.significant(body);
        int n = t.size();
        int then = -1;
        int alter = -1;
        for (int k = 0; k < n; k++) {
            if (then < 0 && t.get(k).is(body, "THEN")) {
                then = k;
            }
            if (then >= 0 && alter < 0 && t.get(k).is(body, "ALTER")) {
                alter = k;
            }
        }
        boolean shape = n >= 12 && t.get(0).is(body, "BEGIN") && t.get(1).is(body, "IF") && then > 2
                && alter == then + 1 && t.get(n - 1 - (t.get(n - 1).kind() == Kind.SEMICOLON ? 1 : 0)).is(body, "END");
        int end = n - 1 - (t.get(n - 1).kind() == Kind.SEMICOLON ? 1 : 0);
        shape = shape && t.get(end - 1).kind() == Kind.SEMICOLON && t.get(end - 2).is(body, "IF")
                && t.get(end - 3).is(body, "END") && t.get(end - 4).kind() == Kind.SEMICOLON;
        if (!shape || !isAttach(body.substring(t.get(alter).start(), t.get(end - 4).start()))) {
            return Optional.of(form);
        }
        String condition = body.substring(t.get(2).start(), t.get(then).start());
        try {
            Statement parsed = parseQuotingNames(prepare("SELECT " + condition));
            return parsed instanceof net.sf.jsqlparser.statement.select.Select ? Optional.empty()
                    : Optional.of(form);
        } catch (JSQLParserException e) {
            return Optional.of("the condition: " + firstLine(e));
        }
    }

    /**
     * Table features, by their tokens (JSqlParser 5 knows none of these statements): {@code ALTER TABLE <name> REPLICA
     * IDENTITY ...;}, {@code ALTER TABLE <name> ENABLE|FORCE ROW LEVEL SECURITY;}, a DO block around one {@code CREATE
     * POLICY <name> ON <name> ...;} and {@code CREATE OR REPLACE TRIGGER <name> ... EXECUTE FUNCTION <name>(...);}.
     * The user's expressions in them (USING, WITH CHECK, WHEN) passed the expression frame check (SG221).
     */
    static Optional<String> tableFeature(TableFeatureObject o, String sql) {
        List<Token> t = SqlLexer.significant(sql);
        int n = t.size() - (!t.isEmpty() && t.get(t.size() - 1).kind() == Kind.SEMICOLON ? 1 : 0);
        if (t.subList(0, n).stream().anyMatch(x -> x.kind() == Kind.SEMICOLON)) {
            return Optional.of("more than one statement");
        }
        if (o instanceof TableFeatureObject.SetReplicaIdentity) {
            int k = name(t, words(sql, t, 0, "ALTER", "TABLE"));
            k = words(sql, t, k, "REPLICA", "IDENTITY");
            int end = k < 0 ? -1 : k < n && t.get(k).is(sql, "USING") ? name(t, words(sql, t, k, "USING", "INDEX"))
                    : k + 1;
            return end == n && k < n ? Optional.empty() : Optional.of("not of the form ALTER TABLE <table> REPLICA"
                    + " IDENTITY <identity>");
        }
        if (o instanceof TableFeatureObject.SetRowSecurity) {
            int k = name(t, words(sql, t, 0, "ALTER", "TABLE"));
            k = k < 0 || k >= n ? -1 : words(sql, t, k + 1, "ROW", "LEVEL", "SECURITY");
            return k == n ? Optional.empty() : Optional.of("not of the form ALTER TABLE <table> ENABLE|FORCE ROW"
                    + " LEVEL SECURITY");
        }
        if (o instanceof TableFeatureObject.CreatePolicy) {
            String form = "not of the form DO $$ BEGIN CREATE POLICY <name> ON <table> ...; EXCEPTION WHEN"
                    + " duplicate_object THEN NULL; END $$";
            Optional<String> inner = doBody(sql);
            if (inner.isEmpty()) {
                return Optional.of(form);
            }
            List<Token> b = SqlLexer.significant(inner.get());
            int k = name(b, words(inner.get(), b, 0, "CREATE", "POLICY"));
            k = name(b, words(inner.get(), b, k, "ON"));
            return k > 0 && b.stream().noneMatch(x -> x.kind() == Kind.SEMICOLON) ? Optional.empty()
                    : Optional.of(form);
        }
        int k = name(t, words(sql, t, 0, "CREATE", "OR", "REPLACE", "TRIGGER"));
        int execute = -1;
        for (int i = Math.max(k, 0); i < n; i++) {
            if (t.get(i).is(sql, "EXECUTE")) {
                execute = i;
            }
        }
        int call = name(t, words(sql, t, execute, "EXECUTE", "FUNCTION"));
        boolean shape = k > 0 && call > 0 && call < n && t.get(call).kind() == Kind.OPEN_PAREN
                && t.get(n - 1).kind() == Kind.CLOSE_PAREN;
        return shape ? Optional.empty() : Optional.of("not of the form CREATE OR REPLACE TRIGGER <name> ... EXECUTE"
                + " FUNCTION <function>(...)");
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
        return isBegin(sql, SqlLexer.packed(sql));
    }

    private static boolean isBegin(String sql, PackedTokens tokens) {
        // every test statement comes here: the first significant token decides for nearly all, without a copy
        int seen = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.kind(i).isBlank()) {
                continue;
            }
            boolean fits = seen == 0 ? tokens.is(sql, i, "BEGIN") : seen == 1 && tokens.kind(i) == Kind.SEMICOLON;
            if (!fits) {
                return false;
            }
            seen++;
        }
        return seen > 0;
    }

    static int words(String sql, List<Token> t, int k, String... words) {
        for (String w : words) {
            if (k < 0 || k >= t.size() || !t.get(k).is(sql, w)) {
                return -1;
            }
            k++;
        }
        return k;
    }

    /** After a (qualified) name starting at {@code k}: identifiers or quoted identifiers joined by dots. */
    static int name(List<Token> t, int k) {
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
            Statement st = parseQuotingNames(sql);
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
        if (o instanceof dev.specgen.plan.WorkflowObject wo) {
            if (wo instanceof dev.specgen.plan.WorkflowObject.CreateQueue) {
                return CreateTable.class;
            }
            if (wo instanceof dev.specgen.plan.WorkflowObject.Trigger) {
                return net.sf.jsqlparser.statement.create.trigger.CreateTrigger.class;
            }
            if (wo instanceof dev.specgen.plan.WorkflowObject.StepStatement
                    || wo instanceof dev.specgen.plan.WorkflowObject.Enqueue) {
                return net.sf.jsqlparser.statement.insert.Insert.class;
            }
            return CreateFunction.class;
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
        } else if (o instanceof SqlObject.CreateEnum || o instanceof SqlObject.AddForeignKey
                || o instanceof SqlObject.AddConstraint) {
            return DoStatement.class;
        }
        return UnsupportedStatement.class;
    }

    /**
     * JSqlParser's verdict on one text, as {@code CCJSqlParserUtil.parse} reaches it (a simple parse, then a complex
     * one when that fails and the nesting allows), on the calling thread: its timeout is kept by a shared watchdog
     * that sets the parser's {@code interrupted} flag, as JSqlParser's own executor does, instead of a thread hop
     * per statement.
     */
    private Statement parse(String sql) throws JSQLParserException {
        if (sql.isEmpty()) {
            throw new JSQLParserException("SQL statement must not be null or empty.");
        }
        int nesting = CCJSqlParserUtil.getNestingDepth(sql);
        if (nesting > MAX_NESTING) {
            throw new JSQLParserException("parentheses nested " + nesting + " deep, more than JSqlParser is given ("
                    + MAX_NESTING + ")");
        }
        CCJSqlParser simple = newParser(sql);
        boolean complex = simple.getAsBoolean(Feature.allowComplexParsing);
        int depth = simple.getAsInt(Feature.allowedNestingDepth);
        try {
            return run(simple.withAllowComplexParsing(false));
        } catch (TimedOut e) {
            throw e;
        } catch (JSQLParserException e) {
            if (!complex || depth >= 0 && CCJSqlParserUtil.getNestingDepth(sql) > depth) {
                throw e;
            }
            return run(newParser(sql).withAllowComplexParsing(true));
        }
    }

    private static CCJSqlParser newParser(String sql) {
        CCJSqlParser p = CCJSqlParserUtil.newParser(sql);
        configure(p);
        return p;
    }

    private static Statement run(CCJSqlParser p) throws JSQLParserException {
        ScheduledFuture<?> alarm = Watchdog.TIMER.schedule(() -> {
            p.interrupted = true;
        }, TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            return p.Statement();
        } catch (StackOverflowError e) {
            throw new JSQLParserException("statement is nested too deeply for JSqlParser", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Exception | Error e) {
            if (p.interrupted) {
                throw new TimedOut();
            }
            throw new JSQLParserException(e);
        } finally {
            alarm.cancel(false);
        }
    }

    /** JSqlParser's message when its time is up. */
    private static final class TimedOut extends JSQLParserException {
        private static final long serialVersionUID = 1L;

        TimedOut() {
            super("Time out occurred.");
        }
    }

    /** One daemon thread for every parse's time limit; a cancelled limit is removed at once. */
    private static final class Watchdog {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "specgen-jsqlparser-timeout");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    static void configure(CCJSqlParser p) {
        p.withDialect(Dialect.POSTGRESQL)
                .withDollarQuotedStringTags(true)
                .withFeature(Feature.allowPostgresSpecificSyntax, true)
                .withTimeOut(TIMEOUT_MS);
    }

    /**
     * What JSqlParser gets: comments (a template's licence header, a note line) turned into blanks, the final
     * {@code ;} dropped, and {@code COMMENT ON INDEX / VIEW / SCHEMA / MATERIALIZED VIEW} spelled {@code COMMENT ON
     * TABLE}.
     */
    static String prepare(String sql) {
        return prepare(sql, SqlLexer.packed(sql));
    }

    private static String prepare(String sql, PackedTokens tokens) {
        StringBuilder out = new StringBuilder(sql.length());
        int[] first = new int[4];
        int seen = 0;
        for (int i = 0; i < tokens.size() && seen < first.length; i++) {
            if (!tokens.kind(i).isBlank()) {
                first[seen++] = i;
            }
        }
        boolean commentOn = seen == 4 && tokens.is(sql, first[0], "COMMENT") && tokens.is(sql, first[1], "ON");
        // COMMENT ON INDEX / VIEW / SCHEMA / MATERIALIZED VIEW: the TABLE grammar follows the object kind
        boolean otherKind = commentOn && (tokens.is(sql, first[2], "INDEX") || tokens.is(sql, first[2], "VIEW")
                || tokens.is(sql, first[2], "SCHEMA"));
        boolean matView = commentOn && tokens.is(sql, first[2], "MATERIALIZED") && tokens.is(sql, first[3], "VIEW");
        for (int i = 0; i < tokens.size(); i++) {
            Kind kind = tokens.kind(i);
            if (kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT) {
                out.append(' ');
            } else if ((otherKind || matView) && i == first[2]) {
                out.append("TABLE");
            } else if (matView && i == first[3]) {
                out.append(' ');
            } else {
                out.append(sql, tokens.start(i), tokens.end(i));
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

    /** Nothing to release any more (parses run on the caller's thread); kept so callers may use try-with-resources. */
    @Override
    public void close() {
    }
}
