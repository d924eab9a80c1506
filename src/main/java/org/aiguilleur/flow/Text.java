package org.aiguilleur.flow;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/** Small text helpers shared by prompts and speech matching. */
final class Text {
    private Text() {
    }

    /** Lower case, accents removed, punctuation to spaces, single-spaced: for matching speech. */
    static String fold(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length() + 2).append(' ');
        boolean space = true;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        if (!space) {
            out.append(' ');
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether folded {@code haystack} holds folded {@code word} as whole words. */
    static boolean containsWord(String foldedHaystack, String word) {
        String w = fold(word);
        return w.length() > 2 && foldedHaystack.contains(w);
    }

    /** Replaces {@code {name}} placeholders; unknown ones stay as they are. */
    static String fill(String template, Map<String, String> vars) {
        if (vars.isEmpty() || template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String value = vars.get(template.substring(open + 1, close));
            if (value == null) {
                value = template.substring(open, close + 1);
            } else if (value.endsWith(".") && close + 1 < template.length() && template.charAt(close + 1) == '.') {
                // "open until 8:00 p.m." followed by the sentence's own period: say one period.
                value = value.substring(0, value.length() - 1);
            }
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }
}
