package dev.specgen.render;

import java.util.List;
import java.util.Objects;

/**
 * What overview.ftl renders ({@code README.md} of the output folder): a Mermaid class diagram of the schema objects
 * ({@link Node}: tables and views, each with a kind) and the links between them ({@link Link}: foreign keys
 * and view sources), plus one table row per node. Every string is already escaped for where it goes
 * (Mermaid or a Markdown table cell): the template only places it.
 */
public record OverviewModel(String sources, String installFile, String summary, List<Node> nodes,
        List<Link> links) {
    public OverviewModel {
        Objects.requireNonNull(sources, "sources == null");
        Objects.requireNonNull(installFile, "installFile == null");
        Objects.requireNonNull(summary, "summary == null");
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /**
     * One box. {@code id} is a Mermaid identifier, {@code label} the qualified name; {@code annotation} (Mermaid
     * {@code <<...>>}) says how it is partitioned, empty for a plain table; {@code members} are the columns and
     * {@code methods} the indexes, as Mermaid member lines; the {@code row*} strings are its Markdown table cells.
     */
    public record Node(String kind, String id, String label, String annotation, List<String> members,
            List<String> methods, String rowSpec, String rowPartitions, String rowIndexes, String rowReferences) {
        public Node {
            members = List.copyOf(members);
            methods = List.copyOf(methods);
        }

        public boolean hasAnnotation() {
            return !annotation.isEmpty();
        }
    }

    /**
     * An arrow from the node that depends to the one it depends on, with a label: a foreign key with cardinalities,
     * or ({@code dependency}) a view reading its source.
     */
    public record Link(String from, String fromCardinality, String to, String toCardinality, String label,
            boolean dependency) {
    }
}
