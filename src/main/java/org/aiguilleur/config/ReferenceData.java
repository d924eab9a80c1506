package org.aiguilleur.config;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the Québec reference tables (exchanges, area codes, postal-code FSAs): comma-separated,
 * a header row, {@code #} comment lines first.
 */
final class ReferenceData {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.TRIM_SPACES);
    private static final Pattern THREE_DIGITS = Pattern.compile("[2-9]\\d\\d");
    private static final Pattern FSA = Pattern.compile("[A-Z]\\d[A-Z]");

    private ReferenceData() {
    }

    /** Rows as column-to-value maps, with their line numbers for errors. */
    record Row(int line, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.strip();
        }
    }

    static List<Row> rows(Path file, String shown, List<String> required, Problems problems) {
        List<Row> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class).with(schema).readValues(in)) {
            while (it.hasNext()) {
                int line = it.getCurrentLocation().getLineNr();
                Map<String, String> values = new LinkedHashMap<>(it.next());
                rows.add(new Row(line, values));
            }
        } catch (NoSuchFileException e) {
            problems.add(shown, "", "file not found");
            return List.of();
        } catch (IOException | RuntimeException e) {
            problems.add(shown, "", "not valid CSV: " + e.getMessage().lines().findFirst().orElse(""));
            return List.of();
        }
        if (!rows.isEmpty()) {
            for (String column : required) {
                if (!rows.get(0).values().containsKey(column)) {
                    problems.add(shown, "", "missing column " + column);
                    return List.of();
                }
            }
        } else {
            problems.add(shown, "", "has no rows");
        }
        return rows;
    }

    /** NPA-NXX to region id, through the region codes. */
    static Map<String, String> exchanges(Path file, String shown, Map<String, String> regionByCode, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : rows(file, shown, List.of("npa", "nxx", "region_code"), problems)) {
            String npa = r.get("npa");
            String nxx = r.get("nxx");
            String region = regionByCode.get(r.get("region_code"));
            if (!THREE_DIGITS.matcher(npa).matches() || !THREE_DIGITS.matcher(nxx).matches()) {
                problems.add(shown, "line " + r.line(), "\"" + npa + "-" + nxx + "\" is not an NPA-NXX");
            } else if (region == null) {
                problems.add(shown, "line " + r.line(), "region_code \"" + r.get("region_code") + "\" is not a region of regions.yaml");
            } else if (out.putIfAbsent(npa + nxx, region) != null) {
                problems.add(shown, "line " + r.line(), "exchange " + npa + "-" + nxx + " is listed twice");
            }
        }
        return out;
    }

    /** FSA to region id. */
    static Map<String, String> postalCodes(Path file, String shown, Map<String, String> regionByCode, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : rows(file, shown, List.of("fsa", "region_code"), problems)) {
            String fsa = r.get("fsa");
            String region = regionByCode.get(r.get("region_code"));
            if (!FSA.matcher(fsa).matches()) {
                problems.add(shown, "line " + r.line(), "\"" + fsa + "\" is not an FSA like H2X");
            } else if (region == null) {
                problems.add(shown, "line " + r.line(), "region_code \"" + r.get("region_code") + "\" is not a region of regions.yaml");
            } else if (out.putIfAbsent(fsa, region) != null) {
                problems.add(shown, "line " + r.line(), "FSA " + fsa + " is listed twice");
            }
        }
        return out;
    }

    /** Area code to the id of its overlay complex ({@code 514/438/263}). */
    static Map<String, String> overlays(Path file, String shown, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : rows(file, shown, List.of("npa", "complex"), problems)) {
            String npa = r.get("npa");
            if (!THREE_DIGITS.matcher(npa).matches()) {
                problems.add(shown, "line " + r.line(), "\"" + npa + "\" is not an area code");
            } else {
                out.put(npa, r.get("complex"));
            }
        }
        return out;
    }
}
