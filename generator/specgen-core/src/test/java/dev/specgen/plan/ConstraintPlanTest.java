package dev.specgen.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.specgen.model.build.Run;
import dev.specgen.validate.Extensions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The constraints: list and the primary key's name in the plan: names, bodies, NOT VALID after the table. */
class ConstraintPlanTest {

    private static SchemaPlan plan(String yaml) {
        Run r = Run.validate(yaml);
        assertEquals("", r.text());
        return new Planner(Extensions::required).plan(r.model);
    }

    private static List<String> lines(SchemaPlan plan) {
        return plan.installOrder().stream().flatMap(o -> {
            if (o instanceof SqlObject.CreateTable t) {
                return t.constraints().stream().map(k -> k.kind() + " " + k.name() + " " + k.body());
            }
            if (o instanceof SqlObject.AddConstraint a) {
                return java.util.stream.Stream.of("added to " + a.table() + ": " + a.constraint().name() + " "
                        + a.constraint().body());
            }
            return java.util.stream.Stream.empty();
        }).toList();
    }

    @Test
    void namesAreTheSpecsOrPostgresDefaultsAndNotValidChecksComeAfterTheTable() {
        SchemaPlan plan = plan("""
                entity: Booking
                schema: b
                fields:
                  id: bigint
                  tenant_id: bigint
                  email: text
                  starts_at: timestamptz
                  ends_at: timestamptz
                  during: tstzrange
                primary_key: {name: booking_pk, columns: [id]}
                constraints:
                  - check: "starts_at < ends_at"
                  - check: "Starts_At > '2020-01-01'"
                  - check: "ends_at IS NOT NULL OR \\"email\\" IS NULL"
                    name: booking_open_ck
                    not_valid: true
                  - unique: [tenant_id, email]
                    nulls_not_distinct: true
                  - unique: [email]
                    name: booking_email_uq
                  - exclude: {using: gist, elements: [{column: during, with: "&&"}], where: "tenant_id > 0"}
                """);
        assertEquals(List.of(
                "PRIMARY_KEY booking_pk PRIMARY KEY (id)",
                "CHECK booking_check CHECK (starts_at < ends_at)",
                "CHECK booking_starts_at_check CHECK (Starts_At > '2020-01-01')",
                "UNIQUE booking_tenant_id_email_key UNIQUE NULLS NOT DISTINCT (tenant_id, email)",
                "UNIQUE booking_email_uq UNIQUE (email)",
                "EXCLUDE booking_during_excl EXCLUDE USING gist (during WITH &&) WHERE (tenant_id > 0)",
                "added to b.booking: booking_open_ck CHECK (ends_at IS NOT NULL OR \"email\" IS NULL) NOT VALID"),
                lines(plan));
        EntityPlan ep = plan.entities().get(0);
        assertEquals(List.of("booking_pk [id] true", "booking_tenant_id_email_key [tenant_id, email] false",
                "booking_email_uq [email] false", "booking_during_excl [during] false"), ep.keyIndexes().stream()
                        .map(k -> k.name() + " " + k.columns() + " " + k.primary()).toList());
        assertEquals(List.of("booking_check", "booking_starts_at_check", "booking_open_ck",
                "booking_tenant_id_email_key", "booking_email_uq", "booking_during_excl"),
                ep.constraints().stream().map(EntityPlan.NamedConstraint::name).toList());
    }

    @Test
    void aGeneratedNameStepsAsideForAnExplicitOne() {
        SchemaPlan plan = plan("""
                entity: Booking
                fields: {id: bigint, email: text}
                primary_key: [id]
                constraints:
                  - {unique: [email], name: booking_pkey}
                  - {check: "id > 0", name: booking_email_key}
                  - unique: [email, id]
                """);
        assertEquals(List.of(
                "PRIMARY_KEY booking_pkey_1 PRIMARY KEY (id)",
                "UNIQUE booking_pkey UNIQUE (email)",
                "CHECK booking_email_key CHECK (id > 0)",
                "UNIQUE booking_email_id_key UNIQUE (email, id)"), lines(plan));
    }
}
