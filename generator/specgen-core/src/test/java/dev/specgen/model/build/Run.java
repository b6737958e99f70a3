package dev.specgen.model.build;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import dev.specgen.load.LoadedFile;
import dev.specgen.load.SpecLoader;
import dev.specgen.model.Entity;
import dev.specgen.model.SpecModel;
import dev.specgen.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: YAML text through the real loader, the model builder and (optionally) the validator. Files are named
 * {@code a.yaml}, {@code b.yaml}... in argument order; diagnostics come back formatted and sorted, one string each
 * (headline, plus {@code \n  hint: ...} where there is a hint).
 */
public final class Run {
    public final SpecModel model;
    public final List<String> diagnostics;

    private Run(SpecModel model, List<String> diagnostics) {
        this.model = model;
        this.diagnostics = diagnostics;
    }

    /** Load and build only. */
    public static Run build(String... yamls) {
        return run(false, yamls);
    }

    /** Load, build and validate. */
    public static Run validate(String... yamls) {
        return run(true, yamls);
    }

    private static Run run(boolean validate, String... yamls) {
        Diagnostics diags = new Diagnostics();
        List<LoadedFile> files = new ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            String name = (char) ('a' + i) + ".yaml";
            files.add(new SpecLoader().load(name, yamls[i].getBytes(StandardCharsets.UTF_8), diags));
        }
        SpecModel model = ModelBuilder.build(files, diags);
        if (validate) {
            Validator.validate(model, diags);
        }
        return new Run(model, diags.sorted().stream().map(Diagnostic::format).toList());
    }

    public Entity entity() {
        return model.entities().get(0);
    }

    /** Lines joined with {@code \n}, for one readable assertEquals. */
    public String text() {
        return String.join("\n", diagnostics);
    }

    /** A minimal valid entity with the given extra YAML appended (top-level keys, already indented). */
    public static String entity(String fieldsYaml, String rest) {
        return "entity: Sale\nfields:\n" + fieldsYaml + rest;
    }
}
