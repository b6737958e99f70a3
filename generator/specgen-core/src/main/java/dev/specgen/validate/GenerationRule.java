package dev.specgen.validate;

import dev.specgen.diag.Code;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.Entity;
import dev.specgen.model.Field;
import dev.specgen.model.FieldType;
import dev.specgen.model.SequenceOptions;
import dev.specgen.model.SpecModel;
import java.util.Optional;

/**
 * Values PostgreSQL generates. Identity options (SG282): each value within the column type's range, a non-zero
 * increment, a cache of at least 1, {@code min} below {@code max} and {@code start} between them (with PostgreSQL's
 * defaults for what is not given), which PostgreSQL would otherwise refuse only when the install runs. Stored
 * generated columns (SG283): no default, no identity, not a partition key (PostgreSQL refuses each); a {@code seed:}
 * on one has no effect (warning: the seeding never writes a generated column).
 */
final class GenerationRule implements Rule {

    @Override
    public void check(Entity e, SpecModel model, Diagnostics diags) {
        for (Field f : e.fields()) {
            if (f.identity() != Field.Identity.NONE && !f.identityOptions().isEmpty()
                    && f.type().has(FieldType.Traits.INTEGER)) {
                identityOptions(f, diags);
            }
            if (f.isGenerated()) {
                generated(e, f, diags);
            }
        }
    }

    private static void identityOptions(Field f, Diagnostics diags) {
        options("identity of \"" + f.name() + "\"", f.type().sql(), range(f.type()), f.identityOptions(), diags);
    }

    /** SG282 for options of a sequence of type {@code type} (values {@code range}) PostgreSQL would refuse. */
    static void options(String what, String type, long[] range, SequenceOptions o, Diagnostics diags) {
        boolean bad = false;
        for (String key : new String[] {"start", "min", "max"}) {
            Optional<Long> v = key.equals("start") ? o.start() : key.equals("min") ? o.min() : o.max();
            if (v.isPresent() && (v.get() < range[0] || v.get() > range[1])) {
                diags.error(o.pos(key), Code.SG282, what + ": " + key + " " + v.get() + " is out of range for "
                        + type + " (" + range[0] + " to " + range[1] + ")");
                bad = true;
            }
        }
        if (o.increment().orElse(1L) == 0) {
            diags.error(o.pos("increment"), Code.SG282, what + ": increment must not be zero");
            return;
        }
        if (o.cache().isPresent() && o.cache().get() < 1) {
            diags.error(o.pos("cache"), Code.SG282, what + ": cache must be at least 1, found " + o.cache().get());
        }
        if (bad) {
            return;
        }
        boolean up = o.increment().orElse(1L) > 0;
        long min = o.min().orElse(up ? 1 : range[0]);
        long max = o.max().orElse(up ? range[1] : -1);
        if (min >= max) {
            diags.error(o.pos(o.min().isPresent() ? "min" : "max"), Code.SG282, what + ": min " + min
                    + " must be less than max " + max);
            return;
        }
        long start = o.start().orElse(up ? min : max);
        if (start < min || start > max) {
            diags.error(o.pos("start"), Code.SG282, what + ": start " + start + " is not between min " + min
                    + " and max " + max);
        }
    }

    /** The smallest and largest value of an integer type. */
    static long[] range(FieldType t) {
        if (t.is(FieldType.Kind.SMALLINT)) {
            return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
        }
        if (t.is(FieldType.Kind.INTEGER)) {
            return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        }
        return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }

    private static void generated(Entity e, Field f, Diagnostics diags) {
        String what = "generated column \"" + f.name() + "\"";
        if (f.defaultSql().isPresent()) {
            diags.error(f.defaultPos(), Code.SG283, what + " cannot have a default",
                    "PostgreSQL computes its value from generated:; drop default:");
        }
        if (f.identity() != Field.Identity.NONE) {
            diags.error(f.generatedPos(), Code.SG283, what + " cannot be an identity column",
                    "keep either identity: or generated:");
        }
        if (e.partitionColumns().contains(f.name())) {
            diags.error(f.generatedPos(), Code.SG283, what + " cannot be a partition key",
                    "partition by the columns the expression reads, or by a column the application fills");
        }
        if (f.seed().isPresent()) {
            diags.warning(f.seedPos(), Code.SG283, "seed of " + what + " has no effect: the generated tests never"
                    + " write a generated column", "drop seed:");
        }
    }
}
