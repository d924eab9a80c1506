package org.aiguilleur.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {name}} placeholders of a prompt text, which the engine fills at run time. Every
 * language's text of a prompt must have exactly the placeholders of the source (French) text.
 */
public final class Placeholders {
    /** A placeholder: braces around a lower-case name, as the engine fills them. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z][a-z0-9-]*}");

    private Placeholders() {
    }

    /** The placeholders of {@code text}, in order, with repeats, braces included. */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whether both texts have the same placeholders, whatever their order. */
    public static boolean same(String a, String b) {
        List<String> x = new ArrayList<>(of(a));
        List<String> y = new ArrayList<>(of(b));
        x.sort(null);
        y.sort(null);
        return x.equals(y);
    }
}
