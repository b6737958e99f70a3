package dev.specgen.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specgen.diag.SourcePos;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YScalarTest {
    private static final SourcePos POS = new SourcePos("specs/a.yaml", 1, 1);

    private static YScalar plain(String text) {
        return YScalar.plain(text, POS);
    }

    @Test
    void booleansAreOnlyTheYaml12CoreSpellings() {
        assertEquals(Optional.of(true), plain("true").asBoolean());
        assertEquals(Optional.of(true), plain("True").asBoolean());
        assertEquals(Optional.of(true), plain("TRUE").asBoolean());
        assertEquals(Optional.of(false), plain("false").asBoolean());
        assertEquals(Optional.of(false), plain("False").asBoolean());
        assertEquals(Optional.of(false), plain("FALSE").asBoolean());
        for (String yaml11 : new String[] {"yes", "no", "on", "off", "y", "n", "tRUE"}) {
            assertEquals(Optional.empty(), plain(yaml11).asBoolean(), yaml11);
            assertEquals("string", plain(yaml11).kind(), yaml11);
        }
        assertEquals(Optional.empty(), YScalar.quoted("true", POS).asBoolean());
    }

    @Test
    void integers() {
        assertEquals(Optional.of(42L), plain("42").asLong());
        assertEquals(Optional.of(-7L), plain("-7").asLong());
        assertEquals(Optional.of(7L), plain("+7").asLong());
        assertEquals(Optional.of(15L), plain("0o17").asLong());
        assertEquals(Optional.of(31L), plain("0x1F").asLong());
        assertEquals(Optional.of(Long.MAX_VALUE), plain("9223372036854775807").asLong());
        assertEquals(Optional.empty(), plain("9223372036854775808").asLong());
        assertEquals(Optional.empty(), plain("1_000").asLong());
        assertEquals(Optional.empty(), plain("0b101").asLong());
        assertEquals(Optional.empty(), plain("1.0").asLong());
        assertEquals(Optional.empty(), plain("12:30").asLong()); // YAML 1.1 sexagesimal
        assertEquals(Optional.empty(), YScalar.quoted("42", POS).asLong());
        assertEquals("integer", plain("0x1F").kind());
    }

    @Test
    void decimals() {
        assertEquals(Optional.of(new BigDecimal("1.5")), plain("1.5").asDecimal());
        assertEquals(Optional.of(new BigDecimal("0.5")), plain(".5").asDecimal());
        assertEquals(Optional.of(new BigDecimal("1E+3")), plain("1e3").asDecimal());
        assertEquals(Optional.of(new BigDecimal("-2")), plain("-2").asDecimal());
        assertEquals(Optional.of(new BigDecimal("255")), plain("0xff").asDecimal());
        assertEquals(Optional.empty(), plain(".inf").asDecimal());
        assertEquals(Optional.empty(), plain(".nan").asDecimal());
        assertEquals(Optional.empty(), plain("1e9999999999").asDecimal());
        assertEquals(Optional.empty(), plain("1,5").asDecimal());
        assertEquals("float", plain(".inf").kind());
        assertEquals("float", plain("1.5").kind());
    }

    @Test
    void nulls() {
        for (String n : new String[] {"", "~", "null", "Null", "NULL"}) {
            assertTrue(plain(n).isNull(), n);
            assertEquals("null", plain(n).kind(), n);
            assertEquals(Optional.empty(), plain(n).asLong(), n);
        }
        assertFalse(plain("nULL").isNull());
        assertFalse(YScalar.quoted("null", POS).isNull());
        assertEquals("string", YScalar.quoted("null", POS).kind());
    }

    @Test
    void datesAndVersionsStayStrings() {
        assertEquals("string", plain("2024-01-01").kind());
        assertEquals("string", plain("1.2.3").kind());
        assertEquals(Optional.empty(), plain("2024-01-01").asLong());
    }
}
