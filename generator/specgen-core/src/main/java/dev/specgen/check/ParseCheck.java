package dev.specgen.check;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.plan.SqlObject;
import dev.specgen.render.RenderedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.AbstractJSqlParser.Dialect;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.feature.Feature;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.extension.CreateExtension;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.DoStatement;

/**
 * The static gate: every generated statement must parse with JSqlParser (PostgreSQL dialect, dollar-quote tags on)
 * into the kind of statement its plan record promises. A failure is a specgen bug, reported as SG401 at the spec
 * position of the object. The statements inside our DO blocks are parsed too.
 *
 * <p>JSqlParser reads some valid schema names ({@code public}, {@code cache}) as key words, so CREATE SCHEMA and
 * schema-qualified column types are checked with the name replaced. Three other known JSqlParser 5.4 gaps are handled explicitly rather than skipped: {@code COMMENT ON INDEX} is parsed
 * in its {@code COMMENT ON TABLE} shape (identical grammar after the object kind); {@code ALTER INDEX ... ATTACH
 * PARTITION}, which JSqlParser only accepts as an unsupported statement, and {@code BEGIN} (no grammar at all) are
 * matched against the exact forms specgen emits.
 */
public final class ParseCheck implements AutoCloseable {
    private static final Pattern DO_BODY = Pattern.compile(
            "(?s)^DO \\$(\\w*)\\$\\s*BEGIN\\s+(.*?);\\s*EXCEPTION\\s+WHEN \\w+ THEN NULL;\\s*END\\s*\\$\\1\\$;?$");
    /** JSqlParser 5.4 has no grammar for starting a transaction; the only form we emit is matched exactly. */
    private static final Pattern BEGIN = Pattern.compile("^BEGIN;?$");
    private static final Pattern ATTACH = Pattern.compile(
            "^ALTER INDEX [\\w.\"$]+ ATTACH PARTITION [\\w.\"$]+;$");

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "specgen-jsqlparser");
        t.setDaemon(true);
        return t;
    });

    public List<Diagnostic> check(List<RenderedStatement> statements) {
        List<Diagnostic> out = new ArrayList<>();
        for (RenderedStatement s : statements) {
            problem(s.object(), s.sql()).ifPresent(msg -> out.add(Diagnostic.error(s.object().origin(), Code.SG401,
                    "generated " + s.object().describe() + " in " + s.file() + " does not parse: " + msg)
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
        if (BEGIN.matcher(sql.strip()).matches()) {
            return Optional.empty();
        }
        String problem;
        try {
            Statement parsed = parse(sql);
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

    /** Why {@code sql} is not an acceptable rendering of {@code o}, or empty when it is. */
    Optional<String> problem(SqlObject o, String sql) {
        if (o instanceof SqlObject.BulkFunction) {
            return new PlpgsqlCheck(this::parse).problem(stripComments(withoutUserSql(o, sql)) + ";");
        }
        if (o instanceof SqlObject.AttachIndex) {
            return ATTACH.matcher(sql).matches() ? Optional.empty()
                    : Optional.of("not of the form ALTER INDEX <parent> ATTACH PARTITION <child>");
        }
        String text = sql;
        if (o instanceof SqlObject.CreateSchema cs) {
            // JSqlParser reads some valid schema names as key words ("public"); the name is Sql.ident's output, so
            // the statement's shape is what is checked here
            text = sql.replace("SCHEMA IF NOT EXISTS " + cs.name() + ";", "SCHEMA IF NOT EXISTS specgen_schema;");
        }
        if (o instanceof SqlObject.CreateTable t) {
            // JSqlParser rejects schema-qualified column types whose schema it reads as a key word
            // ("cache.entry_state"); enum type names are Sql.qualified output, the table's shape is checked
            for (SqlObject.Column c : t.columns()) {
                if (c.type().contains(".")) {
                    String neutral = "specgen_enum" + (c.type().endsWith("[]") ? "[]" : "");
                    text = text.replace(c.paddedName() + " " + c.type(), c.paddedName() + " " + neutral);
                }
            }
        }
        if (o instanceof SqlObject.CommentOn c && c.kind().equals("INDEX")) {
            text = "COMMENT ON TABLE" + sql.substring("COMMENT ON INDEX".length());
        }
        Statement parsed;
        try {
            parsed = parse(text);
        } catch (JSQLParserException e) {
            // the user's own SQL (CHECK, DEFAULT, index predicates and expressions) is PostgreSQL's to judge, and
            // JSqlParser does not know every operator (-|-, !~~*); what this gate checks is specgen's structure
            String neutral = withoutUserSql(o, text);
            if (!neutral.equals(text)) {
                try {
                    parsed = parse(neutral);
                } catch (JSQLParserException again) {
                    return Optional.of(firstLine(again));
                }
            } else {
                return Optional.of(firstLine(e));
            }
        }
        Class<? extends Statement> want = expected(o);
        if (!want.isInstance(parsed) || parsed instanceof UnsupportedStatement) {
            return Optional.of("parsed as " + parsed.getClass().getSimpleName() + ", expected "
                    + want.getSimpleName());
        }
        if (parsed instanceof DoStatement) {
            Matcher m = DO_BODY.matcher(sql);
            if (!m.matches()) {
                return Optional.of("DO block is not of the form BEGIN <statement>; EXCEPTION WHEN ... END");
            }
            try {
                parse(m.group(2));
            } catch (JSQLParserException e) {
                return Optional.of("statement inside the DO block: " + firstLine(e));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} with the SQL the user wrote replaced by neutral stand-ins: CHECK bodies by {@code true}, DEFAULT
     * expressions by {@code NULL} (also where a bulk function writes a column's default), index expression keys by a
     * column name and the index predicate by {@code true}.
     */
    static String withoutUserSql(SqlObject o, String text) {
        String out = text;
        if (o instanceof SqlObject.CreateTable t) {
            for (SqlObject.Constraint k : t.constraints()) {
                if (k.body().startsWith("CHECK (")) {
                    out = out.replace(k.body(), "CHECK (true)");
                }
            }
            for (SqlObject.Column c : t.columns()) {
                int d = c.attributes().indexOf("DEFAULT ");
                if (d >= 0) {
                    // the default is the rest of the column line (identity columns have none)
                    out = out.replace(c.attributes().substring(d), "DEFAULT NULL");
                }
            }
        } else if (o instanceof SqlObject.BulkFunction f) {
            for (String d : f.userSql()) {
                out = out.replace(" ELSE " + d + " END", " ELSE NULL END");
            }
        } else if (o instanceof SqlObject.CreateIndex ix) {
            for (String key : ix.keys()) {
                if (key.startsWith("(")) {
                    out = out.replace(key, "specgen_expression");
                }
            }
            if (ix.hasWhere()) {
                out = out.replace("WHERE " + ix.where(), "WHERE true");
            }
        }
        return out;
    }

    private static Class<? extends Statement> expected(SqlObject o) {
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
        String body = stripComments(sql);
        return CCJSqlParserUtil.parse(body, executor, ParseCheck::configure);
    }

    private static void configure(CCJSqlParser p) {
        p.withDialect(Dialect.POSTGRESQL)
                .withDollarQuotedStringTags(true)
                .withFeature(Feature.allowPostgresSpecificSyntax, true)
                .withTimeOut(10_000);
    }

    /** Leading {@code --} comment lines (our templates put reasons there) are not part of the statement. */
    static String stripComments(String sql) {
        StringBuilder out = new StringBuilder();
        boolean leading = true;
        for (String line : sql.split("\n", -1)) {
            if (leading && line.startsWith("--")) {
                continue;
            }
            leading = false;
            out.append(line).append('\n');
        }
        String s = out.toString().strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
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
