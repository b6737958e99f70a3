package dev.specgen.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Facts derived while validating that later stages use. {@code extensions} maps each entity name (in model order)
 * to the PostgreSQL extensions its indexes need ({@code btree_gin}, {@code btree_gist}), sorted; entities that need
 * none map to an empty set. The same answer for one entity is {@link Extensions#required}. {@code views} is what the
 * view analysis made of every materialized view, in dependency order; {@code workflows} the workflows that
 * compile to set-based maintenance.
 */
public record ValidationResult(Map<String, SortedSet<String>> extensions, dev.specgen.view.ViewCatalog views,
        java.util.List<dev.specgen.workflow.CompiledWorkflow> workflows) {

    public ValidationResult {
        Map<String, SortedSet<String>> copy = new LinkedHashMap<>();
        extensions.forEach((k, v) -> copy.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
        extensions = Collections.unmodifiableMap(copy);
        java.util.Objects.requireNonNull(views, "views == null");
        workflows = java.util.List.copyOf(workflows);
    }

    public ValidationResult(Map<String, SortedSet<String>> extensions, dev.specgen.view.ViewCatalog views) {
        this(extensions, views, java.util.List.of());
    }

    public ValidationResult(Map<String, SortedSet<String>> extensions) {
        this(extensions, dev.specgen.view.ViewCatalog.EMPTY);
    }

    /** Every extension any entity needs, sorted. */
    public SortedSet<String> allExtensions() {
        SortedSet<String> all = new TreeSet<>();
        extensions.values().forEach(all::addAll);
        return Collections.unmodifiableSortedSet(all);
    }
}
