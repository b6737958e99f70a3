package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.Index;
import dev.specgen.model.IndexColumn;
import dev.specgen.model.IndexColumn.Nulls;
import dev.specgen.model.IndexColumn.Order;
import dev.specgen.model.Named;
import dev.specgen.model.SpecModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A btree index that another btree of the same table already serves (SG226, warning): the other index, the primary
 * key or a {@code unique: true} field's constraint starts with the same columns, in the same order, with the same
 * ASC/DESC, NULLS placement and operator class (or all of them reversed: a btree scans both ways), covers its
 * INCLUDE columns and has the same {@code where:}. Only plain, non-unique btree indexes without storage parameters
 * are reported; of two indexes with the same keys, the later one. Hash, brin, gist, gin and spgist indexes have
 * other trade-offs and are left alone.
 */
final class RedundantIndexRule implements Rule {

    /** A column key with its effective order, NULLS placement and operator class ("" for the default). */
    private record Key(String column, Order order, Nulls nulls, String opclass) {

        static Key of(String column, IndexColumn c) {
            Order order = c.order().orElse(Order.ASC);
            Nulls nulls = c.nulls().orElse(order == Order.DESC ? Nulls.FIRST : Nulls.LAST);
            return new Key(column, order, nulls, c.opclass().orElse("").toLowerCase(Locale.ROOT));
        }

        Key reversed() {
            return new Key(column, order == Order.ASC ? Order.DESC : Order.ASC,
                    nulls == Nulls.FIRST ? Nulls.LAST : Nulls.FIRST, opclass);
        }

        /**
         * The record's equality, written out: the generated one spins method handle classes on its first call in a
         * JVM, and every build with two btrees on one table compares keys once.
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(column, k.column) && order == k.order && nulls == k.nulls
                    && Objects.equals(opclass, k.opclass);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(column) + Objects.hashCode(opclass);
        }
    }

    /**
     * A btree that may serve another's lookups. {@code keys} are the leading column keys (up to the first
     * expression); {@code columns} every column of the key and INCLUDE lists; {@code index} is empty for the
     * primary key and unique constraints.
     */
    private record Btree(String label, String shortLabel, List<Key> keys, List<String> columns, String where,
            Optional<Index> index) {
    }

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        List<Btree> servers = servers(e);
        for (Index a : e.indexes()) {
            if (!candidate(a, e)) {
                continue;
            }
            Btree self = btree(a);
            for (Btree b : servers) {
                if (b.index().isPresent() && b.index().get() == a || !serves(b, self)) {
                    continue;
                }
                // the same keys both ways: only the later of the two is the duplicate
                if (b.index().isPresent() && candidate(b.index().get(), e) && serves(self, b)
                        && e.indexes().indexOf(b.index().get()) > e.indexes().indexOf(a)) {
                    continue;
                }
                diags.warning(a.pos(), Code.SG226, IndexRule.describe(a) + " is redundant: " + b.label()
                        + " serves every lookup it serves", "drop it: each index slows down writes and takes space"
                        + " (keep it only if it is much smaller than " + b.shortLabel() + " and that matters)");
                break;
            }
        }
    }

    /** The primary key, unique fields' constraints, then btree indexes in spec order; all on known fields. */
    private static List<Btree> servers(Entity e) {
        List<Btree> out = new ArrayList<>();
        List<String> pk = e.primaryKey().stream().map(Named::name).toList();
        if (!pk.isEmpty() && pk.stream().allMatch(c -> e.field(c).isPresent())) {
            out.add(constraint("the primary key (" + String.join(", ", pk) + ")", "the primary key", pk));
        }
        for (Field f : e.fields()) {
            if (f.unique() && !pk.equals(List.of(f.name()))) {
                String label = "the unique constraint on (" + f.name() + ")";
                out.add(constraint(label, label, List.of(f.name())));
            }
        }
        for (Index ix : e.indexes()) {
            if (ix.method() == Index.Method.BTREE && knownColumns(ix, e)) {
                out.add(btree(ix));
            }
        }
        return out;
    }

    private static Btree constraint(String label, String shortLabel, List<String> columns) {
        return new Btree(label, shortLabel, columns.stream().map(c -> new Key(c, Order.ASC, Nulls.LAST, ""))
                .toList(), columns, "", Optional.empty());
    }

    private static Btree btree(Index ix) {
        List<Key> keys = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        boolean plain = true;
        for (IndexColumn c : ix.columns()) {
            if (c.column().isEmpty()) {
                plain = false;
                continue;
            }
            columns.add(c.column().get());
            if (plain) {
                keys.add(Key.of(c.column().get(), c));
            }
        }
        ix.include().forEach(n -> columns.add(n.name()));
        String keyText = String.join(", ", ix.columns().stream().map(RedundantIndexRule::keyText).toList());
        String label = ix.name().map(n -> n + " on (" + keyText + ")").orElse("the index on (" + keyText + ")");
        return new Btree(label, ix.name().orElse("the index on (" + keyText + ")"), keys, columns,
                ix.where().map(String::trim).orElse(""), Optional.of(ix));
    }

    /** A plain, non-unique btree index on columns only, without storage parameters: one that may be redundant. */
    private static boolean candidate(Index ix, Entity e) {
        return ix.method() == Index.Method.BTREE && !ix.unique() && ix.with().isEmpty()
                && ix.columns().stream().allMatch(c -> c.column().isPresent()) && knownColumns(ix, e);
    }

    /** Unknown columns are IndexRule's SG203; such an index is neither reported nor a witness. */
    private static boolean knownColumns(Index ix, Entity e) {
        return ix.columns().stream().allMatch(c -> c.column().map(n -> e.field(n).isPresent()).orElse(true))
                && ix.include().stream().allMatch(n -> e.field(n.name()).isPresent());
    }

    /** Whether {@code b} serves every lookup of {@code a}, an index whose keys are all columns. */
    private static boolean serves(Btree b, Btree a) {
        if (!b.where().equals(a.where()) || b.keys().size() < a.keys().size()) {
            return false;
        }
        List<Key> prefix = b.keys().subList(0, a.keys().size());
        boolean same = prefix.equals(a.keys());
        boolean reversed = prefix.equals(a.keys().stream().map(Key::reversed).toList());
        if (!same && !reversed) {
            return false;
        }
        List<String> aInclude = a.columns().subList(a.keys().size(), a.columns().size());
        return b.columns().containsAll(aInclude);
    }

    /** A key as the spec writes it: {@code a}, {@code b text_pattern_ops DESC NULLS LAST}, {@code lower(c)}. */
    private static String keyText(IndexColumn c) {
        StringBuilder sb = new StringBuilder(c.column().orElseGet(() -> c.expression().orElseThrow()));
        c.opclass().ifPresent(o -> sb.append(' ').append(o));
        c.order().ifPresent(o -> sb.append(' ').append(o.name()));
        c.nulls().ifPresent(n -> sb.append(" NULLS ").append(n.name()));
        return sb.toString();
    }
}
