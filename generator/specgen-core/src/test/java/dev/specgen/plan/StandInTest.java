package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.specgen.diag.SourcePos;
import dev.specgen.plan.SqlObject.Constraint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An object with nothing for the parse gate's stand-in to replace is its own stand-in: the renderer renders a stand-in
 * that is another object once more and does not compare the two (see {@link SqlObject#parseStandIn()}).
 */
class StandInTest {
    private static final SourcePos POS = new SourcePos("s.yaml", 1, 1);

    private static SqlObject.CreateTable table(String type, String dflt, Constraint c) {
        return new SqlObject.CreateTable("app.t", false, List.of(new SqlObject.Column("id", "id", "bigint", true, "",
                "", POS), new SqlObject.Column("v", "v", type, false, dflt, "", POS)), List.of(c), "", List.of(), POS);
    }

    private static SqlObject.CreateIndex index(List<String> keys, String where) {
        return new SqlObject.CreateIndex("t_idx", "app.t", false, false, false, "btree", keys, List.of(), where,
                List.of(), POS);
    }

    @Test
    void anObjectWithNothingToReplaceIsItsOwnStandIn() {
        Constraint pk = new Constraint(Constraint.Kind.PRIMARY_KEY, "t_pkey", "PRIMARY KEY (id)", POS);
        SqlObject plain = table("text", "", pk);
        assertSame(plain, plain.parseStandIn());
        SqlObject ix = index(List.of("id", "v"), "");
        assertSame(ix, ix.parseStandIn());
        SqlObject fk = new SqlObject.AddConstraint("app.t", new Constraint(Constraint.Kind.FOREIGN_KEY, "t_fk",
                "FOREIGN KEY (id) REFERENCES app.u (id)", POS), POS);
        assertSame(fk, fk.parseStandIn());
        SqlObject schema = new SqlObject.CreateSchema("specgen_schema", POS);
        assertSame(schema, schema.parseStandIn());
    }

    @Test
    void anObjectWithSomethingToReplaceGetsAnotherStandIn() {
        Constraint pk = new Constraint(Constraint.Kind.PRIMARY_KEY, "t_pkey", "PRIMARY KEY (id)", POS);
        Constraint check = new Constraint(Constraint.Kind.CHECK, "t_v_check", "CHECK (v <> '')", POS);
        for (SqlObject o : List.of(table("app.mood", "", pk), table("text", "'x'", pk), table("text", "", check),
                index(List.of("(lower(v))"), ""), index(List.of("v"), "v IS NOT NULL"),
                new SqlObject.AddConstraint("app.t", check, POS), new SqlObject.CreateSchema("app", POS))) {
            SqlObject standIn = o.parseStandIn();
            assertNotSame(o, standIn, o.describe());
            assertEquals(o.getClass(), standIn.getClass());
        }
        SqlObject.CreateTable t = (SqlObject.CreateTable) table("app.mood", "'x'", check).parseStandIn();
        assertEquals("specgen_enum", t.columns().get(1).type());
        assertEquals("NULL", t.columns().get(1).defaultSql());
        assertEquals("CHECK (true)", t.constraints().get(0).body());
    }
}
