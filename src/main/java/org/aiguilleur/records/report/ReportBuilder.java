package org.aiguilleur.records.report;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.aiguilleur.records.store.NeedRow;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.records.store.ReportRow;

/**
 * Computes reports from the store: call volumes, speed of answer, abandonment (in the IVR and in the
 * queue), service level, handle time, interpreters, unmet needs. Days are local dates in the zone
 * (America/Toronto), so a day is 23 or 25 hours across a DST change, and hours are local hours.
 *
 * <p>Definitions (docs/RECORDS.md): abandonment in the IVR is over all calls, in the queue over
 * calls queued; speed of answer averages the wait of answered calls; service level is the share of
 * queued calls answered within the threshold; handle time runs from answer to the end of the call.
 */
public final class ReportBuilder {
    /** The columns of the {@code calls} section, in order. */
    public static final List<String> CALL_COLUMNS = List.of("calls", "queued", "answered", "abandoned_ivr",
            "abandoned_queue", "abandon_rate_ivr", "abandon_rate_queue", "asa_s", "service_level", "aht_s",
            "transferred", "after_hours", "callbacks", "callbacks_handled", "interpreted", "interpreter_min");
    /** The longest period one report covers. */
    public static final int MAX_DAYS = 3660;

    private final RecordStore store;
    private final ZoneId zone;
    private final Duration serviceLevel;

    public ReportBuilder(RecordStore store, ZoneId zone, Duration serviceLevel) {
        this.store = store;
        this.zone = zone;
        this.serviceLevel = serviceLevel;
    }

    /** Checks a period: {@code from} not after {@code to}, at most {@link #MAX_DAYS} days. */
    public static void checkPeriod(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to);
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days");
        }
    }

    public Report build(LocalDate from, LocalDate to, Optional<Grouping> by) throws SQLException {
        checkPeriod(from, to);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Function<ReportRow, String> key = by.map(this::keyOf).orElse(r -> "all");
        Map<String, Figures> groups = new TreeMap<>();
        Figures total = new Figures();
        Map<String, long[]> interpreters = new TreeMap<>();
        store.calls(start, end, r -> {
            groups.computeIfAbsent(key.apply(r), k -> new Figures()).add(r, serviceLevel);
            total.add(r, serviceLevel);
            if (r.interpreterConnectMs() != null) {
                long[] a = interpreters.computeIfAbsent(or(r.interpreterLanguage(), "und"), k -> new long[3]);
                a[0]++;
                a[1] += r.interpreterMs() == null ? 0 : r.interpreterMs();
                a[2] += r.interpreterConnectMs();
            }
        });
        Map<List<String>, long[]> unmet = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        store.needs(start, end, (NeedRow n) -> {
            long[] a = unmet.computeIfAbsent(List.of(or(n.region(), "unknown"), n.need()), k -> new long[2]);
            a[0]++;
            if (!n.met()) {
                a[1]++;
            }
        });

        List<Report.Line> lines = new ArrayList<>();
        List<List<Cell>> groupCells = new ArrayList<>();
        groups.values().forEach(f -> groupCells.add(new ArrayList<>(cells(f))));
        if (by.isPresent()) {
            protectFromTotal(new ArrayList<>(groups.values()), groupCells);
        }
        int g = 0;
        for (String k : groups.keySet()) {
            lines.add(new Report.Line(List.of(k), groupCells.get(g++)));
        }
        if (by.isPresent()) {
            lines.add(new Report.Line(List.of("total"), cells(total)));
        }
        Report.Section calls = new Report.Section("calls", List.of(by.map(Grouping::id).orElse("period")),
                CALL_COLUMNS, lines);

        List<Report.Line> interp = new ArrayList<>();
        interpreters.forEach((lang, a) -> interp.add(new Report.Line(List.of(lang),
                List.of(Cell.count(a[0]), Cell.minutes(a[1], a[0]), Cell.seconds(a[2], a[0])))));
        Report.Section interpreterSection = new Report.Section("interpreters", List.of("language"),
                List.of("calls", "minutes", "avg_connect_s"), interp);

        List<Report.Line> needs = new ArrayList<>();
        unmet.forEach((k, a) -> needs.add(new Report.Line(k,
                List.of(Cell.count(a[0]), Cell.count(a[1]), Cell.percent(a[1], a[0])))));
        Report.Section needSection = new Report.Section("unmet_needs", List.of("region", "need"),
                List.of("coded", "unmet", "unmet_rate"), needs);

        return new Report(from, to, zone, by, serviceLevel, List.of(calls, interpreterSection, needSection));
    }

    /** The count columns of {@link #CALL_COLUMNS} and how to read each from the figures. */
    private static final Map<Integer, java.util.function.ToLongFunction<Figures>> COUNTS = Map.of(
            0, f -> f.calls, 1, f -> f.queued, 2, f -> f.answered, 3, f -> f.abandonedIvr, 4, f -> f.abandonedQueue,
            10, f -> f.transferred, 11, f -> f.afterHours, 12, f -> f.callbacks, 13, f -> f.callbacksHandled,
            14, f -> f.interpreted);

    /**
     * Secondary suppression: in a column where exactly one group's count is hidden, the total minus
     * the shown counts would give it back, so the smallest other non-zero count is hidden too.
     */
    private static void protectFromTotal(List<Figures> groups, List<List<Cell>> cells) {
        COUNTS.forEach((column, value) -> {
            int hidden = 0;
            int smallest = -1;
            for (int i = 0; i < groups.size(); i++) {
                long v = value.applyAsLong(groups.get(i));
                if (Cell.small(v)) {
                    hidden++;
                } else if (v > 0 && (smallest < 0 || v < value.applyAsLong(groups.get(smallest)))) {
                    smallest = i;
                }
            }
            if (hidden == 1 && smallest >= 0) {
                cells.get(smallest).set(column, Cell.hidden());
            }
        });
    }

    private static List<Cell> cells(Figures f) {
        return List.of(Cell.count(f.calls), Cell.count(f.queued), Cell.count(f.answered), Cell.count(f.abandonedIvr),
                Cell.count(f.abandonedQueue), Cell.percent(f.abandonedIvr, f.calls),
                Cell.percent(f.abandonedQueue, f.queued), Cell.seconds(f.waitMs, f.waitCount),
                Cell.percent(f.answeredWithinLevel, f.queued), Cell.seconds(f.handleMs, f.handleCount),
                Cell.count(f.transferred), Cell.count(f.afterHours), Cell.count(f.callbacks),
                Cell.count(f.callbacksHandled), Cell.count(f.interpreted), Cell.minutes(f.interpreterMs, f.interpreted));
    }

    private Function<ReportRow, String> keyOf(Grouping g) {
        return switch (g) {
            case REGION -> r -> or(r.region(), "unknown");
            case LANGUAGE -> r -> or(r.language(), "und");
            case NEED -> r -> or(r.need(), "none");
            case CENTRE -> r -> or(r.centre(), "unknown");
            case HOUR -> r -> String.format("%02d", r.startedAt().atZone(zone).getHour());
        };
    }

    private static String or(String v, String otherwise) {
        return v == null || v.isBlank() ? otherwise : v;
    }
}
