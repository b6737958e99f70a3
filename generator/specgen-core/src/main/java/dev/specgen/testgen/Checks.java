package dev.specgen.testgen;

import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed values that satisfy a column's own CHECK when it has one of the common shapes: {@code col IN (a, b, ...)}
 * takes the listed values in turn, {@code col BETWEEN lo AND hi} (integers) stays within the bounds. Other CHECKs
 * get the generic values, and a violation is reported by the seeding test with PostgreSQL's message.
 */
final class Checks {
    private static final Pattern IN = Pattern.compile("(?is)^\\s*\\(?\\s*\"?(\\w+)\"?\\s+IN\\s*\\((.*)\\)\\s*\\)?\\s*$");
    private static final Pattern BETWEEN = Pattern.compile(
            "(?is)^\\s*\"?(\\w+)\"?\\s+BETWEEN\\s+(-?\\d+)\\s+AND\\s+(-?\\d+)\\s*$");

    private Checks() {
    }

    static Optional<Gen> values(Field f, String check) {
        Matcher in = IN.matcher(check);
        if (in.matches() && in.group(1).equals(f.name())) {
            Optional<List<String>> items = literals(in.group(2));
            return items.filter(l -> !l.isEmpty()).map(l -> new Gen.Pick(l, f.type().sql()));
        }
        Matcher between = BETWEEN.matcher(check);
        if (between.matches() && between.group(1).equals(f.name()) && f.type().has(FieldType.Traits.INTEGER)) {
            try {
                long lo = Long.parseLong(between.group(2));
                long hi = Long.parseLong(between.group(3));
                if (hi >= lo && hi - lo < Integer.MAX_VALUE) {
                    return Optional.of(new Gen.Pick(range(lo, Math.min(hi, lo + 99)), f.type().sql()));
                }
            } catch (NumberFormatException e) {
                // bounds beyond a long (n BETWEEN 1 AND 99999999999999999999): the generic values, as for any check
            }
        }
        return Optional.empty();
    }

    private static List<String> range(long lo, long hi) {
        List<String> out = new ArrayList<>();
        for (long v = lo; v <= hi; v++) {
            out.add(Long.toString(v));
        }
        return out;
    }

    /** {@code 'a', 'b''c', 3} -> the literals as written; empty when anything else is in the list. */
    static Optional<List<String>> literals(String list) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\s*('(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?)\\s*(,|$)").matcher(list);
        int at = 0;
        while (at < list.length() && m.find(at) && m.start() == at) {
            out.add(m.group(1));
            at = m.end();
            if (m.group(2).isEmpty()) {
                break;
            }
        }
        return at >= list.strip().length() + (list.length() - list.strip().length()) - 0 && at == list.length()
                ? Optional.of(out) : Optional.empty();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String quote(String s) {
        return Sql.literal(s);
    }
}
