package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.Suggest;
import dev.specgen.load.YMap;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.load.YSeq;
import dev.specgen.model.Named;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to YAML nodes that reports what does not fit and returns empty: unknown keys (SG106), wrong value
 * kinds (SG107), missing keys (SG108), words outside a fixed set (SG109). {@code what} is how the value is named in
 * messages, already quoted where it is a key: {@code "fields"}, {@code each item of "indexes"}.
 */
final class Shape {
    static final String MERGE_KEY = "<<";
    /** Longer strings are described as "a string" in SG107 messages. */
    static final int MAX_SHOWN = 40;

    final Diagnostics diags;
    /** The keys {@link #keys} allowed per mapping (by identity), for {@link #misspelled}. */
    private final Map<YMap, Collection<String>> allowedKeys = new IdentityHashMap<>();

    /** {@code identifiers: exact} of the entity being built: its names with capitals are taken as written. */
    private boolean exactNames;

    Shape(Diagnostics diags) {
        this.diags = diags;
    }

    /** Set by the entity builder for the document it builds, and reset after it. */
    void exactNames(boolean exact) {
        exactNames = exact;
    }

    /** SG212 for a name of the entity being built ({@link dev.specgen.validate.Identifiers#check}). */
    boolean ident(String kind, String name, dev.specgen.diag.SourcePos pos) {
        return dev.specgen.validate.Identifiers.check(kind, name, pos, diags, exactNames);
    }

    /** {@code a mapping}, {@code a list}, {@code a string}, {@code an integer}, {@code null}... */
    static String kind(YNode n) {
        return switch (n.kind()) {
            case "mapping" -> "a mapping";
            case "sequence" -> "a list";
            case "null" -> "null";
            case "integer" -> "an integer";
            case "float" -> "a number";
            case "boolean" -> "a boolean";
            default -> "a string";
        };
    }

    /**
     * SG106 for every key of {@code m} not in {@code allowed}, with a did-you-mean, at the key; a YAML 1.1 merge key
     * ({@code <<}) is SG110. Call it before {@link #required} on the same mapping, which then stays quiet about a
     * key that a misspelled one stands for.
     */
    void keys(YMap m, Collection<String> allowed, String context) {
        allowedKeys.put(m, allowed);
        for (YMap.Entry e : m.entries()) {
            String k = e.key().text();
            if (k.equals(MERGE_KEY)) {
                diags.error(e.key().pos(), Code.SG110, "merge keys (<<) are YAML 1.1 and not supported; write the"
                        + " keys out");
            } else if (!allowed.contains(k)) {
                diags.error(e.key().pos(), Code.SG106, "unknown key \"" + k + "\" in " + context
                        + Suggest.didYouMean(k, allowed));
            }
        }
    }

    /**
     * The value under {@code key}; SG108 at the mapping when it is missing, unless the mapping has an unknown key
     * whose did-you-mean is {@code key} (one diagnostic, SG106, for a misspelled key) or a merge key.
     */
    Optional<YNode> required(YMap m, String key, String context) {
        Optional<YNode> v = m.get(key);
        if (v.isEmpty() && !misspelled(m, key)) {
            diags.error(m.pos(), Code.SG108, "missing required key \"" + key + "\" in " + context);
        }
        return v;
    }

    /**
     * True when {@code key} is absent from {@code m} because of a key already reported: an unknown key that
     * {@link #keys} suggested {@code key} for, or a merge key ({@code <<}) that may have carried it.
     */
    boolean misspelled(YMap m, String key) {
        Collection<String> allowed = allowedKeys.get(m);
        for (String k : m.keys()) {
            if (k.equals(MERGE_KEY)) {
                return true;
            }
            if (allowed != null && !allowed.contains(k) && Suggest.closest(k, allowed).filter(key::equals)
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    void wrong(YNode n, String what, String expected) {
        wrong(n, what, expected, null);
    }

    void wrong(YNode n, String what, String expected, String hint) {
        diags.error(n.pos(), Code.SG107, what + " must be " + expected + ", found " + found(n), hint);
    }

    /** {@link #kind}, or for a short one-line string the string itself: {@code the string "no"}. */
    static String found(YNode n) {
        if (n instanceof YScalar s && n.kind().equals("string") && s.text().length() <= MAX_SHOWN
                && s.text().indexOf('\n') < 0) {
            return "the string \"" + s.text() + "\"";
        }
        return kind(n);
    }

    Optional<YMap> map(YNode n, String what) {
        if (n instanceof YMap m) {
            return Optional.of(m);
        }
        wrong(n, what, "a mapping");
        return Optional.empty();
    }

    Optional<YSeq> seq(YNode n, String what) {
        if (n instanceof YSeq s) {
            return Optional.of(s);
        }
        wrong(n, what, "a list");
        return Optional.empty();
    }

    /** Any non-null scalar, as written (numbers and booleans too: names and SQL text are text). */
    Optional<YScalar> scalar(YNode n, String what) {
        if (n instanceof YScalar s && !s.isNull()) {
            return Optional.of(s);
        }
        wrong(n, what, "a string");
        return Optional.empty();
    }

    Optional<String> text(YNode n, String what) {
        return scalar(n, what).map(YScalar::text);
    }

    Optional<Named> named(YNode n, String what) {
        return scalar(n, what).map(s -> new Named(s.text(), s.pos()));
    }

    Optional<Boolean> bool(YNode n, String what) {
        if (n instanceof YScalar s && s.asBoolean().isPresent()) {
            return s.asBoolean();
        }
        String hint = n instanceof YScalar s ? Suggest.yaml11Boolean(s.text()).orElse(null) : null;
        wrong(n, what, "true or false", hint);
        return Optional.empty();
    }

    Optional<Long> integer(YNode n, String what) {
        if (n instanceof YScalar s && s.asLong().isPresent()) {
            return s.asLong();
        }
        wrong(n, what, "an integer");
        return Optional.empty();
    }

    /** A list of names ({@code [a, b]}); items that are not scalars are reported and left out. */
    List<Named> names(YNode n, String what) {
        List<Named> out = new ArrayList<>();
        seq(n, what).ifPresent(s -> s.items().forEach(i -> named(i, "each item of " + what).ifPresent(out::add)));
        return out;
    }

    /**
     * One of {@code words} (keys lower-case, single-spaced), matched case-insensitively with runs of spaces or
     * underscores read as one space. SG109 with a did-you-mean otherwise.
     */
    <T> Optional<T> word(YNode n, String what, Map<String, T> words) {
        Optional<YScalar> s = scalar(n, what);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String w = normalizeWord(s.get().text());
        if (words.containsKey(w)) {
            return Optional.of(words.get(w));
        }
        diags.error(n.pos(), Code.SG109, what + " \"" + s.get().text() + "\" is not one of "
                + String.join(", ", words.keySet()) + Suggest.didYouMean(w, words.keySet()));
        return Optional.empty();
    }

    /** The words of an enum for {@link #word}: each constant lower-case, {@code _} read as a space. */
    static <E extends Enum<E>> Map<String, E> words(E[] values) {
        Map<String, E> out = new LinkedHashMap<>();
        for (E v : values) {
            out.put(normalizeWord(v.name()), v);
        }
        return out;
    }

    static String normalizeWord(String text) {
        return spaced(text.trim().toLowerCase(Locale.ROOT), true);
    }

    /**
     * {@code text.replaceAll("\\s+", " ")}, or with {@code underscores} {@code "[\\s_]+"}, without a regular
     * expression compiled per call; most texts have nothing to replace and come back as they are (issue 12).
     */
    static String spaced(String text, boolean underscores) {
        int n = text.length();
        int i = 0;
        while (i < n && !(gap(text.charAt(i), underscores) && (text.charAt(i) != ' ' || i + 1 < n
                && gap(text.charAt(i + 1), underscores)))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder b = new StringBuilder(n).append(text, 0, i);
        boolean inGap = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (gap(c, underscores)) {
                if (!inGap) {
                    b.append(' ');
                }
                inGap = true;
            } else {
                b.append(c);
                inGap = false;
            }
        }
        return b.toString();
    }

    /** {@code \\s} of java.util.regex (ASCII white space), and {@code _} when asked. */
    private static boolean gap(char c, boolean underscores) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || underscores && c == '_';
    }

    /** Scalar value text for parameters and hints: booleans as {@code true}/{@code false}, the rest as written. */
    static String valueText(YScalar s) {
        return s.asBoolean().map(String::valueOf).orElse(s.text().trim());
    }
}
