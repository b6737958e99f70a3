package dev.specgen.load;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.diag.SourcePos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * SnakeYAML nodes to {@link YNode}s, for one file. Aliases arrive as shared nodes, so the walk expands them; every
 * visited node is counted against a per-file budget and nesting is bounded, which is what stops alias bombs.
 * Duplicate keys (SG102), complex keys and tags (SG110) are reported here and the offending entries left out.
 */
final class NodeConverter {
    private final String file;
    private final Diagnostics diags;
    private final int maxNodes;
    private final int maxDepth;
    private final Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Scalars reported for a lone surrogate: an alias repeats a node, not its problem. */
    private final Set<Node> reportedSurrogates = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Scalars already converted: meeting one again means an alias repeats it. */
    private final Set<Node> seenScalars = Collections.newSetFromMap(new IdentityHashMap<>());
    private final long maxAliasedChars;
    private long aliasedChars;
    private int visited;
    private SourcePos docPos;
    /** The key whose value is being converted: where an alias that repeats too much text is reported. */
    private SourcePos at;

    NodeConverter(String file, Diagnostics diags, int maxNodes, int maxDepth) {
        this(file, diags, maxNodes, maxDepth, SpecLoader.MAX_ALIASED_CHARS);
    }

    NodeConverter(String file, Diagnostics diags, int maxNodes, int maxDepth, long maxAliasedChars) {
        this.file = file;
        this.diags = diags;
        this.maxNodes = maxNodes;
        this.maxDepth = maxDepth;
        this.maxAliasedChars = maxAliasedChars;
    }

    /** True once the node budget is spent; the loader then stops reading the file. */
    boolean exhausted() {
        return visited > maxNodes;
    }

    /** The converted document, or empty after reporting SG104 (too many nodes, too deep, recursive alias). */
    Optional<YNode> convert(Node root, SourcePos documentPos) {
        docPos = documentPos;
        at = documentPos;
        path.clear();
        try {
            return Optional.of(node(root, 0));
        } catch (LimitExceeded e) {
            diags.error(e.pos(), Code.SG104, e.getMessage());
            return Optional.empty();
        }
    }

    private YNode node(Node n, int depth) {
        if (++visited > maxNodes) {
            throw new LimitExceeded(docPos, "document expands to more than " + maxNodes
                    + " nodes (aliases repeat what they refer to)");
        }
        if (n instanceof ScalarNode s) {
            if (!seenScalars.add(s)) {
                aliased(s);
            }
            return scalar(s);
        }
        if (depth + 1 > maxDepth) {
            throw new LimitExceeded(pos(n), "nesting is deeper than " + maxDepth + " levels");
        }
        if (!path.add(n)) {
            String anchor = n.getAnchor().map(a -> " &" + a.getValue()).orElse("");
            throw new LimitExceeded(pos(n), "recursive alias: the " + kindOf(n) + anchor + " contains itself");
        }
        try {
            checkCollectionTag(n);
            if (n instanceof MappingNode m) {
                return map(m, depth + 1);
            }
            List<YNode> items = new ArrayList<>();
            for (Node child : ((SequenceNode) n).getValue()) {
                items.add(node(child, depth + 1));
            }
            return new YSeq(items, pos(n));
        } finally {
            path.remove(n);
        }
    }

    /**
     * Counts the text an alias repeats (issue 12): the node limit counts an alias to a scalar as one node, however
     * long the text, so aliases of one long text would multiply it unseen into every place the text reaches (a 1 MB
     * spec made 1.9 GB of SQL). Every repetition counts, whether the alias names the scalar or a collection holding
     * it.
     */
    private void aliased(ScalarNode s) {
        aliasedChars += s.getValue().length();
        if (aliasedChars > maxAliasedChars) {
            throw new LimitExceeded(at, "aliases repeat more than " + String.format(java.util.Locale.ROOT, "%,d",
                    maxAliasedChars) + " characters of text in this file (this one repeats a text of "
                    + String.format(java.util.Locale.ROOT, "%,d", s.getValue().length()) + " characters)");
        }
    }

    private YMap map(MappingNode m, int depth) {
        List<YMap.Entry> entries = new ArrayList<>();
        Map<String, YScalar> seen = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                diags.error(pos(t.getKeyNode()), Code.SG110,
                        "mapping keys must be scalars, not a " + kindOf(t.getKeyNode()));
                continue;
            }
            YScalar key = (YScalar) node(keyNode, depth);
            YScalar first = seen.putIfAbsent(key.text(), key);
            if (first != null) {
                diags.error(key.pos(), Code.SG102, "duplicate key " + Texts.quote(key.text())
                        + " (first defined on line " + first.pos().line() + ")");
                continue;
            }
            at = key.pos();
            entries.add(new YMap.Entry(key, node(t.getValueNode(), depth)));
        }
        return new YMap(entries, pos(m));
    }

    private YScalar scalar(ScalarNode n) {
        String text = n.getValue();
        SourcePos pos = pos(n);
        loneSurrogate(text).filter(x -> reportedSurrogates.add(n)).ifPresent(cp -> diags.error(pos, Code.SG112,
                "text holds a lone surrogate " + Texts.codePoint(cp) + ", which is half of a pair and no character",
                "write the character itself, or its 8-digit escape in a double-quoted string: \"\\U0001F600\""));
        boolean plainStyle = n.getScalarStyle() == ScalarStyle.PLAIN;
        if (n.isResolved()) { // no explicit tag
            return plainStyle ? YScalar.plain(text, pos) : YScalar.quoted(text, pos);
        }
        Tag tag = n.getTag();
        if (tag.equals(Tag.STR)) {
            return YScalar.quoted(text, pos);
        }
        boolean matches;
        if (tag.equals(Tag.NULL)) {
            matches = CoreScalars.isNull(text);
        } else if (tag.equals(Tag.BOOL)) {
            matches = CoreScalars.bool(text).isPresent();
        } else if (tag.equals(Tag.INT)) {
            matches = CoreScalars.integer(text).isPresent();
        } else if (tag.equals(Tag.FLOAT)) {
            matches = CoreScalars.isFloat(text);
        } else {
            unsupportedTag(n);
            return plainStyle ? YScalar.plain(text, pos) : YScalar.quoted(text, pos);
        }
        if (!matches) {
            diags.error(pos, Code.SG110, "value " + Texts.quote(text) + " does not match its tag " + shortTag(tag));
            return YScalar.quoted(text, pos);
        }
        return new YScalar(text, true, tag.equals(Tag.NULL), pos);
    }

    private void checkCollectionTag(Node n) {
        if (n.isResolved()) {
            return;
        }
        Tag expected = n instanceof MappingNode ? Tag.MAP : Tag.SEQ;
        if (!n.getTag().equals(expected)) {
            unsupportedTag(n);
        }
    }

    private void unsupportedTag(Node n) {
        Tag tag = n.getTag();
        boolean core = tag.equals(Tag.STR) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL)
                || tag.equals(Tag.NULL) || tag.equals(Tag.MAP) || tag.equals(Tag.SEQ);
        if (core) {
            diags.error(pos(n), Code.SG110, "tag " + shortTag(tag) + " cannot be used on a " + kindOf(n));
        } else {
            diags.error(pos(n), Code.SG110, "tag " + shortTag(tag) + " is not supported",
                    "specs use plain YAML values; remove the tag");
        }
    }

    private SourcePos pos(Node n) {
        return n.getStartMark().map(m -> SourcePos.of(file, m.getLine(), m.getColumn()))
                .orElseGet(() -> SourcePos.file(file));
    }

    private static String kindOf(Node n) {
        return n instanceof MappingNode ? "mapping" : n instanceof SequenceNode ? "sequence" : "scalar";
    }

    /** {@code !!int}, {@code !local}, or {@code !<tag:example.com,2024:x>}; quoted-safe and bounded. */
    static String shortTag(Tag tag) {
        String v = tag.getValue();
        String s = v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length())
                : v.startsWith("!") ? v : "!<" + v + ">";
        String q = Texts.quote(s);
        return q.substring(1, q.length() - 1);
    }

    /**
     * The first unpaired surrogate of {@code text}: a double-quoted {@code "\\uD800"} yields one, and it would
     * silently become {@code ?} when written as UTF-8.
     */
    static Optional<Integer> loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of((int) c);
            }
        }
        return Optional.empty();
    }
}
