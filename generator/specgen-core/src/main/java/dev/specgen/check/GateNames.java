package dev.specgen.check;

import dev.specgen.sql.Keywords;
import dev.specgen.sql.SqlLexer;
import dev.specgen.sql.Token;
import dev.specgen.sql.Token.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;

/**
 * Names that PostgreSQL takes bare and JSqlParser reads as its key words ({@code statement}, {@code prior},
 * {@code returns}, {@code straight_join}, ...). Some of them are PostgreSQL key words too, which only their place
 * tells from names, and JSqlParser does not always stop at the word itself (in a column list it backtracks to the
 * opening parenthesis). So when a statement does not parse as written, the gate tries it once more with every such
 * word quoted that specgen would write bare as a name: lower case (specgen writes its key words in upper case) and
 * accepted by PostgreSQL as a column name (not one of its reserved, column-name or type/function-name key words,
 * which specgen always quotes). Quoting a name never changes what a statement means to PostgreSQL; quoting a word
 * that was a key word makes the statement fail again, and the gate then reports the first failure.
 */
final class GateNames {
    private static final Map<String, Boolean> JSQL_KEY_WORD = new ConcurrentHashMap<>();

    private GateNames() {
    }

    /** {@code sql} with every bare name that JSqlParser reads as a key word quoted; {@code sql} itself if none. */
    static String quoted(String sql) {
        StringBuilder out = null;
        int copied = 0;
        List<Token> tokens = SqlLexer.significant(sql);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() != Kind.IDENTIFIER) {
                continue;
            }
            String word = t.text(sql);
            // a word followed by a number is an option name, never a column: the hash bound PostgreSQL prints (and
            // specgen writes) as WITH (modulus 4, remainder 0), whose words JSqlParser needs as they are
            boolean option = i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NUMBER;
            if (!option && isBareName(word) && isJSqlKeyWord(word)) {
                out = out == null ? new StringBuilder(sql.length() + 16) : out;
                out.append(sql, copied, t.start()).append('"').append(word).append('"');
                copied = t.end();
            }
        }
        return out == null ? sql : out.append(sql, copied, sql.length()).toString();
    }

    /** Lower-case, bare-writable in PostgreSQL (an unreserved key word or no key word at all). */
    static boolean isBareName(String word) {
        return !word.isEmpty() && SqlLexer.isIdentStart(word.charAt(0))
                && word.chars().allMatch(c -> c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z')
                && !Keywords.NOT_UNRESERVED.contains(word);
    }

    /** True when JSqlParser's lexer does not cut {@code word} as one plain identifier. */
    static boolean isJSqlKeyWord(String word) {
        return JSQL_KEY_WORD.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> {
            CCJSqlParserTokenManager lexer = new CCJSqlParserTokenManager(new SimpleCharStream(new StringProvider(w)));
            net.sf.jsqlparser.parser.Token first = lexer.getNextToken();
            net.sf.jsqlparser.parser.Token next = lexer.getNextToken();
            return first.kind != CCJSqlParserConstants.S_IDENTIFIER || next.kind != CCJSqlParserConstants.EOF;
        });
    }
}
