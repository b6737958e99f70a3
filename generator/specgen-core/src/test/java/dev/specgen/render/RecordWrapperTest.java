package dev.specgen.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.Options;
import dev.specgen.Result;
import dev.specgen.Specgen;
import dev.specgen.plan.PlannedFile;
import dev.specgen.plan.SchemaPlan;
import freemarker.ext.beans.GenericObjectModel;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateScalarModel;
import freemarker.template.utility.DeepUnwrap;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordWrapper} answers a template exactly as FreeMarker's own model of the object would (the wrapper's
 * settings as {@link Renderer} makes them, {@link TemplateAccess} applied), for every plan record the example specs
 * make, while reading properties from its own table.
 */
class RecordWrapperTest {
    private static final RecordWrapper WRAPPER = new RecordWrapper(Renderer.wrapperSettings());
    /** FreeMarker's own wrapper of the same settings, as Renderer had it before. */
    private static final freemarker.template.DefaultObjectWrapper PLAIN = Renderer.wrapperSettings().build();

    public interface Shape {
        default String label() {
            return "shape";
        }
    }

    public record Sample(String name, List<String> parts, boolean partitioned, Optional<String> note) implements Shape {
        public boolean hasParts() {
            return !parts.isEmpty();
        }

        public boolean isEmpty() {
            return parts.isEmpty();
        }

        public String getTitle() {
            return name.toUpperCase(java.util.Locale.ROOT);
        }

        public String joined(String separator) {
            return String.join(separator, parts);
        }

        /** An overload of a component's accessor: the name goes to FreeMarker's model. */
        public String name(String suffix) {
            return name + suffix;
        }

        public static String shared() {
            return "static";
        }
    }

    @Test
    void membersSplitPropertiesFromWhatFreeMarkersModelAnswers() {
        RecordWrapper.Members m = RecordWrapper.Members.of(Sample.class);
        assertEquals(new TreeSet<>(List.of("empty", "hasParts", "label", "note", "partitioned", "parts", "title")),
                new TreeSet<>(m.properties().keySet()));
        assertEquals("isEmpty", m.properties().get("empty").getName());
        assertEquals("getTitle", m.properties().get("title").getName());
        assertEquals(new TreeSet<>(List.of("equals", "getTitle", "hashCode", "isEmpty", "joined", "name",
                "toString")), new TreeSet<>(m.others()));
        assertFalse(m.genericGet());
        assertFalse(m.elsewhere("class"), "getClass() is Object's, not ours: no property class");
        assertFalse(m.elsewhere("shared"), "static methods are not members");
        assertTrue(m.elsewhere("joined"));
    }

    @Test
    void beanPropertyNamesAreJavaBeansOnes() {
        assertEquals(Optional.of("title"), RecordWrapper.Members.beanProperty("getTitle"));
        assertEquals(Optional.of("URL"), RecordWrapper.Members.beanProperty("getURL"));
        assertEquals(Optional.of("adaptive"), RecordWrapper.Members.beanProperty("isAdaptive"));
        assertEquals(Optional.empty(), RecordWrapper.Members.beanProperty("getter"));
        assertEquals(Optional.empty(), RecordWrapper.Members.beanProperty("get"));
        assertEquals(Optional.empty(), RecordWrapper.Members.beanProperty("isolation"));
    }

    @Test
    void aSampleReadsAsFreeMarkersModelOfIt() throws TemplateModelException {
        Sample s = new Sample("orders", List.of("a", "b"), true, Optional.of("n"));
        assertSameAnswers(s);
        TemplateHashModel h = (TemplateHashModel) WRAPPER.wrap(s);
        assertEquals("ORDERS", ((TemplateScalarModel) h.get("title")).getAsString());
        assertNull(h.get("class"));
        assertNull(h.get("nosuch"));
        assertEquals(s, DeepUnwrap.unwrap(h));
    }

    /** Every record the example specs' plan holds, each class with up to 3 instances, read both ways. */
    @Test
    void everyPlanRecordOfTheExamplesReadsAsFreeMarkersModelOfIt() throws TemplateModelException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(root.resolve("specs")), root.toString());
        Result r = Specgen.render(Options.of(root, Path.of("specs"), Path.of("generated")));
        SchemaPlan plan = r.plan().orElseThrow();
        Map<Class<?>, List<Record>> byClass = new LinkedHashMap<>();
        for (PlannedFile f : plan.files()) {
            for (Object o : f.objects()) {
                collect(o, byClass);
            }
        }
        assertTrue(byClass.size() > 40, "record classes: " + byClass.size());
        for (List<Record> records : byClass.values()) {
            for (Record x : records) {
                assertSameAnswers(x);
            }
        }
    }

    private static void collect(Object o, Map<Class<?>, List<Record>> byClass) {
        if (o instanceof Collection<?> c) {
            c.forEach(x -> collect(x, byClass));
        } else if (o instanceof Optional<?> opt) {
            opt.ifPresent(x -> collect(x, byClass));
        } else if (o instanceof Record rec && TemplateAccess.isOwn(o.getClass())) {
            List<Record> seen = byClass.computeIfAbsent(o.getClass(), k -> new ArrayList<>());
            if (seen.size() >= 3) {
                return;
            }
            seen.add(rec);
            for (RecordComponent c : o.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    collect(c.getAccessor().invoke(o), byClass);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** For every name FreeMarker's model lists, and a few it does not, both models give the same value. */
    private static void assertSameAnswers(Object o) throws TemplateModelException {
        TemplateModel ours = WRAPPER.wrap(o);
        if (!(ours instanceof TemplateHashModel h)) {
            throw new AssertionError(o.getClass() + " is not wrapped as a hash");
        }
        GenericObjectModel theirs = new GenericObjectModel(o, PLAIN);
        Set<String> keys = new TreeSet<>(List.of("class", "nosuch", "getClass", "toString", "hashCode"));
        for (TemplateModelIterator i = ((TemplateCollectionModel) theirs.keys()).iterator(); i.hasNext(); ) {
            keys.add(((TemplateScalarModel) i.next()).getAsString());
        }
        for (String key : keys) {
            String where = o.getClass().getName() + "." + key;
            TemplateModel theirValue;
            try {
                theirValue = theirs.get(key);
            } catch (TemplateModelException e) {
                // a method that throws when it does not apply (fullRecompute without one): ours throws the same
                TemplateModelException thrown = assertThrows(TemplateModelException.class, () -> h.get(key), where);
                assertEquals(rootCause(e).getClass(), rootCause(thrown).getClass(), where);
                continue;
            }
            TemplateModel ourValue = h.get(key);
            if (ourValue == null || theirValue == null) {
                assertEquals(theirValue == null, ourValue == null, where);
                continue;
            }
            if (theirValue instanceof freemarker.template.TemplateMethodModel) {
                assertEquals(theirValue.getClass(), ourValue.getClass(), where);
            } else {
                assertEquals(DeepUnwrap.unwrap(theirValue), DeepUnwrap.unwrap(ourValue), where);
            }
        }
    }
}
