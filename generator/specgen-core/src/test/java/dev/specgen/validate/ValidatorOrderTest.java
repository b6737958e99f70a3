package dev.specgen.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.Diagnostic;
import dev.specgen.diag.Diagnostics;
import dev.specgen.model.SpecModel;
import dev.specgen.model.build.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules run on all cores ({@link Validator#validate}); their diagnostics are added in the rules' order, exactly
 * as running them one by one on one thread adds them, however the threads finish.
 */
class ValidatorOrderTest {
    private static final String SPECS = """
            entity: Sale
            fields:
              unitPrice: bigint
              order: {type: varchar(0)}
              customer_id: {type: bigint, references: Custmer}
              state: {type: enum, values: [a], enum_name: SaleState}
            indexes:
              - {name: IdxState, columns: [state, missing]}
              - {name: idx_dup, columns: [state]}
              - {name: idx_dup, columns: [order]}
            primary_key: [nope]
            """;

    @Test
    void diagnosticsComeInTheOrderOfTheRulesOneByOne() {
        SpecModel model = Run.build(SPECS, SPECS).model; // twice: rules across entities report too
        Diagnostics oneByOne = new Diagnostics();
        for (Rule rule : Validator.RULES) {
            rule.check(model, oneByOne);
        }
        List<Diagnostic> expected = oneByOne.all();
        assertTrue(expected.size() > 8, "many rules report: " + expected.size());
        for (int i = 0; i < 20; i++) {
            Diagnostics parallel = new Diagnostics();
            Validator.validate(model, parallel);
            assertEquals(expected, parallel.all().subList(0, expected.size()));
        }
    }
}
