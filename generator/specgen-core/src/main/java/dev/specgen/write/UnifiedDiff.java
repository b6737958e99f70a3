package dev.specgen.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A unified diff of two texts, as {@code diff -u} (and {@code git diff}) print it: {@code ---}/{@code +++} labels,
 * {@code @@ -a,b +c,d @@} hunks with {@value #CONTEXT} lines of context, hunks closer than twice that merged,
 * {@code \ No newline at end of file} where a text does not end in a newline. The edit script is Myers' shortest
 * one (common head and tail first); past {@value #MAX_EDITS} edits the changed middle is shown as removed and added
 * as a whole, still a correct diff, so memory stays bounded on a rewritten file. Within a change, removed lines come
 * before added ones. Control characters are shown as {@code \xHH} (see {@link Escape}): the diff is for reading in
 * a terminal or a CI log, so a carriage return or an escape sequence in a file on disk must not act there.
 */
public final class UnifiedDiff {
    public static final int CONTEXT = 3;
    static final int MAX_EDITS = 2000;

    private static final byte EQ = 0;
    private static final byte DEL = 1;
    private static final byte INS = 2;

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}; the empty string when they are equal. */
    public static String diff(String beforeLabel, String afterLabel, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        byte[] script = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(Escape.printable(beforeLabel)).append('\n');
        out.append("+++ ").append(Escape.printable(afterLabel)).append('\n');
        int aLine = 0;
        int bLine = 0;
        int i = 0;
        while (i < script.length) {
            if (script[i] == EQ) {
                aLine++;
                bLine++;
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int last = i;
            int j = i;
            while (j < script.length && (script[j] != EQ || j - last <= 2 * CONTEXT)) {
                if (script[j] != EQ) {
                    last = j;
                }
                j++;
            }
            int end = Math.min(script.length, last + 1 + CONTEXT);
            // aLine/bLine count the lines before i; the hunk starts (i - start) equal lines earlier
            int aStart = aLine - (i - start);
            int bStart = bLine - (i - start);
            int aCount = 0;
            int bCount = 0;
            for (int k = start; k < end; k++) {
                aCount += script[k] != INS ? 1 : 0;
                bCount += script[k] != DEL ? 1 : 0;
            }
            out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount))
                    .append(" @@\n");
            int x = aStart;
            int y = bStart;
            for (int k = start; k < end; k++) {
                switch (script[k]) {
                    case EQ -> {
                        line(out, ' ', a.get(x++));
                        y++;
                    }
                    case DEL -> line(out, '-', a.get(x++));
                    default -> line(out, '+', b.get(y++));
                }
            }
            aLine = x;
            bLine = y;
            i = end;
        }
        return out.toString();
    }

    private static void line(StringBuilder out, char mark, String line) {
        boolean newline = line.endsWith("\n");
        out.append(mark).append(Escape.printable(newline ? line.substring(0, line.length() - 1) : line))
                .append('\n');
        if (!newline) {
            out.append("\\ No newline at end of file\n");
        }
    }

    /** GNU diff's range: {@code start,count}; {@code start} alone for one line; the line before for none. */
    private static String range(int before, int count) {
        return count == 1 ? String.valueOf(before + 1) : (count == 0 ? before : before + 1) + "," + count;
    }

    /** Lines with their '\n'; the last has none when the text does not end in one. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            int to = nl < 0 ? text.length() : nl + 1;
            out.add(text.substring(from, to));
            from = to;
        }
        return out;
    }

    /** The edit script from a to b: one EQ, DEL or INS per line, in order. */
    static byte[] script(List<String> aLines, List<String> bLines) {
        Map<String, Integer> ids = new HashMap<>();
        int[] a = aLines.stream().mapToInt(s -> ids.computeIfAbsent(s, k -> ids.size())).toArray();
        int[] b = bLines.stream().mapToInt(s -> ids.computeIfAbsent(s, k -> ids.size())).toArray();
        int head = 0;
        while (head < a.length && head < b.length && a[head] == b[head]) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail] == b[b.length - 1 - tail]) {
            tail++;
        }
        int[] am = Arrays.copyOfRange(a, head, a.length - tail);
        int[] bm = Arrays.copyOfRange(b, head, b.length - tail);
        byte[] middle = myers(am, bm);
        if (middle == null) { // too many edits: all of the middle out, all of it in
            middle = new byte[am.length + bm.length];
            Arrays.fill(middle, 0, am.length, DEL);
            Arrays.fill(middle, am.length, middle.length, INS);
        }
        byte[] out = new byte[head + middle.length + tail];
        System.arraycopy(deletesFirst(middle), 0, out, head, middle.length);
        return out; // EQ is 0: head and tail are already filled
    }

    /** Within each run of changes, removed lines first, then added ones (same lines, the order diff -u shows). */
    private static byte[] deletesFirst(byte[] s) {
        int i = 0;
        while (i < s.length) {
            if (s[i] == EQ) {
                i++;
                continue;
            }
            int j = i;
            int dels = 0;
            while (j < s.length && s[j] != EQ) {
                dels += s[j] == DEL ? 1 : 0;
                j++;
            }
            Arrays.fill(s, i, i + dels, DEL);
            Arrays.fill(s, i + dels, j, INS);
            i = j;
        }
        return s;
    }

    /**
     * Myers' O((N+M)D) greedy algorithm, keeping each round's furthest points to walk back the path; null when more
     * than {@link #MAX_EDITS} edits are needed (the kept rounds would cost O(D^2) memory).
     */
    private static byte[] myers(int[] a, int[] b) {
        int n = a.length;
        int m = b.length;
        int max = n + m;
        int off = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            if (d > MAX_EDITS) {
                return null;
            }
            trace.add(Arrays.copyOfRange(v, off - d - 1, off + d + 2)); // v before round d, k in [-d-1, d+1]
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x] == b[y]) {
                    x++;
                    y++;
                }
                v[off + k] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, n, m);
                }
            }
        }
        throw new IllegalStateException("unreachable: d = n + m always reaches the end");
    }

    private static byte[] backtrack(List<int[]> trace, int n, int m) {
        byte[] reversed = new byte[n + m];
        int len = 0;
        int x = n;
        int y = m;
        for (int d = trace.size() - 1; d >= 0; d--) {
            int[] v = trace.get(d);
            int base = d + 1; // index of k = 0 in this round's slice
            int k = x - y;
            int prevK = k == -d || (k != d && v[base + k - 1] < v[base + k + 1]) ? k + 1 : k - 1;
            int prevX = v[base + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                reversed[len++] = EQ;
                x--;
                y--;
            }
            if (d > 0) {
                reversed[len++] = x == prevX ? INS : DEL;
            }
            x = prevX;
            y = prevY;
        }
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = reversed[len - 1 - i];
        }
        return out;
    }
}
