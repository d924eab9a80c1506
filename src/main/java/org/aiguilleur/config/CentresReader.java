package org.aiguilleur.config;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.Closure;
import org.aiguilleur.routing.Holiday;
import org.aiguilleur.routing.HolidayCalendar;
import org.aiguilleur.routing.HolidayRule;
import org.aiguilleur.routing.TimeRange;
import org.aiguilleur.routing.WeeklyHours;

/** Reads {@code centres.yaml}: centres, weekly hours, holiday calendars and closures. */
final class CentresReader {
    private static final Pattern RANGE = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private CentresReader() {
    }

    /** @param rejected ids of centres listed but not built because of their own errors */
    record Result(List<Centre> centres, Map<String, HolidayCalendar> calendars, Set<String> rejected) {
    }

    static Result read(Node root, Set<String> regionIds, Problems problems) {
        root.keys(Set.of("centres", "holidays"));
        Map<String, HolidayCalendar> calendars = new LinkedHashMap<>();
        root.entries("holidays", false).forEach((id, node) -> calendar(id, node).ifPresent(c -> calendars.put(id, c)));

        List<Centre> centres = new ArrayList<>();
        Map<String, String> servedBy = new LinkedHashMap<>();
        Set<String> rejected = new LinkedHashSet<>();
        root.entries("centres", true).forEach((id, node) -> {
            rejected.add(id);
            if (!ID.matcher(id).matches()) {
                node.error("centre id \"" + id + "\" is not lower-case letters, digits and dashes");
            }
            centre(id, node, regionIds, calendars, root.child("holidays")).ifPresent(c -> {
                for (String r : c.regions()) {
                    String other = servedBy.putIfAbsent(r, id);
                    if (other != null) {
                        node.child("regions").error("region " + r + " is already served by centre " + other);
                    }
                }
                centres.add(c);
                rejected.remove(id);
            });
        });
        if (centres.isEmpty() && rejected.isEmpty() && !root.child("centres").isMissing()) {
            root.child("centres").error("lists no centre");
        }
        return new Result(centres, calendars, rejected);
    }

    private static Optional<Centre> centre(String id, Node n, Set<String> regionIds,
                                           Map<String, HolidayCalendar> calendars, Node holidaysNode) {
        if (!n.keys(Set.of("name", "regions", "languages", "hours", "holidays", "closures"))) {
            if (n.isMissing()) {
                n.error("is empty");
            }
            return Optional.empty();
        }
        int before = n.problems.size();
        String name = n.string("name", true).orElse(id);
        List<String> regions = new ArrayList<>();
        for (Node r : n.list("regions", true)) {
            r.asString().ifPresent(s -> {
                if (!regionIds.isEmpty() && !regionIds.contains(s)) { // empty: regions.yaml has errors of its own
                    r.error("\"" + s + "\" is not a region of regions.yaml");
                } else if (regions.contains(s)) {
                    r.error("\"" + s + "\" is listed twice");
                } else {
                    regions.add(s);
                }
            });
        }
        List<String> languages = new ArrayList<>();
        for (Node l : n.list("languages", true)) {
            l.asString().ifPresent(s -> {
                if (!LANGUAGE.matcher(s).matches()) {
                    l.error("\"" + s + "\" is not a primary language code like fr or en");
                } else if (languages.contains(s)) {
                    l.error("\"" + s + "\" is listed twice");
                } else {
                    languages.add(s);
                }
            });
        }
        if (languages.isEmpty() && !n.child("languages").isMissing()) {
            n.child("languages").error("lists no language");
        }
        WeeklyHours hours = hours(n.child("hours"));
        Optional<HolidayCalendar> holidays = Optional.empty();
        Optional<String> cal = n.string("holidays", true);
        if (cal.isPresent() && !cal.get().equals("none")) {
            holidays = Optional.ofNullable(calendars.get(cal.get()));
            if (holidays.isEmpty() && !holidaysNode.child(cal.get()).isMissing()) {
                // The calendar exists but has errors of its own, reported there.
            } else if (holidays.isEmpty()) {
                n.child("holidays").error("\"" + cal.get() + "\" is not a calendar under holidays (or \"none\")");
            }
        }
        List<Closure> closures = new ArrayList<>();
        for (Node c : n.list("closures", false)) {
            closure(c).ifPresent(closures::add);
        }
        if (n.problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Centre(id, name, regions, languages, hours, holidays, closures));
    }

    static WeeklyHours hours(Node n) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        if (n.isMissing()) {
            n.error("is required");
            return new WeeklyHours(days);
        }
        for (Map.Entry<String, Node> e : n.entries().entrySet()) {
            Optional<List<DayOfWeek>> which = dayKey(e.getKey());
            if (which.isEmpty()) {
                e.getValue().error("unknown day (expected mon ... sun, a range like mon-fri, or daily)");
                continue;
            }
            List<TimeRange> ranges = ranges(e.getValue());
            for (DayOfWeek d : which.get()) {
                if (days.containsKey(d)) {
                    e.getValue().error(d.getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT)
                            + " is given twice");
                }
                days.put(d, ranges);
            }
        }
        return new WeeklyHours(days);
    }

    private static Optional<List<DayOfWeek>> dayKey(String key) {
        if (key.equals("daily")) {
            return Optional.of(List.of(DayOfWeek.values()));
        }
        String[] parts = key.split("-");
        if (parts.length == 1 && DAYS.contains(key)) {
            return Optional.of(List.of(DayOfWeek.of(DAYS.indexOf(key) + 1)));
        }
        if (parts.length == 2 && DAYS.contains(parts[0]) && DAYS.contains(parts[1])) {
            int from = DAYS.indexOf(parts[0]);
            int to = DAYS.indexOf(parts[1]);
            if (from < to) {
                List<DayOfWeek> out = new ArrayList<>();
                for (int i = from; i <= to; i++) {
                    out.add(DayOfWeek.of(i + 1));
                }
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    private static List<TimeRange> ranges(Node n) {
        List<TimeRange> out = new ArrayList<>();
        for (Node item : n.items()) {
            Optional<String> s = item.asString();
            if (s.isEmpty()) {
                continue;
            }
            if (s.get().equals("closed")) {
                continue;
            }
            Optional<TimeRange> r = range(s.get());
            if (r.isEmpty()) {
                item.error("\"" + s.get() + "\" is not HH:MM-HH:MM");
            } else if (!out.isEmpty() && r.get().start().isBefore(out.get(out.size() - 1).end())) {
                item.error("\"" + s.get() + "\" overlaps or precedes the range before it");
            } else {
                out.add(r.get());
            }
        }
        return out;
    }

    static Optional<TimeRange> range(String s) {
        Matcher m = RANGE.matcher(s.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int h1 = Integer.parseInt(m.group(1));
        int m1 = Integer.parseInt(m.group(2));
        int h2 = Integer.parseInt(m.group(3));
        int m2 = Integer.parseInt(m.group(4));
        if (h1 > 23 || m1 > 59 || m2 > 59 || h2 > 24 || (h2 == 24 && m2 != 0)) {
            return Optional.empty();
        }
        LocalTime start = LocalTime.of(h1, m1);
        if (h2 == 24) {
            return Optional.of(new TimeRange(start, LocalTime.MAX, true));
        }
        LocalTime end = LocalTime.of(h2, m2);
        return end.isAfter(start) ? Optional.of(TimeRange.of(start, end)) : Optional.empty();
    }

    private static Optional<HolidayCalendar> calendar(String id, Node n) {
        List<Holiday> holidays = new ArrayList<>();
        int before = n.problems.size();
        Set<String> names = new LinkedHashSet<>();
        for (Node h : n.items()) {
            if (!h.keys(Set.of("name", "date", "easter", "month", "weekday", "nth", "before", "if-sunday"))) {
                h.error("expected a holiday like { name: Canada Day, date: \"07-01\" }");
                continue;
            }
            String name = h.string("name", true).orElse("?");
            if (!names.add(name)) {
                h.child("name").error("\"" + name + "\" is listed twice");
            }
            Optional<HolidayRule> rule = rule(h);
            Optional<String> ifSunday = h.string("if-sunday", false);
            if (ifSunday.isPresent() && !ifSunday.get().equals("monday")) {
                h.child("if-sunday").error("\"" + ifSunday.get() + "\" is not monday");
            } else if (ifSunday.isPresent() && rule.isPresent()) {
                rule = Optional.of(new HolidayRule.MondayIfSunday(rule.get()));
            }
            rule.ifPresent(r -> holidays.add(new Holiday(name, r)));
        }
        return n.problems.size() > before ? Optional.empty() : Optional.of(new HolidayCalendar(id, holidays));
    }

    private static Optional<HolidayRule> rule(Node h) {
        boolean date = !h.child("date").isMissing();
        boolean easter = !h.child("easter").isMissing();
        boolean nth = !h.child("nth").isMissing();
        boolean before = !h.child("before").isMissing();
        int kinds = (date ? 1 : 0) + (easter ? 1 : 0) + (nth ? 1 : 0) + (before ? 1 : 0);
        if (kinds != 1) {
            h.error("needs exactly one of date, easter, nth (with month and weekday) or before (with weekday)");
            return Optional.empty();
        }
        if (date) {
            return monthDay(h.child("date")).map(HolidayRule.Fixed::new);
        }
        if (easter) {
            return h.integer("easter", true, -60, 60).map(HolidayRule.EasterOffset::new);
        }
        Optional<DayOfWeek> weekday = weekday(h);
        if (nth) {
            Optional<Integer> month = h.integer("month", true, 1, 12);
            // No 5th: a month without one would put the holiday in the next month.
            Optional<Integer> n = h.integer("nth", true, -1, 4);
            if (n.isPresent() && n.get() == 0) {
                h.child("nth").error("0 is not 1 to 4 or -1 (last)");
                return Optional.empty();
            }
            if (month.isEmpty() || n.isEmpty() || weekday.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new HolidayRule.NthWeekday(month.get(), weekday.get(), n.get()));
        }
        Optional<MonthDay> day = monthDay(h.child("before"));
        if (day.isEmpty() || weekday.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HolidayRule.WeekdayBefore(weekday.get(), day.get()));
    }

    private static Optional<DayOfWeek> weekday(Node h) {
        Optional<String> s = h.string("weekday", true);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        int i = DAYS.indexOf(s.get());
        if (i < 0) {
            h.child("weekday").error("\"" + s.get() + "\" is not one of " + String.join(", ", DAYS));
            return Optional.empty();
        }
        return Optional.of(DayOfWeek.of(i + 1));
    }

    private static Optional<MonthDay> monthDay(Node n) {
        Optional<String> s = n.asString();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MonthDay.parse("--" + s.get()));
        } catch (DateTimeParseException e) {
            n.error("\"" + s.get() + "\" is not a day like \"07-01\" (MM-DD)");
            return Optional.empty();
        }
    }

    private static Optional<Closure> closure(Node c) {
        if (!c.keys(Set.of("from", "until", "reason"))) {
            c.error("expected a closure like { from: \"2026-12-24T12:00\", until: \"2026-12-24T16:30\", reason: ... }");
            return Optional.empty();
        }
        Optional<LocalDateTime> from = dateTime(c, "from");
        Optional<LocalDateTime> until = dateTime(c, "until");
        String reason = c.string("reason", true).orElse("");
        if (from.isPresent() && until.isPresent()) {
            if (!until.get().isAfter(from.get())) {
                c.child("until").error("\"" + until.get() + "\" is not after from \"" + from.get() + "\"");
                return Optional.empty();
            }
            return Optional.of(new Closure(from.get(), until.get(), reason));
        }
        return Optional.empty();
    }

    private static Optional<LocalDateTime> dateTime(Node c, String key) {
        Optional<String> s = c.string(key, true);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(s.get()));
        } catch (DateTimeParseException e) {
            c.child(key).error("\"" + s.get() + "\" is not a local date-time like 2026-12-24T12:00");
            return Optional.empty();
        }
    }
}
