package org.aiguilleur.routing;

import java.util.Locale;
import java.util.Optional;

/**
 * A caller number as the network gave it, reduced to the North American form used for routing.
 *
 * <p>Asterisk passes caller ID through unchanged ({@code +15145550100}, {@code 5145550100},
 * {@code 15145550100}), or gives {@code unknown}, {@code anonymous} or nothing; Twilio adds
 * {@code +1} and uses words like {@code Anonymous} or {@code Restricted}. This class never logs and
 * its {@link #toString()} never shows the digits.
 */
public final class CallerNumber {

    /** Why no exchange could be taken from a caller number. */
    public enum Kind {
        /** A ten-digit North American number. */
        NANP,
        /** No number, or a network word for a hidden one. */
        WITHHELD,
        /** Digits that are not a North American number (international, short codes). */
        OTHER
    }

    private final Kind kind;
    private final String digits;

    private CallerNumber(Kind kind, String digits) {
        this.kind = kind;
        this.digits = digits;
    }

    /** Parses what the network gave; never throws. */
    public static CallerNumber parse(String raw) {
        if (raw == null) {
            return new CallerNumber(Kind.WITHHELD, "");
        }
        String trimmed = raw.strip();
        StringBuilder digits = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == 0 || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') {
                continue;
            } else {
                // Letters mean a network word: "unknown", "anonymous", "Restricted", "private".
                return new CallerNumber(Kind.WITHHELD, "");
            }
        }
        String d = digits.toString();
        if (d.isEmpty()) {
            return new CallerNumber(Kind.WITHHELD, "");
        }
        if (d.length() == 11 && d.charAt(0) == '1') {
            d = d.substring(1);
        }
        if (d.length() == 10 && d.charAt(0) >= '2' && d.charAt(3) >= '2') {
            return new CallerNumber(Kind.NANP, d);
        }
        return new CallerNumber(Kind.OTHER, d);
    }

    public Kind kind() {
        return kind;
    }

    /** The area code (NPA), when this is a North American number. */
    public Optional<String> npa() {
        return kind == Kind.NANP ? Optional.of(digits.substring(0, 3)) : Optional.empty();
    }

    /** The exchange (NPA + NXX, six digits), when this is a North American number. */
    public Optional<String> exchange() {
        return kind == Kind.NANP ? Optional.of(digits.substring(0, 6)) : Optional.empty();
    }

    /** The ten digits for a North American number, else whatever digits were given (may be empty). */
    public String digits() {
        return digits;
    }

    @Override
    public String toString() {
        // Never the digits: this object may end up in a log line.
        return "CallerNumber[" + kind.name().toLowerCase(Locale.ROOT) + "]";
    }
}
