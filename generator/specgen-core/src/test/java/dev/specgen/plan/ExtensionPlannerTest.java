package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.ModelBuilder;
import dev.specgen.validate.Extensions;
import dev.specgen.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionPlannerTest {

    private static SchemaPlan plan(String... yamls) {
        Diagnostics diags = new Diagnostics();
        List<LoadedFile> files = new ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            files.add(new SpecLoader().load((char) ('a' + i) + ".yaml", yamls[i].getBytes(StandardCharsets.UTF_8),
                    diags));
        }
        SpecModel model = ModelBuilder.build(files, diags);
        Validator.validate(model, diags);
        assertEquals(List.of(), diags.sorted().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList());
        return new Planner(Extensions::required).plan(model);
    }

    private static List<String> objects(SchemaPlan plan, Class<?> kind) {
        List<String> out = new ArrayList<>();
        for (PlannedFile f : plan.files()) {
            f.objects().stream().filter(kind::isInstance).forEach(o -> out.add(f.path() + ": " + o));
        }
        return out;
    }

    @Test
    void eachExtensionOnceInTheFirstSchemaThatDeclaresOrNeedsItSortedByName() {
        SchemaPlan plan = plan("""
                entity: B
                schema: zeta
                extensions: [pg_trgm, uuid-ossp]
                fields: {id: bigint, at: tstzrange}
                indexes: [{columns: [id, at], type: gist}]
                """, """
                entity: A
                schema: alpha
                extensions: [pg_trgm]
                fields: {id: bigint}
                """);
        assertEquals(List.of(
                "alpha/00_schema.sql: CreateExtension[name=pg_trgm, schema=alpha, reason=pg_trgm: declared by a,"
                        + " zeta.b, origin=b.yaml:3:14]",
                "zeta/00_schema.sql: CreateExtension[name=btree_gist, schema=zeta, reason=GiST indexes on plain"
                        + " scalar columns need btree_gist (used by b), origin=a.yaml:1:9]",
                "zeta/00_schema.sql: CreateExtension[name=\"uuid-ossp\", schema=zeta, reason=uuid-ossp: declared by b,"
                        + " origin=a.yaml:3:23]"),
                objects(plan, SqlObject.CreateExtension.class));
    }

    @Test
    void unqualifiedOperatorClassesOfTheRunsExtensionsAreQualifiedWithTheirSchema() {
        SchemaPlan plan = plan("""
                entity: A
                schema: app
                extensions: [pg_trgm]
                fields: {id: bigint, name: text, code: text}
                indexes:
                  - {name: a_name_idx, columns: [name gin_trgm_ops], type: gin}
                  - {name: a_name_kept_idx, columns: [name public.gist_trgm_ops], type: gist}
                  - {name: a_code_idx, columns: [code text_pattern_ops DESC]}
                """);
        List<String> keys = new ArrayList<>();
        plan.files().forEach(f -> f.objects().stream().filter(SqlObject.CreateIndex.class::isInstance)
                .map(SqlObject.CreateIndex.class::cast).forEach(i -> keys.add(i.name() + " " + i.keys())));
        assertEquals(List.of("a_name_idx [name app.gin_trgm_ops]", "a_name_kept_idx [name public.gist_trgm_ops]",
                "a_code_idx [code text_pattern_ops DESC]"), keys);
    }
}
