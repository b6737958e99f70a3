package dev.specgen.render;

import dev.specgen.diag.SourcePos;
import java.util.Objects;

/**
 * A rendered session check ({@link dev.specgen.testgen.SessionCheck}): the SQL of each phase as it appears in its
 * file, for the verifier's session runner. {@code entity} is the spec name of the entity it belongs to.
 */
public record RenderedSessionCheck(String entity, String file, String name, String description, int sessions,
        int rounds, String setup, String session, String check, int checkTests, String cleanup, SourcePos origin) {
    public RenderedSessionCheck {
        Objects.requireNonNull(entity, "entity == null");
        Objects.requireNonNull(file, "file == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(description, "description == null");
        Objects.requireNonNull(setup, "setup == null");
        Objects.requireNonNull(session, "session == null");
        Objects.requireNonNull(check, "check == null");
        Objects.requireNonNull(cleanup, "cleanup == null");
        Objects.requireNonNull(origin, "origin == null");
    }
}
