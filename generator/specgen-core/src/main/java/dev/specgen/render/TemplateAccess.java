package dev.specgen.render;

import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * What a template (ours, or an override from {@code --templates}) may call on the objects it is given: the public
 * methods of specgen's own plan and model records and nothing else. No {@code getClass()} (a way to
 * {@code Class}, class loaders and reflection), no constructors, no fields, no members of JDK or library classes.
 * Strings, numbers, booleans and lists reach templates as FreeMarker values, not as Java objects.
 */
final class TemplateAccess implements MemberAccessPolicy {
    static final TemplateAccess POLICY = new TemplateAccess();

    private static final ClassMemberAccessPolicy NOTHING = new ClassMemberAccessPolicy() {
        @Override
        public boolean isMethodExposed(Method method) {
            return false;
        }

        @Override
        public boolean isConstructorExposed(Constructor<?> constructor) {
            return false;
        }

        @Override
        public boolean isFieldExposed(Field field) {
            return false;
        }
    };

    private static final ClassMemberAccessPolicy OWN_METHODS = new ClassMemberAccessPolicy() {
        @Override
        public boolean isMethodExposed(Method method) {
            return isOwn(method.getDeclaringClass()) && !Modifier.isStatic(method.getModifiers());
        }

        @Override
        public boolean isConstructorExposed(Constructor<?> constructor) {
            return false;
        }

        @Override
        public boolean isFieldExposed(Field field) {
            return false;
        }
    };

    private TemplateAccess() {
    }

    @Override
    public ClassMemberAccessPolicy forClass(Class<?> contextClass) {
        return isOwn(contextClass) ? OWN_METHODS : NOTHING;
    }

    /** {@code toString()} of our records is not meant for templates either; they use the components. */
    @Override
    public boolean isToStringAlwaysExposed() {
        return false;
    }

    static boolean isOwn(Class<?> c) {
        return c.getName().startsWith("dev.specgen.");
    }
}
