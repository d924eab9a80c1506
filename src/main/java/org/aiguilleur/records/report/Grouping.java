package org.aiguilleur.records.report;

import java.util.Locale;

/** What a report's rows are grouped by. */
public enum Grouping {
    REGION, LANGUAGE, NEED, CENTRE, HOUR;

    /** The option's spelling ({@code region}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code region}, {@code Hour}...; throws {@link IllegalArgumentException} naming the choices. */
    public static Grouping parse(String s) {
        for (Grouping g : values()) {
            if (g.id().equalsIgnoreCase(s.strip())) {
                return g;
            }
        }
        throw new IllegalArgumentException("\"" + s + "\" is not one of region, language, need, centre, hour");
    }
}
