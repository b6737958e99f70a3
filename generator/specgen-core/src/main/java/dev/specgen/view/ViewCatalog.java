package dev.specgen.view;

import java.util.List;
import java.util.Optional;

/**
 * Every view the analysis could make sense of, in dependency order (a view after the views it reads). Views with
 * errors are left out; a plan is only made from a run without errors.
 */
public record ViewCatalog(List<AnalyzedView> views) {
    public static final ViewCatalog EMPTY = new ViewCatalog(List.of());

    public ViewCatalog {
        views = List.copyOf(views);
    }

    public Optional<AnalyzedView> view(String schema, String name) {
        return views.stream().filter(v -> v.view().schema().equals(schema) && v.view().name().equals(name))
                .findFirst();
    }
}
