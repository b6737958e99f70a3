package dev.specgen.validate;

import dev.specgen.model.Entity;
import dev.specgen.model.FieldType;
import dev.specgen.model.FieldType.Traits;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.TableConstraint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which extensions an entity's indexes need. A GiST index on plain scalar columns (text, integers, timestamps,
 * uuid...) needs {@code btree_gist}, and so does a GiST EXCLUDE constraint on them; a GIN index on them needs
 * {@code btree_gin}. Columns with an explicit operator
 * class and expression keys are the spec author's business and count for nothing here.
 *
 * <p>Planner use: {@code new Planner(Extensions::required)}.
 */
public final class Extensions {
    public static final String BTREE_GIST = "btree_gist";
    public static final String BTREE_GIN = "btree_gin";

    private Extensions() {
    }

    /** Sorted extension names ({@code btree_gin}, {@code btree_gist}) the entity's indexes need; maybe empty. */
    public static SortedSet<String> required(Entity e) {
        SortedSet<String> out = new TreeSet<>();
        for (Index ix : e.indexes()) {
            if (ix.method() == Index.Method.GIST && !scalarColumns(e, ix).isEmpty()) {
                out.add(BTREE_GIST);
            } else if (ix.method() == Index.Method.GIN && !scalarColumns(e, ix).isEmpty()) {
                out.add(BTREE_GIN);
            }
        }
        for (TableConstraint c : e.constraints()) {
            if (c instanceof TableConstraint.Exclude x && x.method() == Index.Method.GIST && x.elements().stream()
                    .anyMatch(el -> e.field(el.column().name()).map(f -> needsBtreeOpclass(f.type(),
                            Index.Method.GIST)).orElse(false))) {
                out.add(BTREE_GIST);
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /**
     * Plain columns of a GiST or GIN index whose type has no native operator class for that method but a btree
     * one (so btree_gist/btree_gin covers it); in index order. Empty for other methods.
     */
    static List<String> scalarColumns(Entity e, Index ix) {
        List<String> cols = new ArrayList<>();
        if (ix.method() != Index.Method.GIST && ix.method() != Index.Method.GIN) {
            return cols;
        }
        for (IndexColumn c : ix.columns()) {
            if (c.column().isEmpty() || c.opclass().isPresent()) {
                continue;
            }
            e.field(c.column().get()).ifPresent(f -> {
                if (needsBtreeOpclass(f.type(), ix.method())) {
                    cols.add(f.name());
                }
            });
        }
        return cols;
    }

    static boolean needsBtreeOpclass(FieldType t, Index.Method m) {
        if (!t.has(Traits.SCALAR)) {
            return false;
        }
        if (m == Index.Method.GIN) {
            return !t.has(Traits.GIN_NATIVE);
        }
        // inet/cidr have a built-in GiST class (inet_ops), but for historical reasons it is not their default:
        // without an explicit opclass the default comes from btree_gist (PostgreSQL docs, "GiST built-in
        // operator classes").
        if (t instanceof FieldType.Simple s
                && (s.kind() == FieldType.Kind.INET || s.kind() == FieldType.Kind.CIDR)) {
            return true;
        }
        return !t.has(Traits.GIST_NATIVE);
    }
}
