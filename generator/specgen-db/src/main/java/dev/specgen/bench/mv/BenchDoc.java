package dev.specgen.bench.mv;

/**
 * docs/benchmarks.md holds one section per benchmark, each between its own markers, so that every benchmark rewrites
 * only its own section (others add theirs).
 */
final class BenchDoc {
    static final String MV = "specgen bench mv";
    /** The heading of its section in docs/benchmarks.md. */
    static final String MV_TITLE = "Materialized views";
    static final String HEADER = "# Benchmarks\n\nMeasured figures, written by the benchmarks themselves (each rewrites"
            + " its own section). Timings on a shared machine are noisy: compare ratios measured side by side in one"
            + " run, and the JSON of two runs.\n";

    private BenchDoc() {
    }

    static String begin(String name) {
        return "<!-- " + name + ": begin (written by `" + name + "`) -->";
    }

    static String end(String name) {
        return "<!-- " + name + ": end -->";
    }

    /**
     * {@code doc} with the section of benchmark {@code name} replaced by {@code body} (appended under the heading
     * {@code title} when absent).
     */
    static String withSection(String doc, String name, String title, String body) {
        String text = doc.isEmpty() ? HEADER : doc;
        String section = begin(name) + "\n" + body.strip() + "\n" + end(name);
        int a = text.indexOf(begin(name));
        int b = text.indexOf(end(name));
        if (a >= 0 && b > a) {
            return text.substring(0, a) + section + text.substring(b + end(name).length());
        }
        return text.stripTrailing() + "\n\n## " + title + "\n\n" + section + "\n";
    }
}
