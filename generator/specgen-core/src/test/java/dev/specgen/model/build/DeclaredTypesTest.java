package dev.specgen.model.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.FieldType;
import dev.specgen.model.UserType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code types:} declarations and fields that name them, through the real loader and model builder. */
class DeclaredTypesTest {

    @Test
    void fieldsNameDeclaredTypesBareQualifiedAndAsArraysAcrossFiles() {
        Run r = Run.build("entity: Sale\nschema: shop\ntypes:\n  - {name: amount, domain: \"numeric(12,2)\","
                + " not_null: true, checks: [\"VALUE >= 0\"]}\n  - {name: span, range: date}\nfields:\n"
                + "  a: amount\n  b: shop.amount[]\n  c: span\n  d: span_multirange\n  e: billing.addr\n",
                "entity: Bill\nschema: billing\ntypes:\n  - name: addr\n    composite: {street: text, total: shop.amount}\n"
                + "fields:\n  id: bigint\n");
        assertEquals("", r.text());
        FieldType.Domain amount = new FieldType.Domain("shop", "amount",
                new FieldType.Numeric(java.util.Optional.of(12), java.util.Optional.of(2)), true, List.of("VALUE >= 0"));
        List<FieldType> types = r.entity().fields().stream().map(dev.specgen.model.Field::type).toList();
        assertEquals(amount, types.get(0));
        assertEquals(new FieldType.Array(amount), types.get(1));
        assertEquals(List.of("shop.amount", "shop.amount[]", "shop.span", "shop.span_multirange", "billing.addr"),
                types.stream().map(FieldType::sql).toList());
        assertEquals(new FieldType.Composite("billing", "addr", List.of(new FieldType.Attribute("street",
                new FieldType.Simple(FieldType.Kind.TEXT)), new FieldType.Attribute("total", amount))), types.get(4));
        assertEquals(List.of("shop.amount", "shop.span", "billing.addr"),
                r.model.types().stream().map(t -> t.schema() + "." + t.name()).toList());
    }

    @Test
    void multirangeNamesFollowPostgres() {
        assertEquals("price_multirange", FieldType.Range.multirangeOf("price_range"));
        assertEquals("span_multirange", FieldType.Range.multirangeOf("span"));
        assertEquals("int_multirange_range", FieldType.Range.multirangeOf("int_range_range"));
    }

    @Test
    void anEnumNoColumnUsesIsInTheModel() {
        Run r = Run.build("entity: Sale\ntypes:\n  - {name: mood, enum: [ok, sad]}\nfields:\n  id: bigint\n");
        assertEquals("", r.text());
        assertEquals(List.of(new UserType.Enum(new FieldType.Enum("public", "mood", List.of("ok", "sad")),
                r.model.types().get(0).pos())), r.model.types());
    }

    @Test
    void extensionTypesAreQualifiedWithTheFirstSchemaThatDeclaresTheExtension() {
        Run r = Run.build("entity: Sale\nschema: zeta\nextensions: [citext]\nfields:\n  a: citext\n",
                "entity: Other\nschema: alpha\nextensions: [citext, ltree]\nfields:\n  b: ltree[]\n");
        assertEquals("", r.text());
        assertEquals(new FieldType.Extension("alpha", "citext", "citext"), r.entity().fields().get(0).type());
        assertEquals("alpha.ltree[]", r.model.entities().get(1).fields().get(0).type().sql());
    }

    @Test
    void unknownNamesSuggestDeclaredOnesAndCyclesAreReportedOnce() {
        Run r = Run.build("entity: Sale\ntypes:\n  - {name: node, composite: {next: node_list}}\n"
                + "  - {name: node_list, domain: \"node[]\"}\n  - {name: money_amount, domain: numeric}\n"
                + "fields:\n  a: money_amout\n");
        assertEquals("a.yaml:4:31: error SG285: type public.node is made of itself: public.node -> public.node_list"
                + " -> public.node\n  hint: a domain, composite or range cannot contain itself; break the cycle (e.g."
                + " with jsonb)\n"
                + "a.yaml:7:6: error SG201: unknown field type \"money_amout\" (did you mean \"money_amount\"?)",
                r.text());
    }
}
