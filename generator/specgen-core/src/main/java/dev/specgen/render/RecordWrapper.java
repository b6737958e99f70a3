package dev.specgen.render;

import freemarker.ext.beans.GenericObjectModel;
import freemarker.ext.util.WrapperTemplateModel;
import freemarker.template.AdapterTemplateModel;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperConfiguration;
import freemarker.template.MethodCallAwareTemplateHashModel;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelWithAPISupport;
import freemarker.template.TemplateScalarModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The object wrapper of the templates: FreeMarker's {@link DefaultObjectWrapper} (strings, numbers, booleans, lists)
 * with one short cut for specgen's own plan records. FreeMarker reads a Java object's members through
 * {@code java.beans.Introspector} and its own class introspection, once per class and JVM; in a fresh process (the
 * CLI) that was about a tenth of all the CPU a build of the examples took (issue 12), for the record classes a build
 * hands to templates. A record read as {@code ${obj.name}} is answered here from a table of its public
 * zero-argument methods (its components and our flags such as {@code hasWith}), made with one
 * {@link Class#getMethods()} per class.
 * <p>
 * Everything else a template may do with such an object (call {@code obj.m()}, list its keys, print it, read a name
 * two members claim) goes to the model FreeMarker would have made,
 * {@link GenericObjectModel}, created on first such use, so templates see the same members, with
 * {@link TemplateAccess} applied, as before.
 */
final class RecordWrapper extends DefaultObjectWrapper {
    /** Per record class: what its model answers. */
    private static final ClassValue<Members> MEMBERS = new ClassValue<>() {
        @Override
        protected Members computeValue(Class<?> type) {
            return Members.of(type);
        }
    };

    RecordWrapper(DefaultObjectWrapperConfiguration settings) {
        super(settings, true);
    }

    @Override
    protected TemplateModel handleUnknownType(Object obj) throws TemplateModelException {
        Class<?> type = obj.getClass();
        if (obj instanceof Record && TemplateAccess.isOwn(type) && Modifier.isPublic(type.getModifiers())) {
            return new RecordModel(obj, MEMBERS.get(type), this);
        }
        return super.handleUnknownType(obj);
    }

    /**
     * The members of a record class a template reads. {@code properties}: by name, the public, non-static,
     * zero-argument methods returning a value that specgen's own public classes declare (components, and flags such
     * as {@code hasWith}), except {@code toString()} and {@code hashCode()}; a bean-style {@code isX()}/{@code getX()}
     * is there as property {@code x}, as {@code java.beans} names it (FreeMarker's policy for such a method).
     * {@code others}: every other name {@link GenericObjectModel} may answer for the class under
     * {@link TemplateAccess} (the remaining methods of specgen's classes, and the property names FreeMarker derives
     * from {@code getX()}/{@code isX()}); a name in neither is missing, as it is there. {@code genericGet}: the class
     * has a {@code get} method, which FreeMarker asks for any name it does not know, so every name may be answered.
     */
    record Members(Map<String, Method> properties, Set<String> others, boolean genericGet) {
        static Members of(Class<?> type) {
            Map<String, Method> properties = new HashMap<>();
            Map<String, Method> beanProperties = new HashMap<>();
            Set<String> others = new HashSet<>();
            boolean genericGet = false;
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || !TemplateAccess.isOwn(m.getDeclaringClass())) {
                    continue;
                }
                String name = m.getName();
                genericGet |= name.equals("get");
                boolean readsValue = m.getParameterCount() == 0 && m.getReturnType() != void.class && !m.isBridge()
                        && Modifier.isPublic(m.getDeclaringClass().getModifiers());
                java.util.Optional<String> bean = beanProperty(name);
                if (bean.isEmpty()) {
                    if (readsValue && !name.equals("toString") && !name.equals("hashCode")) {
                        properties.put(name, m);
                    } else {
                        others.add(name);
                    }
                    continue;
                }
                // getX()/isX(): a method by its own name, and property x when java.beans calls it a read method
                others.add(name);
                if (readsValue && (name.startsWith("get") || m.getReturnType() == boolean.class)) {
                    beanProperties.put(bean.get(), m);
                } else {
                    others.add(bean.get());
                }
            }
            // a name two members claim (an overload, a method beside a bean property): as FreeMarker decides
            for (String name : others) {
                properties.remove(name);
            }
            beanProperties.forEach((name, m) -> {
                if (properties.containsKey(name) || others.contains(name)) {
                    properties.remove(name);
                    others.add(name);
                } else {
                    properties.put(name, m);
                }
            });
            return new Members(Map.copyOf(properties), Set.copyOf(others), genericGet);
        }

        /** Whether {@link GenericObjectModel} must be asked for {@code key}: not a property, but maybe something. */
        boolean elsewhere(String key) {
            return genericGet || others.contains(key);
        }

        /** The bean property {@code getX()}/{@code isX()} reads, named as {@code java.beans.Introspector} names it. */
        static java.util.Optional<String> beanProperty(String method) {
            int at = method.startsWith("get") ? 3 : method.startsWith("is") ? 2 : -1;
            if (at < 0 || method.length() == at || !Character.isUpperCase(method.charAt(at))) {
                return java.util.Optional.empty();
            }
            String rest = method.substring(at);
            return java.util.Optional.of(rest.length() > 1 && Character.isUpperCase(rest.charAt(1)) ? rest
                    : Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
        }
    }

    /** A plan record as a template sees it. */
    private static final class RecordModel implements TemplateHashModelEx, MethodCallAwareTemplateHashModel,
            TemplateScalarModel, AdapterTemplateModel, WrapperTemplateModel, TemplateModelWithAPISupport {
        private final Object object;
        private final Members members;
        private final RecordWrapper wrapper;
        private GenericObjectModel full;

        RecordModel(Object object, Members members, RecordWrapper wrapper) {
            this.object = object;
            this.members = members;
            this.wrapper = wrapper;
        }

        /** FreeMarker's own model of the object, for anything but reading a property in the table. */
        private GenericObjectModel full() {
            if (full == null) {
                full = new GenericObjectModel(object, wrapper);
            }
            return full;
        }

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            Method m = members.properties().get(key);
            if (m == null) {
                return members.elsewhere(key) ? full().get(key) : null;
            }
            Object value;
            try {
                value = m.invoke(object);
            } catch (InvocationTargetException e) {
                throw new TemplateModelException("reading " + key + " of " + object.getClass().getSimpleName()
                        + " failed: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                return full().get(key);
            }
            return wrapper.wrap(value);
        }

        @Override
        public TemplateModel getBeforeMethodCall(String key)
                throws TemplateModelException, ShouldNotBeGetAsMethodException {
            return full().getBeforeMethodCall(key);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public int size() throws TemplateModelException {
            return full().size();
        }

        @Override
        public TemplateCollectionModel keys() throws TemplateModelException {
            return full().keys();
        }

        @Override
        public TemplateCollectionModel values() throws TemplateModelException {
            return full().values();
        }

        @Override
        public String getAsString() {
            return full().getAsString();
        }

        @Override
        public Object getAdaptedObject(Class<?> hint) {
            return object;
        }

        @Override
        public Object getWrappedObject() {
            return object;
        }

        @Override
        public TemplateModel getAPI() throws TemplateModelException {
            return full().getAPI();
        }
    }
}
