package org.aiguilleur.translate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiguilleur.config.Placeholders;

/**
 * Keeps what must not be translated intact across a machine translation. Before sending, each
 * {@code {placeholder}} and protected term (211, 811, 911, Info-Santé, Info-Social, centre names)
 * is wrapped in {@code <span translate="no">}, which Google Cloud Translation leaves as it is in
 * HTML mode; after, the spans are removed and the result is checked: a placeholder written
 * {@code { hours }} is repaired, one renamed ({@code {horas}}) is repaired when it is the only
 * difference, and a text that lost a placeholder or a protected term is rejected. Immutable.
 */
public final class ProtectedText {
    private static final Pattern SPAN = Pattern.compile("<span translate=\"?no\"?>(.*?)</span>", Pattern.DOTALL);
    private static final Pattern LOOSE_PLACEHOLDER = Pattern.compile("\\{\\s*([\\p{L}][\\p{L}0-9-]*)\\s*}");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");

    /** What became of one translation. */
    public record Outcome(String text, Status status, String note) {
        public boolean usable() {
            return status != Status.REJECTED;
        }
    }

    /** Whether a translation came back whole, was repaired, or is unusable. */
    public enum Status { OK, REPAIRED, REJECTED }

    private final List<String> terms;
    private final Pattern protectedPattern;

    public ProtectedText(Collection<String> terms) {
        // Longest first, so that "211 Grand Montréal" is kept whole rather than as "211".
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(terms));
        sorted.removeIf(String::isBlank);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.terms = List.copyOf(sorted);
        StringBuilder p = new StringBuilder(Placeholders.PLACEHOLDER.pattern());
        for (String t : this.terms) {
            // Whole words only: 211 protects "211" but not the digits of "2110".
            p.append("|(?<![\\p{L}\\p{N}])").append(Pattern.quote(t)).append("(?![\\p{L}\\p{N}])");
        }
        this.protectedPattern = Pattern.compile(p.toString());
    }

    public List<String> terms() {
        return terms;
    }

    /** The text as HTML for the API, every placeholder and protected term in a no-translate span. */
    public String mask(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        Matcher m = protectedPattern.matcher(text);
        int i = 0;
        while (m.find()) {
            out.append(escape(text.substring(i, m.start())));
            out.append("<span translate=\"no\">").append(escape(m.group())).append("</span>");
            i = m.end();
        }
        return out.append(escape(text.substring(i))).toString();
    }

    /** The translation of {@code original} back as plain text, checked. */
    public Outcome unmask(String translatedHtml, String original) {
        String text = unescape(SPAN.matcher(translatedHtml).replaceAll(r -> Matcher.quoteReplacement(r.group(1))));
        text = text.replaceAll("<[^>]*>", "").replaceAll("[ \\t]{2,}", " ").strip();
        String note = "";
        Status status = Status.OK;
        // "{ hours }" -> "{hours}"; a brace pair the translator renamed is mapped back when unambiguous.
        String fixed = LOOSE_PLACEHOLDER.matcher(text).replaceAll(r -> Matcher.quoteReplacement("{" + r.group(1) + "}"));
        if (!fixed.equals(text)) {
            text = fixed;
            status = Status.REPAIRED;
            note = "placeholder spacing repaired";
        }
        if (!Placeholders.same(original, text)) {
            List<String> want = new ArrayList<>(Placeholders.of(original));
            List<String> have = braces(text);
            List<String> missing = new ArrayList<>(want);
            have.forEach(missing::remove);
            List<String> unknown = new ArrayList<>(have);
            want.forEach(unknown::remove);
            if (missing.size() == 1 && unknown.size() == 1) {
                text = text.replace(unknown.get(0), missing.get(0));
                status = Status.REPAIRED;
                note = "placeholder " + unknown.get(0) + " repaired to " + missing.get(0);
            } else {
                return new Outcome(text, Status.REJECTED, "placeholders " + Placeholders.of(text)
                        + " do not match " + Placeholders.of(original));
            }
        }
        for (Map.Entry<String, Integer> t : counts(original).entrySet()) {
            if (count(text, t.getKey()) < t.getValue()) {
                return new Outcome(text, Status.REJECTED, "protected term \"" + t.getKey() + "\" was lost");
            }
        }
        return new Outcome(text, status, note);
    }

    private static List<String> braces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{[^{}]*}").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private Map<String, Integer> counts(String text) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = protectedPattern.matcher(text);
        while (m.find()) {
            if (!m.group().startsWith("{")) {
                out.merge(m.group(), 1, Integer::sum);
            }
        }
        return out;
    }

    private static int count(String text, String term) {
        int n = 0;
        for (int i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length())) {
            n++;
        }
        return n;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String unescape(String s) {
        return ENTITY.matcher(s).replaceAll(r -> {
            String e = r.group(1);
            String c = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> new String(Character.toChars(e.startsWith("#x")
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1))));
            };
            return Matcher.quoteReplacement(c);
        });
    }
}
