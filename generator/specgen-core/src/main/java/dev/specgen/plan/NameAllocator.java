package dev.specgen.plan;

import dev.specgen.model.Sql;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out relation and constraint names that are unique within one schema and fit PostgreSQL's 63-byte limit
 * (JavaPoet NameAllocator). A name that is too long is cut and given a short stable hash so that two long names
 * with the same prefix stay distinct; a taken name gets {@code _1}, {@code _2}, ...
 */
final class NameAllocator {
    private final Set<String> taken = new HashSet<>();

    /** Marks a name the spec chose explicitly (validated elsewhere); returns false if it was taken. */
    boolean reserve(String name) {
        return taken.add(name);
    }

    String allocate(String wanted) {
        String base = fit(wanted, 0);
        String candidate = base;
        for (int i = 1; taken.contains(candidate); i++) {
            candidate = fit(wanted, String.valueOf(i).length() + 1) + "_" + i;
        }
        taken.add(candidate);
        return candidate;
    }

    /** {@code name} cut to leave {@code reserve} bytes free, with a hash marking any cut. */
    static String fit(String name, int reserve) {
        int limit = Sql.MAX_IDENT_BYTES - reserve;
        if (Sql.byteLength(name) <= limit) {
            return name;
        }
        String hash = String.format(Locale.ROOT, "%08x", name.hashCode()).substring(0, 6);
        String cut = truncateBytes(name, limit - hash.length() - 1);
        return cut + "_" + hash;
    }

    private static String truncateBytes(String s, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int len = ch.getBytes(StandardCharsets.UTF_8).length;
            if (used + len > maxBytes) {
                break;
            }
            out.append(ch);
            used += len;
            i += Character.charCount(cp);
        }
        String r = out.toString();
        while (r.endsWith("_")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
