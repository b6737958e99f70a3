package dev.specgen.testgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Comment text in lines of at most 110 characters, broken at spaces ({@link TestStep.SetLocal#whyLines()}). The
 * texts are the planner's few fixed reasons (every test file sets {@code jit} off and says why), so each is wrapped
 * once per JVM rather than once per file (issue 12); at most a few hundred are remembered.
 */
final class CommentLines {
    private static final int REMEMBERED = 256;
    private static final Map<String, List<String>> KNOWN = new ConcurrentHashMap<>();

    private CommentLines() {
    }

    static List<String> of(String text) {
        List<String> known = KNOWN.get(text);
        if (known != null) {
            return known;
        }
        List<String> lines = List.copyOf(wrap(text));
        if (KNOWN.size() < REMEMBERED) {
            KNOWN.putIfAbsent(text, lines);
        }
        return lines;
    }

    private static List<String> wrap(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > 110) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.add(line.toString());
        return out;
    }
}
