package dev.specgen.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text values a pgTAP test file produced into {@link TapLine}s. pgTAP returns a failing test and its
 * diagnostics as ONE value ({@code "not ok 2 - x\n#     Failed test 2: \"x\"\n#         have: 1 ..."}), so
 * {@code #} lines are attached to the test line of the same value; {@code #} lines in values of their own
 * ({@code diag()}, {@code finish()}) stay comments.
 */
public final class TapParser {
    private static final Pattern PLAN = Pattern.compile("1\\.\\.(\\d+)(?:\\s*#.*)?");
    private static final Pattern TEST = Pattern.compile("(not )?ok\\b(?:\\s+(\\d+))?(?:\\s*-(?:\\s|$))?\\s*(.*)",
            Pattern.DOTALL);
    private static final Pattern DIRECTIVE = Pattern.compile("(?:^|\\s)#\\s*((?:TODO|SKIP)\\b.*)$",
            Pattern.CASE_INSENSITIVE);

    private TapParser() {
    }

    /** Lines only; {@code values} in the order the statements returned them. */
    public static List<TapLine> lines(List<String> values) {
        List<TapLine> out = new ArrayList<>();
        int counter = 0;
        for (String value : values) {
            int testIndex = -1; // the test line of this value, which its # lines belong to
            for (String line : value.split("\r?\n", -1)) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    String text = line.startsWith("# ") ? line.substring(2) : line.substring(1);
                    if (testIndex >= 0) {
                        out.set(testIndex, out.get(testIndex).withDiagnostic(text));
                    } else {
                        out.add(new TapLine(TapLine.Kind.COMMENT, 0, text, "", List.of(), line));
                    }
                    continue;
                }
                Matcher plan = PLAN.matcher(line);
                if (plan.matches()) {
                    out.add(new TapLine(TapLine.Kind.PLAN, Integer.parseInt(plan.group(1)), "", "", List.of(), line));
                    testIndex = -1;
                    continue;
                }
                Matcher t = TEST.matcher(line);
                if (t.matches()) {
                    counter = t.group(2) == null ? counter + 1 : Integer.parseInt(t.group(2));
                    String rest = t.group(3);
                    String directive = "";
                    Matcher d = DIRECTIVE.matcher(rest);
                    if (d.find()) {
                        directive = d.group(1).strip();
                        rest = rest.substring(0, d.start()).strip();
                    }
                    TapLine.Kind kind = t.group(1) == null ? TapLine.Kind.OK : TapLine.Kind.NOT_OK;
                    out.add(new TapLine(kind, counter, rest, directive, List.of(), line));
                    testIndex = out.size() - 1;
                    continue;
                }
                out.add(new TapLine(TapLine.Kind.OTHER, 0, line, "", List.of(), line));
                testIndex = -1;
            }
        }
        return out;
    }

    /** A full result: counts come from the lines; the first plan line gives {@code planned}. */
    public static TapResult parse(List<String> values, Duration elapsed, Optional<TapResult.TapError> error) {
        List<TapLine> lines = lines(values);
        List<String> stream = values.stream().flatMap(v -> Arrays.stream(v.split("\r?\n", -1)))
                .filter(l -> !l.isBlank()).toList();
        int planned = lines.stream().filter(l -> l.kind() == TapLine.Kind.PLAN).mapToInt(TapLine::number)
                .findFirst().orElse(-1);
        int failed = (int) lines.stream().filter(TapLine::isFailure).count();
        int passed = (int) lines.stream().filter(TapLine::isTest).count() - failed;
        return new TapResult(lines, stream, planned, passed, failed, elapsed, error);
    }
}
