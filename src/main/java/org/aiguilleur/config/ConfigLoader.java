package org.aiguilleur.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.flow.FlowDefinition;
import org.aiguilleur.flow.Menu;
import org.aiguilleur.flow.MenuOption;
import org.aiguilleur.flow.PromptRef;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.Region;
import org.aiguilleur.routing.RegionDirectory;

/**
 * Loads a configuration folder ({@code config/} by default): {@code aiguilleur.yaml} and the files
 * it names. Either every file is valid and consistent, or {@link ConfigException} lists every error.
 */
public final class ConfigLoader {
    /** The main file inside the configuration folder. */
    public static final String MAIN_FILE = "aiguilleur.yaml";
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern CODE = Pattern.compile("\\d{2}");
    private static final List<String> HOURS_PROMPTS = List.of("hours-every-day", "hours-day-range", "hours-range", "hours-and");

    private ConfigLoader() {
    }

    /** Loads with the process environment (secrets of interpreter services). */
    public static Configuration load(Path dir) throws ConfigException {
        return load(dir, System.getenv());
    }

    /**
     * Loads a configuration folder.
     *
     * @param environment where secrets named in the configuration are looked up first
     */
    public static Configuration load(Path dir, Map<String, String> environment) throws ConfigException {
        Problems problems = new Problems();
        Path base = dir.toAbsolutePath().normalize();
        Optional<Node> main = Yaml.read(base.resolve(MAIN_FILE), MAIN_FILE, problems);
        if (main.isEmpty()) {
            throw new ConfigException(problems.errors());
        }
        Node m = main.get();
        m.keys(Set.of("timezone", "default-centre", "default-queue", "interpreter-queue-language", "files", "server",
                "asterisk", "records", "translation", "twilio"));
        ZoneId zone = zone(m);
        Node files = m.child("files");
        files.keys(Set.of("regions", "centres", "flow", "prompts", "exchanges", "area-codes", "postal-codes", "agents",
                "interpreters"));
        Map<String, String> paths = new LinkedHashMap<>();
        for (String k : List.of("regions", "centres", "flow", "prompts", "exchanges", "area-codes", "postal-codes", "agents")) {
            files.string(k, !k.equals("agents")).ifPresent(p -> paths.put(k, p)); // agents.yaml is optional
        }
        files.string("interpreters", false).ifPresent(p -> paths.put("interpreters", p));
        Settings.Listener agi = listener(m.child("server").child("agi"), "127.0.0.1", 4573, AgiDoorReader.KEYS);
        Settings.Listener http = listener(m.child("server").child("http"), "0.0.0.0", 8080);
        Settings.AgiDoor agiDoor = AgiDoorReader.read(m.child("server").child("agi"), base);
        m.child("server").keys(Set.of("agi", "http"));
        AsteriskSettings asterisk = AsteriskReader.read(m.child("asterisk"), base);
        RecordsSettings records = RecordsReader.read(m.child("records"), base);
        TranslationSettings translation = TranslationReader.read(m.child("translation"), base);
        TwilioSettings twilio = TwilioReader.read(m.child("twilio"), base);

        // Regions and the reference tables.
        List<Region> regions = new ArrayList<>();
        Map<String, String> areaDefaults = new LinkedHashMap<>();
        if (paths.containsKey("regions")) {
            int before = problems.size();
            Yaml.read(base.resolve(paths.get("regions")), paths.get("regions"), problems)
                    .ifPresent(r -> readRegions(r, regions, areaDefaults));
            if (problems.size() > before) {
                // Its errors are reported; references to regions (centres, tables) are checked once it is fixed.
                regions.clear();
                areaDefaults.clear();
            }
        }
        Map<String, String> byCode = new LinkedHashMap<>();
        regions.forEach(r -> byCode.put(r.code(), r.id()));
        Set<String> regionIds = new LinkedHashSet<>(byCode.values());
        Map<String, String> exchanges = paths.containsKey("exchanges") && !regions.isEmpty()
                ? ReferenceData.exchanges(base.resolve(paths.get("exchanges")), paths.get("exchanges"), byCode, problems)
                : Map.of();
        Map<String, String> overlays = paths.containsKey("area-codes")
                ? ReferenceData.overlays(base.resolve(paths.get("area-codes")), paths.get("area-codes"), problems)
                : Map.of();
        Map<String, String> fsas = paths.containsKey("postal-codes") && !regions.isEmpty()
                ? ReferenceData.postalCodes(base.resolve(paths.get("postal-codes")), paths.get("postal-codes"), byCode, problems)
                : Map.of();

        // Centres and calendars.
        CentresReader.Result centres = new CentresReader.Result(List.of(), Map.of(), Set.of());
        if (paths.containsKey("centres")) {
            Optional<Node> c = Yaml.read(base.resolve(paths.get("centres")), paths.get("centres"), problems);
            if (c.isPresent()) {
                centres = CentresReader.read(c.get(), regionIds, problems);
            }
        }

        // Prompts and the flow.
        PromptStore prompts = paths.containsKey("prompts")
                ? PromptsReader.read(base.resolve(paths.get("prompts")), paths.get("prompts"), problems)
                : new PromptStore(Map.of());
        translation = translation.withPromptsDir(base.resolve(paths.getOrDefault("prompts", "../prompts")).normalize());
        checkPlaceholders(prompts, translation.source(), paths.getOrDefault("prompts", "prompts"), problems);
        Optional<FlowDefinition> flow = Optional.empty();
        List<FlowReader.Use> uses = new ArrayList<>();
        if (paths.containsKey("flow")) {
            Optional<Node> f = Yaml.read(base.resolve(paths.get("flow")), paths.get("flow"), problems);
            if (f.isPresent()) {
                flow = FlowReader.read(f.get(), problems, uses);
            }
        }

        // Agents (optional file).
        Roster agents = Roster.EMPTY;
        if (paths.containsKey("agents")) {
            Optional<Node> a = Yaml.read(base.resolve(paths.get("agents")), paths.get("agents"), problems);
            if (a.isPresent()) {
                Set<String> needs = new LinkedHashSet<>();
                flow.ifPresent(f -> f.need().options().forEach(o -> needs.add(o.value())));
                int before = problems.size();
                agents = AgentsReader.read(a.get(), base, centres.centres(), centres.rejected(), needs);
                if (problems.size() == before) {
                    checkManagers(m, records, agents);
                    checkAgentTokens(agents, environment, problems);
                }
            }
        }

        // Interpreter services (optional file) and the prompts the bridge says.
        Interpreters interpreters = Interpreters.NONE;
        if (paths.containsKey("interpreters")) {
            Optional<Node> i = Yaml.read(base.resolve(paths.get("interpreters")), paths.get("interpreters"), problems);
            if (i.isPresent()) {
                interpreters = InterpretersReader.read(i.get(), base, environment, LanguageCatalogue.standard());
            }
        }
        if (flow.isPresent()) {
            InterpretersReader.checkPrompts(prompts, flow.get().promptFallback(), paths.getOrDefault("prompts", "prompts"),
                    problems);
        }

        // Consistency across files.
        Optional<String> defaultCentre = m.string("default-centre", true);
        Optional<String> defaultQueue = m.string("default-queue", true);
        Optional<String> interpreterLanguage = m.string("interpreter-queue-language", true);
        checkCentres(m, centres, defaultCentre, defaultQueue, interpreterLanguage);
        checkInterpreterAgents(m, centres, twilio);
        if (flow.isPresent()) {
            Path promptsDir = base.resolve(paths.getOrDefault("prompts", "prompts"));
            // A prompt file (or folder) that could not be read is reported once, not once per prompt.
            Set<String> unreadable = new LinkedHashSet<>();
            for (String lang : flowLanguages(flow.get(), uses)) {
                if (!prompts.languages().contains(lang)
                        && (!Files.isDirectory(promptsDir) || Files.exists(promptsDir.resolve(lang + ".yaml")))) {
                    unreadable.add(lang);
                }
            }
            checkPrompts(flow.get(), uses, prompts, paths.getOrDefault("prompts", "prompts"), paths.get("flow"),
                    centres.centres(), unreadable, problems);
        }
        for (Map.Entry<String, String> e : areaDefaults.entrySet()) {
            if (!regionIds.contains(e.getValue())) {
                problems.add(paths.get("regions"), "area-code-defaults." + e.getKey(),
                        "\"" + e.getValue() + "\" is not a region id");
            }
        }

        if (!problems.isEmpty()) {
            throw new ConfigException(problems.errors());
        }
        RegionDirectory directory = new RegionDirectory(regions, exchanges, areaDefaults, overlays, fsas);
        Settings settings = new Settings(zone, defaultCentre.get(), defaultQueue.get(), interpreterLanguage.get(), agi, http,
                asterisk, agiDoor, records, translation, twilio);
        return new Configuration(base, settings, directory, centres.centres(), centres.calendars(), flow.get(), prompts,
                agents, interpreters);
    }

    /** The agents' token hashes (secrets file or environment) are read like the rest, errors with the rest. */
    private static void checkAgentTokens(Roster agents, Map<String, String> environment, Problems problems) {
        try {
            AgentTokens.readForRoster(agents, environment);
        } catch (ConfigException e) {
            e.errors().forEach(x -> problems.add(x.file(), x.path(), x.message()));
        }
    }

    /** Report readers sign in with an agent's token: each must be an agent of agents.yaml. */
    private static void checkManagers(Node m, RecordsSettings records, Roster agents) {
        Set<String> ids = new LinkedHashSet<>();
        agents.agents().forEach(a -> ids.add(a.id()));
        for (String manager : records.managers()) {
            if (!ids.contains(manager)) {
                m.child("records").child("managers").error("\"" + manager + "\" is not an agent of agents.yaml");
            }
        }
    }

    private static ZoneId zone(Node m) {
        Optional<String> z = m.string("timezone", true);
        if (z.isPresent()) {
            try {
                return ZoneId.of(z.get());
            } catch (DateTimeException e) {
                m.child("timezone").error("\"" + z.get() + "\" is not a time zone like America/Toronto");
            }
        }
        return ZoneId.of("America/Toronto");
    }

    private static Settings.Listener listener(Node n, String bind, int port, Set<String> moreKeys) {
        if (n.isMissing()) {
            return new Settings.Listener(bind, port);
        }
        Set<String> keys = new LinkedHashSet<>(List.of("bind", "port"));
        keys.addAll(moreKeys);
        n.keys(keys);
        return new Settings.Listener(n.string("bind", false).orElse(bind), n.integer("port", false, 0, 65535).orElse(port));
    }

    private static Settings.Listener listener(Node n, String bind, int port) {
        return listener(n, bind, port, Set.of());
    }

    private static void readRegions(Node root, List<Region> regions, Map<String, String> areaDefaults) {
        root.keys(Set.of("regions", "area-code-defaults"));
        Set<String> ids = new LinkedHashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        List<Node> items = root.list("regions", true);
        if (items.isEmpty() && !root.child("regions").isMissing()) {
            root.child("regions").error("lists no region");
        }
        for (Node r : items) {
            if (!r.keys(Set.of("id", "code", "name"))) {
                continue;
            }
            Optional<String> id = r.string("id", true);
            Optional<String> code = r.string("code", true);
            Optional<String> name = r.string("name", true);
            if (id.isPresent() && (!ID.matcher(id.get()).matches() || id.get().equals(Region.UNKNOWN))) {
                r.child("id").error("\"" + id.get() + "\" is not a lower-case slug like montreal (and not unknown)");
                continue;
            }
            if (code.isPresent() && !CODE.matcher(code.get()).matches()) {
                r.child("code").error("\"" + code.get() + "\" is not a two-digit code like \"06\"");
                continue;
            }
            if (id.isPresent() && !ids.add(id.get())) {
                r.child("id").error("\"" + id.get() + "\" is listed twice");
            } else if (code.isPresent() && !codes.add(code.get())) {
                r.child("code").error("\"" + code.get() + "\" is listed twice");
            } else if (id.isPresent() && code.isPresent() && name.isPresent()) {
                regions.add(new Region(id.get(), code.get(), name.get()));
            }
        }
        root.entries("area-code-defaults", false).forEach((npa, region) -> {
            if (!npa.matches("[2-9]\\d\\d")) {
                region.error("\"" + npa + "\" is not an area code");
            } else {
                region.asString().ifPresent(s -> areaDefaults.put(npa, s));
            }
        });
    }

    private static void checkCentres(Node m, CentresReader.Result read, Optional<String> defaultCentre,
                                     Optional<String> defaultQueue, Optional<String> interpreterLanguage) {
        List<Centre> centres = read.centres();
        // A centre rejected for its own errors is reported there, not again as missing here.
        Set<String> rejected = read.rejected();
        if (centres.isEmpty() && rejected.isEmpty()) {
            return; // centres.yaml could not be read
        }
        if (defaultCentre.isPresent() && !rejected.contains(defaultCentre.get())
                && centres.stream().noneMatch(c -> c.id().equals(defaultCentre.get()))) {
            m.child("default-centre").error("\"" + defaultCentre.get() + "\" is not a centre of centres.yaml");
        }
        if (defaultQueue.isPresent() && rejected.stream().noneMatch(id -> defaultQueue.get().startsWith(id + "-"))
                && centres.stream().flatMap(c -> c.languages().stream().map(c::queue))
                .noneMatch(q -> q.equals(defaultQueue.get()))) {
            m.child("default-queue").error("\"" + defaultQueue.get() + "\" is not a queue <centre>-<language> of centres.yaml");
        }
        if (interpreterLanguage.isPresent()) {
            for (Centre c : centres) {
                if (!c.languages().contains(interpreterLanguage.get())) {
                    m.child("interpreter-queue-language").error("\"" + interpreterLanguage.get()
                            + "\" is not spoken at centre " + c.id() + ", which may take interpreted calls");
                }
            }
        }
    }

    /** Each queue of {@code twilio.interpreter-agents} is a queue of centres.yaml. */
    private static void checkInterpreterAgents(Node m, CentresReader.Result read, TwilioSettings twilio) {
        if (read.centres().isEmpty() && read.rejected().isEmpty()) {
            return; // centres.yaml could not be read
        }
        Set<String> queues = new LinkedHashSet<>();
        read.centres().forEach(c -> c.languages().forEach(l -> queues.add(c.queue(l))));
        for (String q : twilio.interpreterAgents().keySet()) {
            if (!queues.contains(q) && read.rejected().stream().noneMatch(id -> q.startsWith(id + "-"))) {
                m.child("twilio").child("interpreter-agents").child(q)
                        .error("\"" + q + "\" is not a queue <centre>-<language> of centres.yaml");
            }
        }
    }

    /**
     * Every language's text of a prompt has the placeholders of its source text: a lost one would not
     * be said, an unknown one would be said as it is written.
     */
    private static void checkPlaceholders(PromptStore prompts, String source, String promptsDir, Problems problems) {
        Map<String, PromptStore.Entry> sources = prompts.entries(source);
        for (String lang : prompts.languages()) {
            if (lang.equals(source)) {
                continue;
            }
            prompts.entries(lang).forEach((id, e) -> {
                PromptStore.Entry s = sources.get(id);
                if (s != null && !Placeholders.same(s.text(), e.text())) {
                    problems.add(promptsDir + "/" + lang + ".yaml", "prompts." + id, "has placeholders "
                            + Placeholders.of(e.text()) + " but " + source + ".yaml has " + Placeholders.of(s.text()));
                }
            });
        }
    }

    /** The languages the flow looks prompts up in. */
    private static Set<String> flowLanguages(FlowDefinition flow, List<FlowReader.Use> uses) {
        Set<String> out = new LinkedHashSet<>(flow.promptFallback());
        uses.forEach(u -> u.ref().language().ifPresent(out::add));
        return out;
    }

    /** Every prompt the flow names must exist where it will be looked up. */
    private static void checkPrompts(FlowDefinition flow, List<FlowReader.Use> uses, PromptStore prompts,
                                     String promptsDir, String flowFile, List<Centre> centres,
                                     Set<String> unreadable, Problems problems) {
        for (String f : flow.promptFallback()) {
            if (!prompts.languages().contains(f) && !unreadable.contains(f)) {
                problems.add(flowFile, "prompt-fallback", "\"" + f + "\" has no file " + promptsDir + "/" + f + ".yaml");
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        for (FlowReader.Use u : uses) {
            PromptRef ref = u.ref();
            List<String> langs = ref.language().map(List::of).orElse(flow.promptFallback());
            for (String lang : langs) {
                if (prompts.text(ref.id(), lang).isEmpty() && !unreadable.contains(lang) && reported.add(ref + "/" + lang)) {
                    u.where().error("prompt \"" + ref.id() + "\" has no text in " + promptsDir + "/" + lang + ".yaml");
                }
            }
        }
        // The languages a caller can choose should at least announce themselves.
        for (Menu menu : List.of(flow.language(), flow.otherLanguages())) {
            for (MenuOption o : menu.options()) {
                if (o.next().isEmpty() && o.prompts().isEmpty()) {
                    problems.add(flowFile, "menus." + menu.id(), "option " + o.key() + " (" + o.value() + ") has no prompt");
                }
            }
        }
        boolean anyHolidays = centres.stream().anyMatch(c -> c.holidays().isPresent());
        for (String lang : prompts.languages()) {
            boolean saysHours = prompts.entries(lang).values().stream().anyMatch(e -> e.text().contains("{hours}"));
            if (!saysHours) {
                continue;
            }
            List<String> needed = new ArrayList<>(HOURS_PROMPTS);
            if (anyHolidays) {
                needed.add("hours-closed-holidays");
            }
            for (String id : needed) {
                if (prompts.text(id, lang).isEmpty()) {
                    problems.add(promptsDir + "/" + lang + ".yaml", "prompts",
                            "says {hours} but has no \"" + id + "\" to word them");
                }
            }
        }
    }
}
