package dev.specgen.model.build;

import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.YDocument;
import dev.specgen.model.Entity;
import dev.specgen.model.MaterializedView;
import dev.specgen.model.SpecModel;
import java.util.ArrayList;
import java.util.List;

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
        Shape shape = new Shape(diags);
        DeclaredTypes declared = DeclaredTypes.collect(shape, files);
        EntityBuilder builder = new EntityBuilder(shape, declared);
        ViewBuilder viewBuilder = new ViewBuilder(shape);
        List<Entity> entities = new ArrayList<>();
        List<MaterializedView> views = new ArrayList<>();
        for (LoadedFile f : files) {
            for (YDocument doc : f.documents()) {
                if (ViewBuilder.isViewDocument(doc.root())) {
                    viewBuilder.document((dev.specgen.load.YMap) doc.root()).ifPresent(views::add);
                } else {
                    builder.build(doc, views).ifPresent(entities::add);
                }
            }
        }
        return new SpecModel(entities, views, declared.all());
    }
}
