package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.EveryKeyHasAnEffectTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every key the model builders accept is in docs/spec-reference.md's key tables, so that
 * {@link EveryKeyHasAnEffectTest} must prove it has an effect: a key added to a builder and not documented fails here.
 */
class AcceptedKeysAreDocumentedTest {
    @Test
    void everyAcceptedKeyIsDocumented() throws IOException {
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        accepted.put("Entity keys", EntityBuilder.KEYS);
        accepted.put("Fields", FieldBuilder.KEYS);
        accepted.put("Foreign keys", ForeignKeyBuilder.KEYS);
        accepted.put("Indexes", IndexBuilder.KEYS);
        List<String> types = new ArrayList<>(TypeDeclBuilder.KEYS);
        types.add("check");
        accepted.put("Declared types", types);
        List<String> constraints = new ArrayList<>(ConstraintBuilder.ALL_KEYS);
        constraints.addAll(ConstraintBuilder.BODY_KEYS);
        constraints.addAll(ConstraintBuilder.ELEMENT_KEYS);
        accepted.put("Constraints", constraints);
        List<String> partitioning = new ArrayList<>(PartitionBuilder.KEYS);
        partitioning.addAll(MaintenanceBuilder.KEYS);
        accepted.put("Partitioning", partitioning);
        List<String> features = new ArrayList<>(TableFeaturesBuilder.ROW_SECURITY_KEYS);
        features.addAll(TableFeaturesBuilder.POLICY_KEYS);
        features.addAll(TableFeaturesBuilder.TRIGGER_KEYS);
        accepted.put("Table features", features);
        accepted.put("Actions", ActionBuilder.KEYS);
        List<String> views = new ArrayList<>(ViewBuilder.DOCUMENT_KEYS);
        views.addAll(ViewBuilder.ENTITY_KEYS.stream().filter(k -> !k.equals("name")).toList());
        accepted.put("Materialized views", views);
        Map<String, TreeSet<String>> documented = EveryKeyHasAnEffectTest.documentedKeys();
        List<String> undocumented = new ArrayList<>();
        accepted.forEach((section, keys) -> keys.stream()
                .filter(k -> !documented.getOrDefault(section, new TreeSet<>()).contains(k))
                .forEach(k -> undocumented.add(section + ": " + k)));
        assertEquals(List.of(), undocumented, "keys the builders accept that docs/spec-reference.md does not list");
    }
}
