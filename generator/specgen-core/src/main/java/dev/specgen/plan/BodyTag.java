package dev.specgen.plan;

import dev.specgen.model.Sql;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The dollar-quote tag of a plan record whose function body is made of its components: {@code specgen}, else
 * {@code specgen1}, ... the first {@code $tag$} found in none of the texts it holds. It is the tag
 * {@code Sql.dollarTag(record.toString())} gives, without the record's {@code toString}: a record's generated
 * {@code toString}, {@code equals} and {@code hashCode} are bootstrapped per class at first use (java.lang.runtime
 * .ObjectMethods spins a few dozen method-handle classes each), which was about half of the 325 such classes a cold
 * {@code build specs} made, on the critical path of a short run. Same answer: the text of {@code toString} is its
 * components' texts between separators ({@code Name[}, {@code =}, {@code , }, {@code ]}, {@code Optional[}, ...) that
 * hold characters no tag holds, so a {@code $tag$} occurs in it exactly when it occurs in one component's text, and it
 * ends in {@code ]}, so no tag overlaps its end. Records, lists, sets, maps and optionals are walked; anything else
 * (strings, enums, numbers) is its {@code toString}.
 */
final class BodyTag {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] cs = type.getRecordComponents();
            Method[] out = new Method[cs.length];
            for (int i = 0; i < cs.length; i++) {
                out[i] = cs[i].getAccessor();
                out[i].setAccessible(true);
            }
            return out;
        }
    };

    private BodyTag() {
    }

    static String of(Record body) {
        return Sql.dollarTag(tag -> !holds(body, "$" + tag + "$"));
    }

    /** Whether {@code delimiter} occurs in the text of {@code o} (as its {@code toString} would show it). */
    static boolean holds(Object o, String delimiter) {
        if (o == null) {
            return false;
        }
        if (o instanceof String s) {
            return s.contains(delimiter);
        }
        if (o instanceof Record r) {
            for (Method m : ACCESSORS.get(r.getClass())) {
                if (holds(component(m, r), delimiter)) {
                    return true;
                }
            }
            return false;
        }
        if (o instanceof Collection<?> c) {
            for (Object e : c) {
                if (holds(e, delimiter)) {
                    return true;
                }
            }
            return false;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (holds(e.getKey(), delimiter) || holds(e.getValue(), delimiter)) {
                    return true;
                }
            }
            return false;
        }
        if (o instanceof Optional<?> opt) {
            return opt.isPresent() && holds(opt.get(), delimiter);
        }
        return o.toString().contains(delimiter);
    }

    private static Object component(Method accessor, Record r) {
        try {
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + " of a plan record", e);
        }
    }
}
