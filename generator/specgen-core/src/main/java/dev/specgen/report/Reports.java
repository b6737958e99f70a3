package dev.specgen.report;

import dev.specgen.db.TapLine;
import dev.specgen.db.TapResult;
import dev.specgen.diag.Diagnostic;
import dev.specgen.verify.EntityReport;
import dev.specgen.verify.VerifyReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verification report in four shapes: a readable summary, one TAP stream, JUnit XML for CI servers, JSON.
 * Shared by the CLI ({@code --format}, {@code --report}) and the Maven plugin (JUnit XML under {@code target/}).
 */
public final class Reports {
    /** The report shapes; lower-case names, as the CLI's {@code --format} takes them. */
    public enum Format { text, tap, junit, json }

    private Reports() {
    }

    public static Format forFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".xml")) {
            return Format.junit;
        } else if (n.endsWith(".json")) {
            return Format.json;
        } else if (n.endsWith(".tap")) {
            return Format.tap;
        }
        return Format.text;
    }

    public static String render(VerifyReport r, List<Diagnostic> diagnostics, Format f) {
        return switch (f) {
            case text -> text(r);
            case tap -> tap(r);
            case junit -> junit(r, diagnostics);
            case json -> json(r, diagnostics);
        };
    }

    public static String text(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        int width = r.entities().stream().mapToInt(e -> e.table().length()).max().orElse(0);
        for (EntityReport e : r.entities()) {
            String status = e.passed() ? "ok  " : "FAIL";
            String what;
            if (!e.applied()) {
                what = "not applied";
            } else if (e.tests().isEmpty()) {
                what = "applied";
            } else {
                TapResult t = e.tests().get();
                what = "applied, " + t.passed() + "/" + t.tests().size() + " tests passed"
                        + String.format(Locale.ROOT, " (%.2f s)", seconds(t.elapsed()));
            }
            sb.append(String.format(Locale.ROOT, "  %s %-" + width + "s  %s%n", status, e.table(), what));
        }
        sb.append(String.format(Locale.ROOT, "specgen: %s on %s: %s, %s, %d failed (%.1f s: %s)%n",
                r.passed() ? "verified" : "verification FAILED", r.database(),
                count(r.entities().size(), "entity", "entities"),
                count(r.testsRun(), "test"), r.testsFailed(), seconds(r.total()), phases(r.phases())));
        r.keptUrl().ifPresent(u -> sb.append("specgen: database kept running at ").append(u).append('\n'));
        return sb.toString();
    }

    private static String phases(Map<String, Duration> phases) {
        List<String> parts = new ArrayList<>();
        phases.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.1f s", k, seconds(v))));
        return String.join(", ", parts);
    }

    /** All entities' tests as one TAP stream, renumbered, each description prefixed with its table. */
    public static String tap(VerifyReport r) {
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (EntityReport e : r.entities()) {
            lines.add((e.applied() ? "ok " : "not ok ") + (++n) + " - " + e.table() + ": applied");
            for (TapLine t : e.tests().map(TapResult::tests).orElse(List.of())) {
                lines.add((t.isFailure() ? "not ok " : "ok ") + (++n) + " - " + e.table() + ":"
                        + (t.description().isEmpty() ? "" : " " + t.description())
                        + (t.directive().isEmpty() ? "" : " # " + t.directive()));
                lines.addAll(t.diagnostics());
            }
        }
        StringBuilder sb = new StringBuilder("1..").append(n).append('\n');
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    public static String junit(VerifyReport r, List<Diagnostic> diagnostics) {
        // errors that belong to no entity's spec file (the database could not be reached, the run was interrupted,
        // a server out of locks): one failing test case of their own, so a CI server shows them
        List<Diagnostic> general = diagnostics.stream().filter(Diagnostic::isError)
                .filter(d -> r.entities().stream().noneMatch(e -> d.format().startsWith(e.specFile()))).toList();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<testsuites name=\"specgen verify\" tests=\"%d\" failures=\"%d\" "
                + "time=\"%.3f\">%n", r.testsRun() + r.entities().size() + (general.isEmpty() ? 0 : 1),
                failures(r) + (general.isEmpty() ? 0 : 1), seconds(r.total())));
        if (!general.isEmpty()) {
            String all = String.join("\n", general.stream().map(Diagnostic::format).toList());
            sb.append("  <testsuite name=\"specgen\" tests=\"1\" failures=\"1\" time=\"0.000\">\n");
            sb.append("    <testcase classname=\"specgen\" name=\"verification on ").append(xml(r.database()))
                    .append("\">\n      <failure message=\"").append(xml(general.get(0).headline())).append("\">")
                    .append(xml(all)).append("</failure>\n    </testcase>\n  </testsuite>\n");
        }
        for (EntityReport e : r.entities()) {
            List<TapLine> tests = e.tests().map(TapResult::tests).orElse(List.of());
            long failed = tests.stream().filter(TapLine::isFailure).count() + (e.applied() ? 0 : 1);
            double time = e.tests().map(t -> seconds(t.elapsed())).orElse(0.0);
            sb.append(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\" "
                    + "file=\"%s\">%n", xml(e.table()), tests.size() + 1, failed, time, xml(e.testFile())));
            sb.append("    <testcase classname=\"").append(xml(e.table())).append("\" name=\"applied\"");
            if (e.applied()) {
                sb.append("/>\n");
            } else {
                String why = diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::format)
                        .filter(d -> d.startsWith(e.specFile())).findFirst()
                        .orElse(general.isEmpty() ? "not applied" : "not applied: " + general.get(0).headline());
                sb.append(">\n      <failure message=\"").append(xml(why.split("\n")[0])).append("\">")
                        .append(xml(why)).append("</failure>\n    </testcase>\n");
            }
            for (TapLine t : tests) {
                sb.append("    <testcase classname=\"").append(xml(e.table())).append("\" name=\"")
                        .append(xml(t.number() + " - " + t.description())).append('"');
                if (!t.isFailure()) {
                    sb.append("/>\n");
                    continue;
                }
                sb.append(">\n      <failure message=\"").append(xml(t.description())).append("\">")
                        .append(xml(String.join("\n", t.diagnostics()))).append("</failure>\n    </testcase>\n");
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    private static long failures(VerifyReport r) {
        return r.testsFailed() + r.entities().stream().filter(e -> !e.applied()).count();
    }

    public static String json(VerifyReport r, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"passed\": ").append(r.passed()).append(",\n");
        sb.append("  \"database\": ").append(str(r.database())).append(",\n");
        sb.append("  \"seconds\": ").append(String.format(Locale.ROOT, "%.3f", seconds(r.total()))).append(",\n");
        sb.append("  \"phases\": {");
        List<String> ph = new ArrayList<>();
        r.phases().forEach((k, v) -> ph.add(str(k) + ": " + String.format(Locale.ROOT, "%.3f", seconds(v))));
        sb.append(String.join(", ", ph)).append("},\n  \"entities\": [\n");
        List<String> ents = new ArrayList<>();
        for (EntityReport e : r.entities()) {
            List<String> tests = new ArrayList<>();
            for (TapLine t : e.tests().map(TapResult::tests).orElse(List.of())) {
                tests.add("        {\"number\": " + t.number() + ", \"ok\": " + !t.isFailure() + ", \"description\": "
                        + str(t.description()) + ", \"diagnostics\": " + strs(t.diagnostics()) + "}");
            }
            ents.add("    {\"entity\": " + str(e.entity()) + ", \"table\": " + str(e.table()) + ", \"spec\": "
                    + str(e.specFile()) + ", \"testFile\": " + str(e.testFile()) + ", \"applied\": " + e.applied()
                    + ", \"passed\": " + e.passed() + ",\n      \"tests\": [" + (tests.isEmpty() ? "" : "\n"
                    + String.join(",\n", tests) + "\n      ") + "]}");
        }
        sb.append(String.join(",\n", ents)).append("\n  ],\n  \"diagnostics\": ");
        sb.append(strs(diagnostics.stream().map(Diagnostic::format).toList())).append("\n}\n");
        return sb.toString();
    }

    private static String strs(List<String> items) {
        return "[" + String.join(", ", items.stream().map(Reports::str).toList()) + "]";
    }

    public static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    public static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@code 1 file}, {@code 2 files}. */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** {@code 1 entity}, {@code 2 entities}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
