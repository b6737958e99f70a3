package dev.specgen.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestTest {

    @Test
    void closestByDistance() {
        assertEquals(Optional.of("fields"), Suggest.closest("feilds", List.of("entity", "fields", "schema")));
        assertEquals(Optional.of("Customer"), Suggest.closest("customr", List.of("Customer", "Order")));
        assertEquals(Optional.empty(), Suggest.closest("xyz", List.of("fields", "schema")));
    }

    @Test
    void uniquePrefixEitherWay() {
        assertEquals(Optional.of("customer_id"), Suggest.closest("customer", List.of("id", "customer_id", "total")));
        assertEquals(Optional.of("region"), Suggest.closest("region_code", List.of("id", "region")));
        assertEquals(" (did you mean \"indexes\"?)", Suggest.didYouMean("index", List.of("fields", "indexes")));
    }

    @Test
    void noPrefixSuggestionWhenAmbiguousOrTooShort() {
        assertEquals(Optional.empty(), Suggest.closest("customer", List.of("customer_id", "customer_name")));
        assertEquals(Optional.empty(), Suggest.closest("id", List.of("id_card", "name")));
    }

    @Test
    void yaml11Booleans() {
        assertEquals(Optional.of("YAML 1.2 reads yes/no/on/off as strings; write true or false"),
                Suggest.yaml11Boolean("No"));
        assertEquals(Optional.of("YAML 1.2 reads yes/no/on/off as strings; write true or false"),
                Suggest.yaml11Boolean("off"));
        assertEquals(Optional.empty(), Suggest.yaml11Boolean("nope"));
    }
}
