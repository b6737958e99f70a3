package dev.specgen.check;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserTokenManager;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.SimpleCharStream;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.parser.Token;

/**
 * Which words JSqlParser reads as nothing but a name, so that two statements differing only in such names get the
 * same verdict from it ({@link Shapes}). A word qualifies when
 * <ul>
 *   <li>JSqlParser's own lexer, configured as the gate configures the parser, cuts it as exactly one
 *       {@code S_IDENTIFIER} token (not one of its several hundred key word tokens: {@code use}, {@code date} and
 *       {@code name} are key words to it), and</li>
 *   <li>no string constant of JSqlParser's parser classes spells it, in any case: the grammar compares the text of
 *       identifier tokens with constants in a few places ({@code JSON_TABLE}, {@code OWNED}, {@code TEXT}), and any
 *       word a constant holds (member names included, which only makes the list longer) is kept as written.</li>
 * </ul>
 * Answers are kept per instance (one run); the lexer is JSqlParser's, so an upgrade that adds key words changes the
 * answers with it.
 */
final class JSqlWords {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Upper-cased words of every string constant of the parser classes; read once, when first needed ({@link #RESOURCE}). */
    private static volatile Set<String> grammarWords;

    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();
    private final ThreadLocal<Lexer> lexers = ThreadLocal.withInitial(Lexer::new);
    private final ThreadLocal<Local> local = ThreadLocal.withInitial(Local::new);

    /**
     * {@link #plainName(String)} of {@code text.substring(s, e)}, looked up first among this thread's answers by the
     * word's characters in place: the shape of every statement asks this of every word, and a substring (and its
     * hash) per word cost more than the answer.
     */
    boolean plainName(String text, int s, int e) {
        return local.get().plainName(text, s, e);
    }

    /** This thread's answers, in an open-addressing table whose keys are compared with the text in place. */
    private final class Local {
        private static final int MAX = 1 << 20;
        private String[] keys = new String[1024];
        private boolean[] values = new boolean[1024];
        private int size;

        boolean plainName(String text, int s, int e) {
            int h = 0;
            for (int i = s; i < e; i++) {
                h = 31 * h + text.charAt(i);
            }
            int mask = keys.length - 1;
            int len = e - s;
            for (int k = (h ^ h >>> 16) & mask; ; k = k + 1 & mask) {
                String key = keys[k];
                if (key == null) {
                    break;
                }
                if (key.length() == len && text.regionMatches(s, key, 0, len)) {
                    return values[k];
                }
            }
            String word = text.substring(s, e);
            boolean plain = JSqlWords.this.plainName(word);
            if (size < MAX) {
                put(word, h, plain);
            }
            return plain;
        }

        private void put(String word, int h, boolean plain) {
            if (2 * (size + 1) > keys.length) {
                String[] oldKeys = keys;
                boolean[] oldValues = values;
                keys = new String[oldKeys.length * 2];
                values = new boolean[oldKeys.length * 2];
                size = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != null) {
                        insert(oldKeys[i], oldKeys[i].hashCode(), oldValues[i]);
                    }
                }
            }
            insert(word, h, plain);
        }

        private void insert(String word, int h, boolean plain) {
            int mask = keys.length - 1;
            int k = (h ^ h >>> 16) & mask;
            while (keys[k] != null) {
                k = k + 1 & mask;
            }
            keys[k] = word;
            values[k] = plain;
            size++;
        }
    }

    /** True when {@code word} (ASCII letters, digits and {@code _}, starting with a letter) is a plain name. */
    boolean plainName(String word) {
        Boolean known = answers.get(word);
        if (known != null) {
            return known;
        }
        boolean plain = !grammarWords().contains(word.toUpperCase(Locale.ROOT)) && oneIdentifier(word);
        if (answers.size() < 1_000_000) {
            answers.put(word, plain);
        }
        return plain;
    }

    /**
     * Whether JSqlParser's lexer cuts {@code word} as one {@code S_IDENTIFIER} token. The word is lexed with a blank
     * after it, and only its first token is read: JSqlParser's character stream throws an {@code IOException} (with
     * its stack trace) each time the lexer reads at the end of the text, which the word alone did twice per word,
     * and at 1,000 entities (tens of thousands of new words a run) that was a large part of the gate's time and
     * allocation. A token whose text is the whole word is the word's only token; the blank can only make a token
     * longer than the word, never an identifier out of a word that was not one ({@code JSqlWordsTest} compares both
     * ways on every word JSqlParser's grammar spells, every token name and 20,000 random words).
     */
    private boolean oneIdentifier(String word) {
        return lexers.get().firstIsIdentifier(word);
    }

    /** As {@link #oneIdentifier}, each word alone lexed to its end, as it was done before (for the tests). */
    static java.util.List<Boolean> oneIdentifierAlone(java.util.List<String> words) {
        CCJSqlParserTokenManager lexer = lexer();
        java.util.List<Boolean> out = new java.util.ArrayList<>(words.size());
        for (String word : words) {
            lexer.ReInit(new SimpleCharStream(new StringProvider(word), 1, 1, 64));
            Token t = lexer.getNextToken();
            Token end = lexer.getNextToken();
            out.add(t.kind == CCJSqlParserConstants.S_IDENTIFIER && word.equals(t.image)
                    && end.kind == CCJSqlParserConstants.EOF);
        }
        return out;
    }

    /** {@link #oneIdentifier} for the tests, on a lexer of its own. */
    static boolean oneIdentifierAsTheGateAsks(String word) {
        return new Lexer().firstIsIdentifier(word);
    }

    /** One thread's lexer and the character stream it reads, both reused from word to word. */
    private static final class Lexer {
        private final CCJSqlParserTokenManager lexer = lexer();
        private final SimpleCharStream stream = new SimpleCharStream(new StringProvider(""), 1, 1, 64);

        boolean firstIsIdentifier(String word) {
            stream.ReInit(new StringProvider(word + " "), 1, 1, 64);
            lexer.ReInit(stream);
            Token t = lexer.getNextToken();
            return t.kind == CCJSqlParserConstants.S_IDENTIFIER && word.equals(t.image);
        }
    }

    /** The lexer of a parser configured as {@link ParseCheck} configures its parsers (dialect, dollar quotes). */
    private static CCJSqlParserTokenManager lexer() {
        CCJSqlParser p = CCJSqlParserUtil.newParser("x");
        ParseCheck.configure(p);
        return p.token_source;
    }

    /**
     * The class-path resource holding {@link #computeGrammarWords()}, one word a line, sorted, so that a run reads
     * about 7,000 words instead of the constant pools of JSqlParser's parser classes (1.6 MB of class files; about
     * 65 ms of CPU in a fresh JVM). It is kept in the sources ({@code src/main/resources}); {@code JSqlWordsTest}
     * fails when it is not what the JSqlParser on the class path gives (an upgrade) and rewrites it with
     * {@code -Dspecgen.golden.update=true}.
     */
    static final String RESOURCE = "jsql-grammar-words.txt";

    private static Set<String> grammarWords() {
        Set<String> w = grammarWords;
        if (w == null) {
            w = readGrammarWords().orElseGet(JSqlWords::computeGrammarWords);
            grammarWords = w;
        }
        return w;
    }

    /** The words of {@link #RESOURCE}; empty when it is not on the class path (then they are computed). */
    static java.util.Optional<Set<String>> readGrammarWords() {
        try (InputStream in = JSqlWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return java.util.Optional.empty();
            }
            Set<String> out = new HashSet<>();
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Set.copyOf(out));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Upper-cased words of every string constant of JSqlParser's parser classes, read from their class files. */
    static Set<String> computeGrammarWords() {
        Set<String> out = new HashSet<>();
        for (Class<?> c : new Class<?>[] {CCJSqlParser.class, AbstractJSqlParser.class,
            CCJSqlParserTokenManager.class}) {
            for (String constant : constants(c)) {
                Matcher m = WORD.matcher(constant);
                while (m.find()) {
                    out.add(m.group().toUpperCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(out);
    }

    /** Every UTF-8 constant of a class file (string literals, and names, which only make the set larger). */
    static Set<String> constants(Class<?> c) {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream raw = c.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("cannot read " + resource);
            }
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
            in.readInt(); // magic
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            Set<String> out = new HashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // longs and doubles take two slots
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalStateException("unknown constant tag " + tag + " in " + resource);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
