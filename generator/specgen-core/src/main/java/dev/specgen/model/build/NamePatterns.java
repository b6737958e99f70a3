package dev.specgen.model.build;

import dev.specgen.diag.Code;
import dev.specgen.diag.Suggest;
import dev.specgen.load.YNode;
import dev.specgen.load.YScalar;
import dev.specgen.model.NamePattern;
import dev.specgen.model.NamePattern.Placeholder;
import dev.specgen.model.NamePattern.Segment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code partition_name:} to a {@link NamePattern}: text of lower-case letters, digits and underscores, and
 * placeholders in braces (SG293 otherwise, with a did-you-mean). {@link #check} then says whether the pattern fits the
 * way the level is partitioned: its placeholders must belong to it (SG293) and name every partition apart (SG294).
 */
final class NamePatterns {
    static final Map<String, Placeholder> WORDS = new LinkedHashMap<>();

    static {
        for (Placeholder p : Placeholder.values()) {
            WORDS.put(p.word(), p);
        }
    }

    /** How a level's partitions are made, with the placeholders that belong to it and those that tell them apart. */
    enum Way {
        DAILY(List.of(EnumSet.of(Placeholder.YYYY, Placeholder.MM, Placeholder.DD))),
        WEEKLY(List.of(EnumSet.of(Placeholder.IYYY, Placeholder.IW),
                EnumSet.of(Placeholder.YYYY, Placeholder.MM, Placeholder.DD))),
        MONTHLY(List.of(EnumSet.of(Placeholder.YYYY, Placeholder.MM))),
        QUARTERLY(List.of(EnumSet.of(Placeholder.YYYY, Placeholder.Q), EnumSet.of(Placeholder.YYYY, Placeholder.MM))),
        YEARLY(List.of(EnumSet.of(Placeholder.YYYY))),
        STEP(List.of(EnumSet.of(Placeholder.FROM))),
        HASH(List.of(EnumSet.of(Placeholder.N), EnumSet.of(Placeholder.NN)));

        private final List<Set<Placeholder>> distinct;

        Way(List<Set<Placeholder>> distinct) {
            this.distinct = distinct;
        }

        Set<Placeholder> allowed() {
            Set<Placeholder> s = EnumSet.of(Placeholder.TABLE, Placeholder.PARENT);
            if (this == STEP || this == HASH) {
                distinct.forEach(s::addAll);
            } else {
                s.addAll(EnumSet.of(Placeholder.YYYY, Placeholder.MM, Placeholder.DD, Placeholder.Q, Placeholder.IYYY,
                        Placeholder.IW));
            }
            return s;
        }

        String what() {
            return this == STEP ? "step" : this == HASH ? "hash" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Shape shape;

    NamePatterns(Shape shape) {
        this.shape = shape;
    }

    /** The pattern of {@code n}, or empty (SG293 reported) when it is not one. */
    Optional<NamePattern> parse(YNode n) {
        Optional<YScalar> s = shape.scalar(n, "\"partition_name\"");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String text = s.get().text();
        List<Segment> segments = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    return bad(s.get(), "has a \"{\" without \"}\"", "placeholders are written {yyyy}, {mm}, ...");
                }
                String word = text.substring(i + 1, end);
                Placeholder p = WORDS.get(word);
                if (p == null) {
                    List<String> all = WORDS.keySet().stream().map(w -> "{" + w + "}").toList();
                    return bad(s.get(), "has an unknown placeholder {" + word + "}" + Suggest.didYouMean("{" + word
                            + "}", all), "placeholders: " + String.join(", ", all));
                }
                if (lit.length() > 0) {
                    segments.add(new Segment.Text(lit.toString()));
                    lit.setLength(0);
                }
                segments.add(new Segment.Slot(p));
                i = end + 1;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
                lit.append(c);
                i++;
            } else {
                return bad(s.get(), "has \"" + c + "\" outside a placeholder",
                        "write lower-case letters, digits and underscores between the placeholders");
            }
        }
        if (lit.length() > 0) {
            segments.add(new Segment.Text(lit.toString()));
        }
        return Optional.of(new NamePattern(segments, s.get().pos()));
    }

    /**
     * Whether {@code p} can name the partitions {@code way} makes: only placeholders of that way (SG293), and enough
     * of them that no two partitions get one name (SG294).
     */
    boolean check(NamePattern p, Way way) {
        Set<Placeholder> allowed = way.allowed();
        for (Segment s : p.segments()) {
            if (s instanceof Segment.Slot slot && !allowed.contains(slot.placeholder())) {
                shape.diags.error(p.pos(), Code.SG293, "partition_name: {" + slot.placeholder().word()
                        + "} is not a placeholder of " + way.what() + " partitions", "placeholders of " + way.what()
                                + " partitions: " + allowed.stream().map(a -> "{" + a.word() + "}")
                                        .collect(Collectors.joining(", ")));
                return false;
            }
        }
        if (way.distinct.stream().noneMatch(set -> set.stream().allMatch(p::uses))) {
            shape.diags.error(p.pos(), Code.SG294, "partition_name does not name " + way.what()
                    + " partitions apart: it needs " + way.distinct.stream().map(NamePatterns::words)
                            .collect(Collectors.joining(", or ")), "for example " + example(way));
            return false;
        }
        return true;
    }

    private static String words(Set<Placeholder> set) {
        return set.stream().map(p -> "{" + p.word() + "}").collect(Collectors.joining(" and "));
    }

    private static String example(Way way) {
        return switch (way) {
            case DAILY -> "{table}_{yyyy}{mm}{dd}";
            case WEEKLY -> "{table}_{iyyy}w{iw}";
            case MONTHLY -> "{table}_{yyyy}{mm}";
            case QUARTERLY -> "{table}_{yyyy}q{q}";
            case YEARLY -> "{table}_{yyyy}";
            case STEP -> "{table}_p{from}";
            case HASH -> "{table}_{nn}";
        };
    }

    private Optional<NamePattern> bad(YScalar s, String what, String hint) {
        shape.diags.error(s.pos(), Code.SG293, "partition_name \"" + s.text() + "\" " + what, hint);
        return Optional.empty();
    }
}
