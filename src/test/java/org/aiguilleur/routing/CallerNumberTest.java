package org.aiguilleur.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Caller IDs as Asterisk and Twilio deliver them. */
class CallerNumberTest {

    @ParameterizedTest(name = "\"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "+15145550100 | NANP | 514555",
        "5145550100 | NANP | 514555",
        "15145550100 | NANP | 514555",
        "(514) 555-0100 | NANP | 514555",
        "unknown | WITHHELD | ''",
        "anonymous | WITHHELD | ''",
        "Restricted | WITHHELD | ''",
        "'' | WITHHELD | ''",
        "'   ' | WITHHELD | ''",
        "+33142685300 | OTHER | ''",
        "211 | OTHER | ''",
        "1145550100 | OTHER | ''",
        "5141550100 | OTHER | ''"})
    void parses(String raw, CallerNumber.Kind kind, String exchange) {
        CallerNumber n = CallerNumber.parse(raw);
        assertEquals(kind, n.kind());
        assertEquals(exchange.isEmpty() ? Optional.empty() : Optional.of(exchange), n.exchange());
    }

    @Test
    void nullIsWithheld() {
        assertEquals(CallerNumber.Kind.WITHHELD, CallerNumber.parse(null).kind());
    }

    @Test
    void toString_neverShowsTheDigits() {
        assertFalse(CallerNumber.parse("+15145550100").toString().contains("555"));
    }
}
