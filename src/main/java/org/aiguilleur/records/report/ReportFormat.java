package org.aiguilleur.records.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** How a report is written: an aligned text table, CSV (one table per section), or JSON. */
public enum ReportFormat {
    TABLE, CSV, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ReportFormat parse(String s) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(s.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("\"" + s + "\" is not one of table, csv, json");
    }

    /** The HTTP content type. */
    public String contentType() {
        return switch (this) {
            case TABLE -> "text/plain; charset=utf-8";
            case CSV -> "text/csv; charset=utf-8";
            case JSON -> "application/json; charset=utf-8";
        };
    }

    public String render(Report r) {
        return switch (this) {
            case TABLE -> table(r);
            case CSV -> csv(r);
            case JSON -> json(r);
        };
    }

    private static String title(Report r) {
        return "Aiguilleur report " + r.from() + " to " + r.to() + " (" + r.zone() + " local dates)"
                + r.by().map(b -> ", by " + b.id()).orElse("") + "; service level within "
                + r.serviceLevel().toSeconds() + " s; \"<5\": fewer than 5 calls, hidden";
    }

    private static String table(Report r) {
        StringBuilder out = new StringBuilder(title(r)).append('\n');
        for (Report.Section s : r.sections()) {
            out.append('\n').append(s.name()).append('\n');
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(s.keyColumns());
            header.addAll(s.valueColumns());
            rows.add(header);
            for (Report.Line l : s.lines()) {
                List<String> row = new ArrayList<>(l.keys());
                l.cells().forEach(c -> row.add(c.text()));
                rows.add(row);
            }
            if (s.lines().isEmpty()) {
                out.append("  (none)\n");
                continue;
            }
            int[] width = new int[header.size()];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    width[i] = Math.max(width[i], row.get(i).length());
                }
            }
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder(" ");
                for (int i = 0; i < row.size(); i++) {
                    String cell = row.get(i);
                    line.append(' ');
                    // Keys left-aligned, figures right-aligned.
                    line.append(i < s.keyColumns().size() ? pad(cell, width[i], false) : pad(cell, width[i], true));
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    private static String csv(Report r) {
        StringBuilder out = new StringBuilder();
        for (Report.Section s : r.sections()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            List<String> header = new ArrayList<>();
            header.add("section");
            header.addAll(s.keyColumns());
            header.addAll(s.valueColumns());
            out.append(String.join(",", header.stream().map(ReportFormat::quote).toList())).append('\n');
            for (Report.Line l : s.lines()) {
                List<String> row = new ArrayList<>();
                row.add(s.name());
                row.addAll(l.keys());
                l.cells().forEach(c -> row.add(c.number() == null ? c.text() : c.number().toPlainString()));
                out.append(String.join(",", row.stream().map(ReportFormat::quote).toList())).append('\n');
            }
        }
        return out.toString();
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_.:<%/ -]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String json(Report r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("from", r.from().toString());
        o.put("to", r.to().toString());
        o.put("timezone", r.zone().getId());
        o.put("by", r.by().map(Grouping::id).orElse(null));
        o.put("serviceLevelSeconds", r.serviceLevel().toSeconds());
        o.put("suppressed", Cell.SUPPRESSED);
        for (Report.Section s : r.sections()) {
            ArrayNode lines = o.putArray(camel(s.name()));
            for (Report.Line l : s.lines()) {
                ObjectNode line = lines.addObject();
                for (int i = 0; i < s.keyColumns().size(); i++) {
                    line.put(camel(s.keyColumns().get(i)), l.keys().get(i));
                }
                for (int i = 0; i < s.valueColumns().size(); i++) {
                    Cell c = l.cells().get(i);
                    String name = camel(s.valueColumns().get(i));
                    if (c.number() != null) {
                        line.put(name, c.number());
                    } else if (Cell.SUPPRESSED.equals(c.text())) {
                        line.put(name, Cell.SUPPRESSED);
                    } else {
                        line.putNull(name);
                    }
                }
            }
        }
        try {
            return MAPPER.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
