package dev.specgen.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.SourcePos;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The hand-written {@code equals} and {@code hashCode} of the expression records, {@link SourcePos} and
 * {@link Diagnostic} keep the records' own: equal when every component is, unequal when one differs, and the hash
 * the generated method gives (31 times the hash so far plus the next component's, in component order).
 */
class AstEqualityTest {
    private static int hash(Object... components) {
        int h = 0;
        for (Object c : components) {
            h = 31 * h + java.util.Objects.hashCode(c);
        }
        return h;
    }

    private static void same(Object a, Object b, int expectedHash) {
        assertEquals(a, b);
        assertEquals(b, a);
        assertEquals(expectedHash, a.hashCode());
        assertEquals(expectedHash, b.hashCode());
    }

    @Test
    void expressionsAreEqualComponentByComponent() {
        Ast.Ref ref = new Ast.Ref(Optional.of("transaction"), "amount");
        same(ref, new Ast.Ref(Optional.of("transaction"), "amount"), hash(Optional.of("transaction"), "amount"));
        assertNotEquals(ref, new Ast.Ref(Optional.empty(), "amount"));
        assertNotEquals(ref, new Ast.Ref(Optional.of("transaction"), "qty"));

        Ast.Num one = new Ast.Num("1");
        same(one, new Ast.Num("1"), hash("1"));
        assertNotEquals(one, new Ast.Num("2"));
        assertNotEquals(one, new Ast.Par(one));

        Ast.Bin sum = new Ast.Bin(ref, "+", one);
        same(sum, new Ast.Bin(new Ast.Ref(Optional.of("transaction"), "amount"), "+", new Ast.Num("1")),
                hash(ref, "+", one));
        assertNotEquals(sum, new Ast.Bin(ref, "-", one));
        assertNotEquals(sum, new Ast.Bin(one, "+", one));
        assertNotEquals(sum, new Ast.Bin(ref, "+", new Ast.Num("2")));

        Ast.Call call = new Ast.Call("coalesce", List.of(sum, one));
        same(call, new Ast.Call("coalesce", List.of(sum, new Ast.Num("1"))), hash("coalesce", List.of(sum, one)));
        assertNotEquals(call, new Ast.Call("greatest", List.of(sum, one)));
        assertNotEquals(call, new Ast.Call("coalesce", List.of(sum)));

        Ast.Par par = new Ast.Par(sum);
        same(par, new Ast.Par(new Ast.Bin(ref, "+", one)), hash(sum));
        assertNotEquals(par, new Ast.Par(one));
        assertNotEquals(par, sum);
    }

    @Test
    void positionsAndDiagnosticsHashAsTheGeneratedRecordMethodsDo() {
        SourcePos pos = new SourcePos("specs/a.yaml", 3, 7);
        same(pos, new SourcePos("specs/a.yaml", 3, 7), hash("specs/a.yaml", 3, 7));
        assertNotEquals(pos, new SourcePos("specs/a.yaml", 3, 8));
        assertNotEquals(pos.hashCode(), new SourcePos("specs/a.yaml", 4, 7).hashCode());

        Diagnostic d = Diagnostic.error(pos, Code.SG003, "bad").withHint("fix it");
        Diagnostic e = Diagnostic.error(new SourcePos("specs/a.yaml", 3, 7), Code.SG003, "bad").withHint("fix it");
        same(d, e, hash(pos, d.severity(), Code.SG003, "bad", Optional.of("fix it")));
        assertNotEquals(d, Diagnostic.error(pos, Code.SG003, "bad"));
        assertNotEquals(d, Diagnostic.error(pos, Code.SG004, "bad").withHint("fix it"));
    }
}
