package org.aiguilleur.twilio;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} text (a webhook's body or query) as single-valued
 * fields, decoded by the JDK's {@link URLDecoder}. Twilio never repeats a field, so a repeated one
 * is refused, as are more than {@code maxFields} fields and malformed escapes.
 *
 * <p>Why not Jetty's form parser: it decodes byte by byte into a growing builder and was a tenth of
 * a webhook's CPU (docs/PERFORMANCE.md); splitting on {@code &} and {@code =} and letting the JDK
 * decode each part gives the same fields for a fraction of it.
 */
final class FormBody {
    private FormBody() {
    }

    /** @throws IllegalArgumentException on a repeated field, too many fields or a malformed escape */
    static Map<String, String> parse(String encoded, Charset charset, int maxFields) {
        Map<String, String> out = new HashMap<>();
        int at = 0;
        int n = encoded.length();
        while (at < n) {
            int end = encoded.indexOf('&', at);
            if (end < 0) {
                end = n;
            }
            if (end > at) {
                if (out.size() == maxFields) {
                    throw new IllegalArgumentException("too many fields");
                }
                int eq = encoded.indexOf('=', at);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = decode(encoded.substring(at, end), charset);
                    value = "";
                } else {
                    name = decode(encoded.substring(at, eq), charset);
                    value = decode(encoded.substring(eq + 1, end), charset);
                }
                if (out.putIfAbsent(name, value) != null) {
                    throw new IllegalArgumentException("repeated field");
                }
            }
            at = end + 1;
        }
        return out;
    }

    private static String decode(String part, Charset charset) {
        // Most parts have nothing to decode; URLDecoder copies every one into a builder all the same.
        return part.indexOf('%') < 0 && part.indexOf('+') < 0 ? part : URLDecoder.decode(part, charset);
    }
}
