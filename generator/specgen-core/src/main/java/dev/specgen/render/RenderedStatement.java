package dev.specgen.render;

import dev.specgen.plan.SqlObject;
import java.util.Objects;

/** One statement's SQL with the plan object (and so the spec position) it came from. */
public record RenderedStatement(SqlObject object, String sql, String file) {
    public RenderedStatement {
        Objects.requireNonNull(object, "object == null");
        Objects.requireNonNull(sql, "sql == null");
        Objects.requireNonNull(file, "file == null");
    }
}
