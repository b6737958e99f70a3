package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.Hints;
import dev.specgen.model.Reference;
import dev.specgen.model.Storage;
import dev.specgen.view.ViewCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    static final SourcePos POS = new SourcePos("specs/c.yaml", 1, 1);

    static Field field(String name, Optional<String> references) {
        return new Field(name, new FieldType.Simple(FieldType.Kind.BIGINT), true, false, Optional.empty(),
                Field.Identity.NONE, false, false, Optional.empty(),
                references.map(r -> new Reference(r, Optional.empty(), Optional.empty(), Optional.empty(), POS)),
                Optional.empty(), POS, POS, POS, Optional.empty(), POS, POS);
    }

    static Entity entity(String name, Optional<String> references) {
        return new Entity(name, "c", name.toLowerCase(java.util.Locale.ROOT), Optional.empty(),
                List.of(field("id", Optional.empty()), field("next_id", references)), List.of(), List.of(), List.of(),
                Optional.empty(), Storage.NONE, List.of(), Hints.NONE, dev.specgen.model.TableFeatures.NONE, POS, POS,
                List.of(), List.of(), Optional.empty(), List.of(), Entity.Identifiers.LOWER_CASE);
    }

    /**
     * Issue 12: the order was found by recursion (DependencyOrder, then DependencyGraph), one level per reference, so a long enough chain of references
     * overflowed the stack at 5,000 (a crash, not a diagnostic), and a run within the limits may hold that many.
     * Entity i references entity i + 1, so the last must come first.
     */
    @Test
    void aChainLongerThanTheStackIsOrdered() {
        int n = 20_000;
        List<Entity> chain = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chain.add(entity(String.format(java.util.Locale.ROOT, "N%06d", i),
                    i + 1 < n ? Optional.of(String.format(java.util.Locale.ROOT, "N%06d", i + 1)) : Optional.empty()));
        }
        DependencyGraph order = DependencyGraph.of(chain, ViewCatalog.EMPTY);
        List<String> names = order.entities().stream().map(Entity::name).toList();
        assertEquals(n, names.size());
        assertEquals("N019999", names.get(0));
        assertEquals("N000000", names.get(n - 1));
        assertEquals(0, order.deferred().size());
    }

    /** The reference that closes a cycle is the one detached, as before. */
    @Test
    void aCycleIsDetachedWhereItCloses() {
        List<Entity> cycle = List.of(entity("A", Optional.of("B")), entity("B", Optional.of("C")),
                entity("C", Optional.of("A")));
        DependencyGraph order = DependencyGraph.of(cycle, ViewCatalog.EMPTY);
        assertEquals(List.of("C", "B", "A"), order.entities().stream().map(Entity::name).toList());
        assertEquals(java.util.Set.of("C.next_id"), order.deferred());
    }
}
