package org.aiguilleur.records.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A computed report: the period (Québec local dates, both included), and its sections. Every figure
 * is already a {@link Cell}: small counts and figures derived from them are hidden.
 */
public record Report(LocalDate from, LocalDate to, ZoneId zone, Optional<Grouping> by, Duration serviceLevel,
                     List<Section> sections) {

    public Report {
        sections = List.copyOf(sections);
    }

    /** The section of that name. */
    public Section section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section " + name));
    }

    /** A table: key columns, value columns, lines. */
    public record Section(String name, List<String> keyColumns, List<String> valueColumns, List<Line> lines) {
        public Section {
            keyColumns = List.copyOf(keyColumns);
            valueColumns = List.copyOf(valueColumns);
            lines = List.copyOf(lines);
        }

        /** The line whose keys are {@code keys}. */
        public Optional<Line> line(String... keys) {
            return lines.stream().filter(l -> l.keys().equals(List.of(keys))).findFirst();
        }
    }

    /** One line: its keys and one cell per value column. */
    public record Line(List<String> keys, List<Cell> cells) {
        public Line {
            keys = List.copyOf(keys);
            cells = List.copyOf(cells);
        }
    }
}
