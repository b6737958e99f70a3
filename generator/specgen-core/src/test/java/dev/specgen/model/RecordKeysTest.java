package dev.specgen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.specgen.diag.SourcePos;
import dev.specgen.view.AggregateShape;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@link Field}'s and {@link AggregateShape.Measure}'s hand-written {@code equals} and the cheap {@code hashCode}s keep
 * the record's equality.
 */
class RecordKeysTest {
    private static Object value(Class<?> type, int variant) {
        if (type == String.class) {
            return variant == 0 ? "a" : "b";
        }
        if (type == boolean.class) {
            return variant != 0;
        }
        if (type == Optional.class) {
            return variant == 0 ? Optional.empty() : Optional.of("x");
        }
        if (type == SourcePos.class) {
            return new SourcePos("f.yaml", 1, variant + 1);
        }
        if (type == FieldType.class) {
            return new FieldType.Simple(variant == 0 ? FieldType.Kind.INTEGER : FieldType.Kind.SMALLINT,
                    OptionalInt.empty());
        }
        if (type == Field.Identity.class) {
            return variant == 0 ? Field.Identity.NONE : Field.Identity.ALWAYS;
        }
        if (type == SequenceOptions.class) {
            return variant == 0 ? SequenceOptions.NONE : new SequenceOptions(Optional.of(5L), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), java.util.Map.of(),
                    SourcePos.NONE);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[variant];
        }
        throw new AssertionError("no sample value of " + type);
    }

    /**
     * Every component of a field, changed alone, makes it unequal; copies of the same values are equal with equal
     * hash codes. Fails when a component is added to {@link Field} without being added to its {@code equals}.
     */
    @Test
    void fieldEqualityIsComponentWise() throws ReflectiveOperationException {
        componentWise(Field.class);
    }

    /**
     * The same for a view's measure ({@link AggregateShape.Measure}), whose {@code equals} is written out because the
     * view's SQL looks measures up in their list.
     */
    @Test
    void measureEqualityIsComponentWise() throws ReflectiveOperationException {
        componentWise(AggregateShape.Measure.class);
    }

    private static <R extends Record> void componentWise(Class<R> record) throws ReflectiveOperationException {
        RecordComponent[] comps = record.getRecordComponents();
        Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<R> canonical = record.getDeclaredConstructor(types);
        Object[] base = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            base[i] = value(types[i], 0);
        }
        R a = canonical.newInstance(base);
        R b = canonical.newInstance(base.clone());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        for (int i = 0; i < comps.length; i++) {
            Object[] changed = base.clone();
            changed[i] = value(types[i], 1);
            assertNotEquals(a, canonical.newInstance(changed), comps[i].getName() + " is not compared");
            assertNotEquals(canonical.newInstance(changed), a, comps[i].getName() + " is not compared");
        }
    }
}
