package org.aiguilleur.interpreter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys an interpreter service's phone menu expects once it answers, with pauses and
 * placeholders: {@code ww{account}#w{pin}#ww{language}#}. Keys are {@code 0-9 * #}; {@code w} is a
 * half-second pause (Twilio's {@code sendDigits} and Asterisk's {@code SendDTMF} both take it) and
 * {@code W} a one-second pause (Asterisk's; Twilio documents only {@code w}). Immutable.
 */
public final class DtmfTemplate {
    /** The placeholder for the provider's code of the caller's language. */
    public static final String LANGUAGE = "language";
    private static final String KEYS = "0123456789*#";
    private static final String PAUSES = "wW";

    private final String source;
    private final List<String> parts; // literal runs, and placeholders as "{name}"
    private final Set<String> placeholders;

    private DtmfTemplate(String source, List<String> parts, Set<String> placeholders) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.placeholders = Set.copyOf(placeholders);
    }

    /**
     * Reads a template.
     *
     * @throws IllegalArgumentException with a message for an operator, naming the bad character
     */
    public static DtmfTemplate parse(String template) {
        List<String> parts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("has a { with no closing }");
                }
                String name = template.substring(i + 1, end);
                if (!name.matches("[a-z][a-z0-9-]*")) {
                    throw new IllegalArgumentException("has a placeholder {" + name + "} that is not a lower-case name");
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add("{" + name + "}");
                names.add(name);
                i = end;
            } else if (KEYS.indexOf(c) >= 0 || PAUSES.indexOf(c) >= 0) {
                literal.append(c);
            } else {
                throw new IllegalArgumentException("has \"" + c + "\", which is neither a key (0-9 * #) nor a pause (w, W)");
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return new DtmfTemplate(template, parts, names);
    }

    /** Whether a value may fill a placeholder: keys only, no pauses. */
    public static boolean isKeys(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> KEYS.indexOf(c) >= 0);
    }

    /** The placeholder names, in order of first use. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /**
     * Fills every placeholder.
     *
     * @throws IllegalArgumentException if a value is missing or is not keys (the message never shows a value)
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (p.startsWith("{")) {
                String name = p.substring(1, p.length() - 1);
                String v = values.get(name);
                if (v == null || !isKeys(v)) {
                    throw new IllegalArgumentException("no keys for {" + name + "}");
                }
                out.append(v);
            } else {
                out.append(p);
            }
        }
        return out.toString();
    }

    /** The template as written (placeholders, not their values). */
    @Override
    public String toString() {
        return source;
    }
}
