package org.aiguilleur.records.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One figure of a report as shown: a number, {@code "<5"} when it counts (or is derived from) fewer
 * than five calls so that no caller can be singled out, or nothing ({@code n/a}) when undefined.
 */
public record Cell(BigDecimal number, String text) {
    /** Shown for counts from 1 to 4, and for rates and averages over fewer than five calls. */
    public static final String SUPPRESSED = "<5";
    static final int MINIMUM = 5;
    private static final Cell NA = new Cell(null, "n/a");
    private static final Cell HIDDEN = new Cell(null, SUPPRESSED);

    /** A count: 0 and 5 or more as they are, 1 to 4 hidden. */
    static Cell count(long n) {
        return n > 0 && n < MINIMUM ? HIDDEN : new Cell(BigDecimal.valueOf(n), Long.toString(n));
    }

    /**
     * A share in percent (one decimal) of {@code of}; hidden when {@code of} is under five, and when
     * {@code part} is 1 to 4 (the share and its base would give the hidden count back).
     */
    static Cell percent(long part, long of) {
        if (of == 0) {
            return NA;
        }
        if (of < MINIMUM || part > 0 && part < MINIMUM) {
            return HIDDEN;
        }
        BigDecimal p = BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(of), 1, RoundingMode.HALF_UP);
        return new Cell(p, p.toPlainString() + "%");
    }

    /** An average of {@code sumMs} over {@code n}, in seconds (one decimal); hidden when {@code n} is under five. */
    static Cell seconds(long sumMs, long n) {
        if (n == 0) {
            return NA;
        }
        if (n < MINIMUM) {
            return HIDDEN;
        }
        BigDecimal s = BigDecimal.valueOf(sumMs).divide(BigDecimal.valueOf(n * 1000L), 1, RoundingMode.HALF_UP);
        return new Cell(s, s.toPlainString());
    }

    /** A total of milliseconds in minutes (one decimal), hidden when it sums fewer than five calls. */
    static Cell minutes(long sumMs, long n) {
        if (n > 0 && n < MINIMUM) {
            return HIDDEN;
        }
        BigDecimal m = BigDecimal.valueOf(sumMs).divide(BigDecimal.valueOf(60_000L), 1, RoundingMode.HALF_UP);
        return new Cell(m, m.toPlainString());
    }

    /** Hidden although not small itself: it would give a hidden cell back by subtraction from a total. */
    static Cell hidden() {
        return HIDDEN;
    }

    /** Whether a count is hidden for being small (1 to 4). */
    static boolean small(long n) {
        return n > 0 && n < MINIMUM;
    }

    @Override
    public String toString() {
        return text;
    }
}
