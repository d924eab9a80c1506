package org.aiguilleur.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aiguilleur.config.ConfigError;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.TwilioLanguages;
import org.aiguilleur.languages.LanguageCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aiguilleur languages}: what callers of each language get from a configuration. */
@Command(name = "languages", mixinStandardHelpOptions = true,
        description = {"Prints the coverage of each language: prompt files and their human and machine texts,",
            "the Twilio voice and recogniser this deployment uses (twilio.voices of aiguilleur.yaml), what Twilio",
            "offers for it (" + TwilioLanguages.FILE + "), the centres whose agents speak it (centres.yaml)",
            "and the interpreter services that list it (interpreters.yaml).",
            "Names come from the language catalogue (ICU). Exit 1 with every error if the configuration is invalid."})
final class LanguagesCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { TABLE, CSV, JSON }

    private static final List<String> HEADER = List.of("code", "english", "french", "autonym", "prompts", "human",
            "machine", "twilio-voice", "twilio-recognizer", "offered-say", "offered-speech", "centres", "interpreters");

    @Mixin
    ConfigOption config;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--all", description = "Every language of the catalogue, not only those with prompts, agents or interpreters.")
    boolean all;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Configuration> c = config.load(err);
        if (c.isEmpty()) {
            return 1;
        }
        TwilioLanguages twilio;
        try {
            twilio = TwilioLanguages.read(config.dir);
        } catch (ConfigException e) {
            err.println(config.dir + ": " + e.errors().size() + " error(s) in " + TwilioLanguages.FILE + ":");
            e.errors().stream().map(ConfigError::toString).forEach(s -> err.println("  " + s));
            err.flush();
            return 1;
        }
        LanguageCatalogue catalogue = LanguageCatalogue.standard();
        List<LanguageCoverage.Row> rows = LanguageCoverage.rows(c.get(), twilio, catalogue, all);
        List<String> identify = LanguageCoverage.identifiers(c.get());
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> out.println(json(rows, identify, catalogue.size()));
            case CSV -> {
                out.println(String.join(",", HEADER));
                rows.forEach(r -> out.println(String.join(",", cells(r).stream().map(LanguagesCommand::csv).toList())));
            }
            default -> {
                table(rows, out);
                out.printf("%d languages shown of %d in the catalogue%s.%n", rows.size(), catalogue.size(),
                        all ? "" : " (--all for every one)");
                out.println("und (language not identified): " + (identify.isEmpty() ? "no interpreter service"
                        : "identified by " + String.join(", ", identify)) + ".");
            }
        }
        out.flush();
        return 0;
    }

    private static List<String> cells(LanguageCoverage.Row r) {
        return List.of(r.code(), r.english(), r.french(), r.autonym(), String.join(" ", r.promptTags()),
                String.valueOf(r.humanPrompts()), String.valueOf(r.machinePrompts()), r.voice(), r.recognizer(),
                r.say(), r.speech(),
                String.join(" ", r.centres()), String.join(" ", r.interpreters()));
    }

    private static void table(List<LanguageCoverage.Row> rows, PrintWriter out) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(cells(r).stream().map(s -> s.isEmpty() ? "-" : s).toList()));
        int[] width = new int[HEADER.size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).codePointCount(0, l.get(i).length()));
            }
        }
        for (List<String> l : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                b.append(cell);
                if (i < l.size() - 1) {
                    b.append(" ".repeat(width[i] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String csv(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static String json(List<LanguageCoverage.Row> rows, List<String> identify, int catalogueSize)
            throws JsonProcessingException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("catalogue", catalogueSize);
        doc.put("languages", rows);
        doc.put("undIdentifiedBy", identify);
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    }
}
