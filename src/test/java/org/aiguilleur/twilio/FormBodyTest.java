package org.aiguilleur.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void twilioForm_isDecodedField_byField() {
        assertEquals(Map.of("CallSid", "CA1", "From", "+15145550100", "SpeechResult", "français s'il vous plaît",
                        "Digits", ""),
                FormBody.parse("CallSid=CA1&From=%2B15145550100&SpeechResult=fran%C3%A7ais+s%27il+vous+pla%C3%AEt"
                        + "&Digits=", StandardCharsets.UTF_8, 100));
    }

    @Test
    void emptyParts_andAFieldWithoutEquals_areRead() {
        assertEquals(Map.of("a", "1", "flag", ""), FormBody.parse("&a=1&&flag&", StandardCharsets.UTF_8, 100));
        assertEquals(Map.of(), FormBody.parse("", StandardCharsets.UTF_8, 100));
    }

    @Test
    void declaredCharset_decodesTheEscapes() {
        assertEquals(Map.of("q", "é"), FormBody.parse("q=%E9", StandardCharsets.ISO_8859_1, 100));
    }

    @Test
    void repeatedField_tooManyFields_andMalformedEscape_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> FormBody.parse("a=1&a=2", StandardCharsets.UTF_8, 100));
        assertThrows(IllegalArgumentException.class, () -> FormBody.parse("a=1&b=2&c=3", StandardCharsets.UTF_8, 2));
        assertThrows(IllegalArgumentException.class, () -> FormBody.parse("a=%ZZ", StandardCharsets.UTF_8, 100));
        assertThrows(IllegalArgumentException.class, () -> FormBody.parse("a=%4", StandardCharsets.UTF_8, 100));
    }
}
