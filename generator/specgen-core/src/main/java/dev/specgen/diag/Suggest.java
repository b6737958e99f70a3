package dev.specgen.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * "Did you mean" suggestions: the closest candidate by Levenshtein distance (case-insensitive), else the one
 * candidate that the word is a prefix of, or that is a prefix of the word ({@code customer} -> {@code customer_id}).
 */
public final class Suggest {
    private Suggest() {
    }

    /** Shortest word or candidate that counts as a prefix match: {@code id} alone says too little. */
    static final int MIN_PREFIX = 3;

    /** The YAML 1.1 booleans (and their case variants) that YAML 1.2 reads as plain strings. */
    private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");

    /**
     * The closest candidate within a distance that scales with length; failing that, the only candidate that
     * starts with the word or that the word starts with (at least {@value #MIN_PREFIX} characters). Ties in
     * distance go to the first candidate; several prefix matches give no suggestion.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDist) {
                bestDist = d;
                best = c;
            }
        }
        int limit = Math.max(1, Math.min(3, w.length() / 3));
        if (best != null && bestDist <= limit) {
            return Optional.of(best);
        }
        return prefixMatch(w, candidates);
    }

    private static Optional<String> prefixMatch(String w, Collection<String> candidates) {
        String found = null;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (lc.equals(w) || Math.min(lc.length(), w.length()) < MIN_PREFIX) {
                continue;
            }
            if (lc.startsWith(w) || w.startsWith(lc)) {
                if (found != null && !found.equals(c)) {
                    return Optional.empty();
                }
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    /** {@code (did you mean "x"?)} or empty string, for appending to a message. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    }

    /**
     * The hint for a YAML 1.1 boolean ({@code yes}, {@code no}, {@code on}, {@code off}, {@code y}, {@code n}, any
     * case) found where {@code true} or {@code false} belongs; empty for any other text.
     */
    public static Optional<String> yaml11Boolean(String text) {
        if (YAML11_BOOLEANS.contains(text.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("YAML 1.2 reads yes/no/on/off as strings; write true or false");
        }
        return Optional.empty();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
