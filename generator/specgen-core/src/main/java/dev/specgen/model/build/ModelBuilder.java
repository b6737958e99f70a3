package dev.specgen.model.build;

import dev.specgen.Parallel;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.YDocument;
import dev.specgen.model.Entity;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.SpecModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model stage: positioned YAML trees to {@link SpecModel}: one {@link Entity} per entity document and one
 * {@link MaterializedView} per view document (a document with {@code materialized_view:} and no {@code entity:}) or
 * entity-level {@code materialized_view:}, in load order.
 * Shape problems (unknown keys SG106, wrong value kinds SG107, missing keys SG108, unknown words SG109, unknown
 * types SG201, type parameters SG219, partition bounds SG214-SG218...) are reported to {@code diags} and the
 * offending element is left out; building goes on, so one run reports everything. Never throws for bad input.
 *
 * <p>Partitions are resolved here, from the spec alone (never from the clock): see {@code docs/spec-reference.md}
 * for the naming of generated partitions.
 */
public final class ModelBuilder {
    private ModelBuilder() {
    }

    public static SpecModel build(List<LoadedFile> files, Diagnostics diags) {
        return build(files, diags, true);
    }

    /**
     * {@code onAllCores} false: every document on this thread, as when the specs declare types. Documents are
     * built on all cores only when no document declares a type ({@code types:}): a declared type is built the first
     * time an entity uses it, and its problems reported then, which one thread at a time must do in document order.
     * Otherwise a document's entity or view depends on nothing but the document, so each is built with its own
     * collector and the collectors are added in document order: the model and the diagnostics are those of one
     * thread, in the same order (issue 12: model building was a single-threaded tenth of a 1,000-entity build).
     */
    static SpecModel build(List<LoadedFile> files, Diagnostics diags, boolean onAllCores) {
        Shape shape = new Shape(diags);
        DeclaredTypes declared = DeclaredTypes.collect(shape, files);
        List<Entity> entities = new ArrayList<>();
        List<MaterializedView> views = new ArrayList<>();
        if (onAllCores && declared.declaresNone()) {
            List<YDocument> documents = new ArrayList<>();
            files.forEach(f -> documents.addAll(f.documents()));
            for (Built b : Parallel.map(documents, d -> document(d, declared))) {
                diags.addAll(b.diags().all());
                b.entity().ifPresent(entities::add);
                views.addAll(b.views());
            }
            return new SpecModel(entities, views, declared.all());
        }
        EntityBuilder builder = new EntityBuilder(shape, declared);
        ViewBuilder viewBuilder = new ViewBuilder(shape);
        for (LoadedFile f : files) {
            for (YDocument doc : f.documents()) {
                one(doc, builder, viewBuilder, views).ifPresent(entities::add);
            }
        }
        return new SpecModel(entities, views, declared.all());
    }

    /** {@code doc}'s entity, or its view (added to {@code views}) when it declares a view rather than an entity. */
    private static Optional<Entity> one(YDocument doc, EntityBuilder builder, ViewBuilder viewBuilder,
            List<MaterializedView> views) {
        if (ViewBuilder.isViewDocument(doc.root())) {
            viewBuilder.document((dev.specgen.load.YMap) doc.root()).ifPresent(views::add);
            return Optional.empty();
        }
        return builder.build(doc, views);
    }

    /** What one document made: its entity, the views it declares, and its problems. */
    private record Built(Optional<Entity> entity, List<MaterializedView> views, Diagnostics diags) {
    }

    /**
     * One document built alone, with a collector of its own; {@code declared} declares no type, so it is only read
     * (the extensions the run declares, for contrib types).
     */
    private static Built document(YDocument doc, DeclaredTypes declared) {
        Diagnostics own = new Diagnostics();
        Shape shape = new Shape(own);
        List<MaterializedView> views = new ArrayList<>();
        Optional<Entity> entity = one(doc, new EntityBuilder(shape, declared), new ViewBuilder(shape), views);
        return new Built(entity, views, own);
    }
}
