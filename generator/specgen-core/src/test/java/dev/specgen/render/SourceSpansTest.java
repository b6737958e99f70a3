package dev.specgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject;
import dev.specgen.plan.SqlObject.Column;
import dev.specgen.plan.SqlObject.Constraint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL's error position maps to the column or constraint whose rendered text holds it, whatever layout the
 * template has (issue 6 item 8: positions came from counting lines of the built-in create_table.ftl).
 */
class SourceSpansTest {
    static final SourcePos TABLE = new SourcePos("specs/a.yaml", 1, 9);
    static final SourcePos ID = new SourcePos("specs/a.yaml", 4, 3);
    static final SourcePos AMOUNT = new SourcePos("specs/a.yaml", 6, 3);
    static final SourcePos CHECK = new SourcePos("specs/a.yaml", 8, 12);

    static final SqlObject.CreateTable T = new SqlObject.CreateTable("app.orders", false,
            List.of(new Column("id", "id    ", "bigint", true, "", "", ID),
                    new Column("amount", "amount", "integer", false, "0", "", AMOUNT)),
            List.of(new Constraint(Constraint.Kind.CHECK, "orders_amount_check", "CHECK (quantity > 0)", CHECK)),
            "", List.of(), TABLE);

    /** The origin at the first character of {@code word} in the statement, as PostgreSQL would report it. */
    static SourcePos at(RenderedStatement s, String word) {
        return s.originAt(s.sql().indexOf(word) + 1);
    }

    static RenderedStatement render(Renderer r) {
        String sql = r.object(T);
        return new RenderedStatement(T, sql, "app/01_orders.sql", sql, SourceSpans.of(T, sql, r::object));
    }

    @Test
    void builtInTemplate() {
        RenderedStatement s = render(new Renderer(Optional.empty()));
        assertEquals(CHECK, at(s, "quantity"));
        assertEquals(AMOUNT, at(s, "integer"));
        assertEquals(AMOUNT, at(s, "DEFAULT 0"));
        assertEquals(ID, at(s, "bigint"));
        assertEquals(TABLE, at(s, "app.orders"));
        assertEquals(TABLE, s.originAt(0));
    }

    @Test
    void overrideWithHeadersCommentsAndOtherLayout(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(dir.resolve("postgres/create_table.ftl"), """
                -- Licensed under the Apache License, Version 2.0
                -- columns: <#list columns as c>${c.name}<#sep>, </#sep></#list>
                CREATE TABLE IF NOT EXISTS ${name} (
                <#list columns as c>
                    ${c.name}
                        ${c.type}<#if c.hasAttributes> ${c.attributes}</#if><#if c?has_next || hasConstraints>,</#if>
                </#list>
                <#list constraints as k>
                    CONSTRAINT ${k.name} ${k.body}<#sep>,</#sep>
                </#list>
                );
                """, StandardCharsets.UTF_8);
        RenderedStatement s = render(new Renderer(Optional.of(dir)));
        assertEquals(CHECK, at(s, "quantity"));
        assertEquals(AMOUNT, at(s, "integer"));
        assertEquals(ID, at(s, "bigint"));
        assertEquals(TABLE, at(s, "Licensed"));
        assertEquals(TABLE, at(s, "CREATE"));
    }

    /** A template that transforms the text cannot be read back: nothing is claimed, errors point at the table. */
    @Test
    void transformedTextClaimsNothing(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("postgres"));
        Files.writeString(dir.resolve("postgres/create_table.ftl"), """
                CREATE TABLE ${name} (<#list columns as c>c${c.name?length} ${c.type}<#sep>, </#sep></#list>);
                """, StandardCharsets.UTF_8);
        RenderedStatement s = render(new Renderer(Optional.of(dir)));
        assertEquals(List.of(), s.spans());
        assertEquals(TABLE, at(s, "integer"));
    }
}
