package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import org.junit.jupiter.api.Test;

class ExtensionRuleTest {

    private static String entity(String name, String rest) {
        return "entity: " + name + "\nfields: {id: bigint, name: text}\n" + rest;
    }

    @Test
    void acceptsContribExtensionsAndTheirOperatorClasses() {
        assertEquals("", Run.validate(entity("Sale", """
                extensions: [pg_trgm, cube, earthdistance, uuid-ossp]
                indexes:
                  - {columns: [name gin_trgm_ops], type: gin}
                """)).text());
    }

    @Test
    void oneDeclarationServesTheWholeRun() {
        assertEquals("", Run.validate(entity("Sale", "extensions: [pg_trgm]\n"),
                "schema: other\n" + entity("Other", "indexes: [{columns: [name gist_trgm_ops], type: gist}]\n"))
                .text());
    }

    @Test
    void unknownNameGetsTheClosestContribExtension() {
        assertEquals("a.yaml:3:14: error SG280: unknown extension \"pg_trigram\" (did you mean \"pg_trgm\"?)\n"
                + "  hint: specgen knows the extensions PostgreSQL 16 to 18 ship as contrib modules"
                + " (docs/spec-reference.md#extensions)",
                Run.validate(entity("Sale", "extensions: [pg_trigram]\n")).text());
    }

    @Test
    void extensionsOutsideContribAreUnknown() {
        assertEquals("a.yaml:3:14: error SG280: unknown extension \"postgis\"\n"
                + "  hint: specgen knows the extensions PostgreSQL 16 to 18 ship as contrib modules"
                + " (docs/spec-reference.md#extensions)",
                Run.validate(entity("Sale", "extensions: [postgis]\n")).text());
    }

    @Test
    void repeatsAndMissingRequirements() {
        assertEquals("a.yaml:3:22: error SG202: extension \"hstore\" is listed twice\n"
                + "a.yaml:3:30: error SG280: extension \"earthdistance\" requires the cube extension, which no spec of"
                + " the run declares\n  hint: add cube to extensions:",
                Run.validate(entity("Sale", "extensions: [hstore, hstore, earthdistance]\n")).text());
    }

    @Test
    void operatorClassOfAnUndeclaredExtensionNamesIt() {
        assertEquals("a.yaml:4:16: error SG281: operator class gin_trgm_ops comes from the pg_trgm extension,"
                + " which no spec of the run declares\n  hint: add extensions: [pg_trgm] to entity Sale\n"
                + "a.yaml:5:16: error SG281: operator class gist_hstore_ops comes from the hstore extension, which no"
                + " spec of the run declares\n  hint: add extensions: [hstore] to entity Sale",
                Run.validate(entity("Sale", """
                        indexes:
                          - {columns: [name gin_trgm_ops], type: gin}
                          - {columns: [{column: name, opclass: public.gist_hstore_ops}], type: gist}
                          - {columns: [name text_pattern_ops]}
                        """)).text());
    }
}
