package org.aiguilleur.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.simulate.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aiguilleur simulate}: one call through the same engine the server runs. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one call through the engine and prints what the caller hears and what was decided.",
            "Each --input is used at the next input point: keys (1, 476), speech:TEXT, timeout or hangup.",
            "Once the inputs run out, every further input point times out.",
            "Example: aiguilleur simulate --from +15145550100 --at 2026-11-24T10:00 --input 1 --input 1"})
final class SimulateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--from", required = true, paramLabel = "NUMBER",
            description = "The caller number as the network gives it (+15145550100, 4185550100, anonymous, \"\").")
    String from;

    @Option(names = "--to", paramLabel = "NUMBER", defaultValue = "211", description = "The number dialled (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--at", paramLabel = "TIME",
            description = "When the call happens: an ISO instant with offset or Z, or a local Québec date-time"
                    + " (2026-12-25T21:00). Default: now.")
    String at;

    @Option(names = "--input", paramLabel = "TOKEN", arity = "1..*",
            description = "Caller inputs, in order: keys, speech:TEXT, timeout, hangup.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object instead of a transcript.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String token : inputs) {
            String problem = Simulator.invalidToken(token);
            if (problem != null) {
                err.println("--input " + problem);
                return 2;
            }
        }
        Optional<Configuration> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return 1;
        }
        Configuration cfg = loaded.get();
        ZoneId zone = cfg.settings().zone();
        Instant when;
        try {
            when = at == null ? Instant.now() : TimeArgument.parse(at, zone);
        } catch (IllegalArgumentException e) {
            err.println("--at " + e.getMessage());
            return 2;
        }
        Simulator.Run run = Simulator.run(cfg.engine(Clock.fixed(when, zone), LiveStaffing.UNKNOWN),
                new CallStart("simulated-call", "simulator", from, to), inputs);
        if (json) {
            out.println(JSON.writeValueAsString(toJson(run, when)));
        } else {
            printTranscript(out, run, when, zone);
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> toJson(Simulator.Run run, Instant when) {
        CallResult r = run.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome().map(o -> o.id()).orElse(null));
        m.put("queue", r.queue().orElse(null));
        m.put("language", r.language().orElse(null));
        m.put("region", r.region().orElse(null));
        m.put("regionSource", r.regionSource().orElse(null));
        m.put("need", r.need().orElse(null));
        m.put("interpreterLanguage", r.interpreterLanguage().orElse(null));
        m.put("transferTo", r.transferTo().orElse(null));
        m.put("callback", r.callback().orElse(null));
        m.put("closedReason", r.closedReason().orElse(null));
        m.put("at", when.toString());
        m.put("path", r.path());
        List<Map<String, String>> prompts = new ArrayList<>();
        for (Prompt p : r.prompts()) {
            Map<String, String> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("language", p.language());
            pm.put("text", p.text());
            prompts.add(pm);
        }
        m.put("prompts", prompts);
        return m;
    }

    private static void printTranscript(PrintWriter out, Simulator.Run run, Instant when, ZoneId zone) {
        ZonedDateTime local = when.atZone(zone);
        out.println("Call at " + local.format(DateTimeFormatter.ofPattern("EEEE yyyy-MM-dd HH:mm", Locale.ENGLISH))
                + " " + zone + " (" + when + ")");
        for (Simulator.Line line : run.transcript()) {
            if (line instanceof Simulator.Line.Heard h) {
                out.println("  [" + h.language() + "] " + h.text());
            } else if (line instanceof Simulator.Line.Asked a) {
                out.println("      ... waiting at " + a.step());
            } else if (line instanceof Simulator.Line.Input i) {
                out.println("  caller: " + i.token());
            } else if (line instanceof Simulator.Line.Did d) {
                out.println("  => " + d.what());
            }
        }
        CallResult r = run.result();
        out.println();
        out.println("outcome:     " + r.outcome().map(o -> o.id()).orElse("(none)"));
        r.queue().ifPresent(q -> out.println("queue:       " + q));
        out.println("language:    " + r.language().orElse("(none)"));
        out.println("region:      " + r.region().orElse("(none)") + r.regionSource().map(s -> " (from " + s + ")").orElse(""));
        out.println("need:        " + r.need().orElse("(none)"));
        r.interpreterLanguage().ifPresent(l -> out.println("interpreter: " + l));
        r.transferTo().ifPresent(t -> out.println("transfer to: " + t));
        r.callback().ifPresent(c -> out.println("call-back:   " + (c ? "yes" : "no")));
        r.closedReason().ifPresent(c -> out.println("closed:      " + c));
        out.println("path:        " + String.join(" ", r.path()));
    }
}
