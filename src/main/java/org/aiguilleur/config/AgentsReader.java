package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Reach;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.agents.roster.Whisper;
import org.aiguilleur.routing.Centre;

/** Reads {@code agents.yaml}: the agents, how calls are offered to them, and the whisper texts. */
final class AgentsReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("language", "interpreter", "region", "need", "key");

    private AgentsReader() {
    }

    /**
     * @param centres the centres read (empty when centres.yaml failed: references are then not checked)
     * @param rejected centres with their own errors, not reported again here
     * @param needs   the flow's need ids, empty when the flow failed to load
     */
    static Roster read(Node root, Path base, List<Centre> centres, Set<String> rejected, Set<String> needs) {
        root.keys(Set.of("tokens-file", "offer", "whisper", "agents"));
        Optional<Path> tokens = root.string("tokens-file", false).map(base::resolve);
        Node offer = root.child("offer");
        offer.keys(Set.of("answer-timeout", "accept-key", "retry-after"));
        Duration answer = bounded(offer, "answer-timeout", Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(120));
        Duration retry = bounded(offer, "retry-after", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5));
        Optional<String> key = offer.string("accept-key", false).filter(k -> {
            if (k.equals("none") || k.matches("[0-9*#]")) {
                return true;
            }
            offer.child("accept-key").error("\"" + k + "\" is not one key (0-9, * or #) or none");
            return false;
        }).filter(k -> !k.equals("none"));

        Map<String, Whisper> whispers = new LinkedHashMap<>();
        root.entries("whisper", true).forEach((tag, w) -> whisper(tag, w, needs).ifPresent(x -> whispers.put(tag, x)));
        boolean whispersRead = !root.child("whisper").isMissing() && whispers.size() == root.child("whisper").json.size();

        List<Agent> agents = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Node a : root.list("agents", true)) {
            if (!a.keys(Set.of("id", "name", "centre", "languages", "reach", "whisper", "supervisor"))) {
                if (!a.isMissing()) {
                    continue;
                }
                a.error("expected a mapping, found nothing");
                continue;
            }
            Optional<String> id = a.string("id", true).filter(s -> {
                if (!ID.matcher(s).matches()) {
                    a.child("id").error("\"" + s + "\" is not a lower-case slug like amelie-roy");
                    return false;
                }
                if (!ids.add(s)) {
                    a.child("id").error("\"" + s + "\" is listed twice");
                    return false;
                }
                return true;
            });
            Optional<String> name = a.string("name", true);
            Optional<String> centre = a.string("centre", true);
            Optional<Centre> known = centre.flatMap(c -> centres.stream().filter(x -> x.id().equals(c)).findFirst());
            boolean centreOk = centre.isPresent() && (known.isPresent() || centres.isEmpty() || rejected.contains(centre.get()));
            if (centre.isPresent() && !centreOk) {
                a.child("centre").error("\"" + centre.get() + "\" is not a centre of centres.yaml");
            }
            List<String> languages = new ArrayList<>();
            List<Node> langs = a.list("languages", true);
            if (langs.isEmpty() && !a.child("languages").isMissing()) {
                a.child("languages").error("lists no language");
            }
            boolean langsOk = true;
            for (Node l : langs) {
                Optional<String> code = l.asString();
                if (code.isEmpty()) {
                    langsOk = false;
                } else if (known.isPresent() && !known.get().languages().contains(code.get())) {
                    l.error("\"" + code.get() + "\" is not a language of centre " + known.get().id()
                            + " (" + String.join(", ", known.get().languages()) + ")");
                    langsOk = false;
                } else if (languages.contains(code.get())) {
                    l.error("\"" + code.get() + "\" is listed twice");
                    langsOk = false;
                } else {
                    languages.add(code.get());
                }
            }
            Optional<Reach> reach = a.string("reach", true).flatMap(r -> {
                Optional<Reach> parsed = Reach.parse(r);
                if (parsed.isEmpty()) {
                    a.child("reach").error("\"" + r + "\" is not a phone number like +15145550101, client:NAME or sip:USER@HOST");
                }
                return parsed;
            });
            Optional<String> whisper = a.string("whisper", false);
            if (whisper.isPresent() && whispersRead && !whispers.containsKey(whisper.get())) {
                a.child("whisper").error("\"" + whisper.get() + "\" is not a language of whisper ("
                        + String.join(", ", whispers.keySet()) + ")");
                whisper = Optional.empty();
            }
            boolean supervisor = a.bool("supervisor").orElse(false);
            String whisperTag = whisper.orElseGet(() -> whispers.keySet().stream().findFirst().orElse("fr-CA"));
            if (id.isPresent() && name.isPresent() && centreOk && langsOk && !languages.isEmpty() && reach.isPresent()) {
                agents.add(new Agent(id.get(), name.get(), centre.get(), languages, reach.get(), whisperTag, supervisor));
            }
        }
        return new Roster(agents, tokens, answer, key, retry, whispers);
    }

    private static Optional<Whisper> whisper(String tag, Node w, Set<String> needs) {
        if (!TAG.matcher(tag).matches()) {
            w.error("\"" + tag + "\" is not a language tag like fr-CA");
            return Optional.empty();
        }
        if (!w.keys(Set.of("voice", "call", "interpreted", "accept", "unknown-region", "needs"))) {
            if (w.isMissing()) {
                w.error("expected a mapping, found nothing");
            }
            return Optional.empty();
        }
        Optional<String> voice = w.string("voice", false);
        Optional<String> call = text(w, "call");
        Optional<String> interpreted = text(w, "interpreted");
        Optional<String> accept = text(w, "accept");
        Optional<String> unknown = w.string("unknown-region", true);
        Map<String, String> names = new LinkedHashMap<>();
        w.entries("needs", true).forEach((need, n) -> {
            if (!needs.isEmpty() && !needs.contains(need)) {
                n.error("\"" + need + "\" is not a need of the flow (" + String.join(", ", needs) + ")");
            } else {
                n.asString().ifPresent(s -> names.put(need, s));
            }
        });
        if (!w.child("needs").isMissing() && w.child("needs").json.isObject()) {
            for (String need : needs) {
                if (!w.child("needs").json.has(need)) {
                    w.child("needs").error("has no name for need \"" + need + "\"");
                }
            }
        }
        if (call.isEmpty() || interpreted.isEmpty() || accept.isEmpty() || unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Whisper(tag, voice, call.get(), interpreted.get(), accept.get(), unknown.get(), names));
    }

    /** A required text whose placeholders are all known. */
    private static Optional<String> text(Node w, String key) {
        return w.string(key, true).filter(s -> {
            Matcher m = PLACEHOLDER.matcher(s);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    w.child(key).error("\"{" + m.group(1) + "}\" is not a placeholder (expected one of "
                            + String.join(", ", PLACEHOLDERS.stream().sorted().toList()) + ")");
                    return false;
                }
            }
            return true;
        });
    }

    private static Duration bounded(Node n, String key, Duration dflt, Duration min, Duration max) {
        Optional<Duration> d = n.duration(key, false);
        if (d.isPresent() && (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0)) {
            n.child(key).error("\"" + n.child(key).json.asText() + "\" is not from " + min.toSeconds() + "s to " + max.toSeconds() + "s");
            return dflt;
        }
        return d.orElse(dflt);
    }
}
