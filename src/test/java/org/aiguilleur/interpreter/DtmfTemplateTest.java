package org.aiguilleur.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DTMF templates: keys, half-second and one-second pauses, placeholders. */
class DtmfTemplateTest {
    private static final Map<String, String> VALUES = Map.of("account", "4455", "pin", "9876", "language", "110");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ww{account}#w{pin}#ww{language}#, ww4455#w9876#ww110#",
        "W{pin}#W{language},               W9876#W110",
        "{language},                       110",
        "1w2W3*#,                          1w2W3*#",
        "{language}{language}w,            110110w",
    })
    void render_keepsKeysAndPausesAndFillsPlaceholders(String template, String keys) {
        assertEquals(keys, DtmfTemplate.parse(template).render(VALUES));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ww{account}#p{pin}  | has \"p\", which is neither a key (0-9 * #) nor a pause (w, W)",
        "12,3                | has \",\", which is neither a key (0-9 * #) nor a pause (w, W)",
        "ww{account          | has a { with no closing }",
        "{Pin}               | has a placeholder {Pin} that is not a lower-case name",
        "{}                  | has a placeholder {} that is not a lower-case name",
    })
    void parse_rejectsWhatNoKeypadCanSend(String template, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DtmfTemplate.parse(template));
        assertEquals(message, e.getMessage());
    }

    @Test
    void placeholders_inOrderOfFirstUse() {
        assertEquals(Set.of("account", "pin", "language"), DtmfTemplate.parse("ww{account}#w{pin}#{language}#{pin}").placeholders());
    }

    @Test
    void render_refusesAValueThatIsNotKeys_withoutShowingIt() {
        DtmfTemplate t = DtmfTemplate.parse("{pin}#{language}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.render(Map.of("pin", "98w6", "language", "1")));
        assertFalse(e.getMessage().contains("98w6"));
        assertThrows(IllegalArgumentException.class, () -> t.render(Map.of("language", "1")));
    }

    @Test
    void isKeys_allowsNoPauseInAValue() {
        assertTrue(DtmfTemplate.isKeys("0123456789*#"));
        assertFalse(DtmfTemplate.isKeys("12w"));
        assertFalse(DtmfTemplate.isKeys(""));
    }

    @Test
    void toString_showsTheTemplateNotTheSecrets() {
        assertEquals("w{pin}#", DtmfTemplate.parse("w{pin}#").toString());
    }
}
