package org.aiguilleur.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.aiguilleur.flow.FlowDefinition;
import org.aiguilleur.flow.Menu;
import org.aiguilleur.flow.MenuOption;
import org.aiguilleur.flow.PromptRef;
import org.aiguilleur.flow.TransferTarget;

/** Reads {@code dialplans/flow.yaml} into a {@link FlowDefinition}, noting every prompt it names. */
final class FlowReader {
    private static final Pattern PROMPT_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern KEY = Pattern.compile("[0-9*#]");
    private static final Pattern NEED = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final Set<String> MENU_KEYS = Set.of("prompts", "options", "timeout", "attempts", "default",
            "speech", "no-input", "invalid", "digits", "option-prompt");
    private static final Set<String> OPTION_KEYS = Set.of("key", "language", "menu", "need", "transfer", "value",
            "prompts", "words");

    /** A prompt named somewhere in the flow, with where, to check against the prompt files. */
    record Use(PromptRef ref, Node where) {
    }

    private final Problems problems;
    final List<Use> uses = new ArrayList<>();

    private FlowReader(Problems problems) {
        this.problems = problems;
    }

    static Optional<FlowDefinition> read(Node root, Problems problems, List<Use> usesOut) {
        FlowReader r = new FlowReader(problems);
        Optional<FlowDefinition> flow = r.flow(root);
        usesOut.addAll(r.uses);
        return flow;
    }

    private Optional<FlowDefinition> flow(Node root) {
        root.keys(Set.of("prompt-fallback", "menus", "transfers", "announcements", "record-max-length"));
        int before = problems.size();
        List<String> fallback = new ArrayList<>();
        for (Node l : root.list("prompt-fallback", true)) {
            l.asString().flatMap(s -> tag(l, s)).ifPresent(fallback::add);
        }
        Map<String, TransferTarget> transfers = new LinkedHashMap<>();
        root.entries("transfers", false).forEach((id, t) -> {
            if (t.keys(Set.of("destination", "prompts"))) {
                Optional<String> dest = t.string("destination", true);
                List<PromptRef> prompts = prompts(t, "prompts", false);
                dest.ifPresent(d -> transfers.put(id, new TransferTarget(id, d, prompts)));
            }
        });
        Node menus = root.child("menus");
        menus.keys(Set.of("language", "other-languages", "postal-code", "region-choice", "need", "after-hours", "all-busy"));
        Optional<Menu> language = menu(menus.child("language"), "language", Kind.LANGUAGE, transfers);
        Optional<Menu> other = menu(menus.child("other-languages"), "other-languages", Kind.OTHER_LANGUAGE, transfers);
        Optional<Menu> postal = menu(menus.child("postal-code"), "postal-code", Kind.ENTRY, transfers);
        Optional<Menu> choice = menu(menus.child("region-choice"), "region-choice", Kind.GENERATED, transfers);
        Optional<Menu> need = menu(menus.child("need"), "need", Kind.NEED, transfers);
        Optional<Menu> afterHours = menu(menus.child("after-hours"), "after-hours", Kind.CALLBACK, transfers);
        Optional<Menu> allBusy = menu(menus.child("all-busy"), "all-busy", Kind.CALLBACK, transfers);

        Node a = root.child("announcements");
        a.keys(Set.of("queued", "interpreter", "record-intro", "recorded", "goodbye"));
        List<PromptRef> queued = prompts(a, "queued", true);
        List<PromptRef> interpreter = prompts(a, "interpreter", true);
        List<PromptRef> recordIntro = prompts(a, "record-intro", true);
        List<PromptRef> recorded = prompts(a, "recorded", true);
        List<PromptRef> goodbye = prompts(a, "goodbye", true);
        Duration recordMax = root.duration("record-max-length", true).orElse(Duration.ofMinutes(2));
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new FlowDefinition(language.get(), other.get(), postal.get(), choice.get(), need.get(),
                afterHours.get(), allBusy.get(), transfers, queued, interpreter, recordIntro, recorded, goodbye,
                recordMax, fallback));
    }

    private enum Kind { LANGUAGE, OTHER_LANGUAGE, ENTRY, GENERATED, NEED, CALLBACK }

    private Optional<Menu> menu(Node n, String id, Kind kind, Map<String, TransferTarget> transfers) {
        if (n.isMissing()) {
            n.error("is required");
            return Optional.empty();
        }
        if (!n.keys(MENU_KEYS)) {
            return Optional.empty();
        }
        int before = problems.size();
        List<PromptRef> prompts = prompts(n, "prompts", true);
        List<MenuOption> options = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        if (kind == Kind.ENTRY || kind == Kind.GENERATED) {
            if (!n.child("options").isMissing()) {
                n.child("options").error("this menu takes no options");
            }
        } else {
            for (Node o : n.list("options", true)) {
                option(o, kind, transfers).ifPresent(opt -> {
                    if (!keys.add(opt.key())) {
                        o.child("key").error("key \"" + opt.key() + "\" is used twice");
                    }
                    options.add(opt);
                });
            }
        }
        int digits = 1;
        if (kind == Kind.ENTRY) {
            digits = n.integer("digits", true, 1, 20).orElse(3);
        } else if (!n.child("digits").isMissing()) {
            n.child("digits").error("only a free-entry menu (postal-code) takes digits");
        }
        Optional<PromptRef> optionPrompt = Optional.empty();
        if (kind == Kind.GENERATED) {
            optionPrompt = n.string("option-prompt", true).flatMap(s -> ref(n.child("option-prompt"), s));
        } else if (!n.child("option-prompt").isMissing()) {
            n.child("option-prompt").error("only region-choice takes an option-prompt");
        }
        Duration timeout = n.duration("timeout", true).orElse(Duration.ofSeconds(5));
        if (timeout.isZero() || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            n.child("timeout").error("\"" + n.child("timeout").json.asText() + "\" is not between 1ms and 60s");
        }
        int attempts = n.integer("attempts", true, 1, 5).orElse(2);
        String def = n.string("default", true).orElse("");
        if (kind == Kind.LANGUAGE || kind == Kind.OTHER_LANGUAGE) {
            tag(n.child("default"), def);
        }
        if (kind == Kind.CALLBACK && !def.isEmpty() && !def.equals("goodbye") && !def.equals("callback")) {
            n.child("default").error("\"" + def + "\" is not goodbye or callback");
        }
        boolean speech = n.bool("speech").orElse(false);
        List<PromptRef> noInput = prompts(n, "no-input", false);
        List<PromptRef> invalid = prompts(n, "invalid", false);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Menu(id, prompts, options, digits, timeout, attempts, def, speech, noInput, invalid,
                optionPrompt));
    }

    private Optional<MenuOption> option(Node o, Kind kind, Map<String, TransferTarget> transfers) {
        if (!o.keys(OPTION_KEYS)) {
            o.error("expected an option like { key: \"1\", ... }");
            return Optional.empty();
        }
        int before = problems.size();
        String key = o.string("key", true).orElse("");
        if (!key.isEmpty() && !KEY.matcher(key).matches()) {
            o.child("key").error("\"" + key + "\" is not one key (0-9, * or #)");
        }
        String value = "";
        Optional<String> next = Optional.empty();
        Optional<String> transfer = Optional.empty();
        Set<String> allowed;
        switch (kind) {
            case LANGUAGE, OTHER_LANGUAGE -> {
                allowed = kind == Kind.LANGUAGE ? Set.of("language", "menu") : Set.of("language");
                if (!o.child("menu").isMissing()) {
                    next = o.string("menu", true);
                    if (next.isPresent() && !next.get().equals("other-languages")) {
                        o.child("menu").error("\"" + next.get() + "\" is not other-languages");
                    }
                    value = next.orElse("");
                } else {
                    value = o.string("language", true).orElse("");
                    if (!value.isEmpty()) {
                        tag(o.child("language"), value);
                    }
                }
            }
            case NEED -> {
                allowed = Set.of("need", "transfer");
                value = o.string("need", true).orElse("");
                if (!value.isEmpty() && !NEED.matcher(value).matches()) {
                    o.child("need").error("\"" + value + "\" is not a need id like housing");
                }
                transfer = o.string("transfer", false);
                if (transfer.isPresent() && !transfers.containsKey(transfer.get())) {
                    o.child("transfer").error("\"" + transfer.get() + "\" is not one of transfers");
                }
            }
            default -> {
                allowed = Set.of("value");
                value = o.string("value", true).orElse("");
                if (!value.isEmpty() && !value.equals("callback") && !value.equals("goodbye")) {
                    o.child("value").error("\"" + value + "\" is not callback or goodbye");
                }
            }
        }
        for (String k : List.of("language", "menu", "need", "transfer", "value")) {
            if (!allowed.contains(k) && !o.child(k).isMissing()) {
                o.child(k).error("is not used in this menu");
            }
        }
        if (kind == Kind.LANGUAGE && !o.child("menu").isMissing() && !o.child("language").isMissing()) {
            o.error("has both language and menu");
        }
        List<PromptRef> prompts = prompts(o, "prompts", false);
        List<String> words = new ArrayList<>();
        for (Node w : o.list("words", false)) {
            w.asString().ifPresent(words::add);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new MenuOption(key, value, next, transfer, prompts, words));
    }

    private List<PromptRef> prompts(Node parent, String key, boolean required) {
        List<PromptRef> out = new ArrayList<>();
        for (Node p : parent.list(key, required)) {
            p.asString().flatMap(s -> ref(p, s)).ifPresent(out::add);
        }
        if (required && parent.child(key).json.isArray() && parent.child(key).json.isEmpty()) {
            parent.child(key).error("names no prompt");
        }
        return out;
    }

    private Optional<PromptRef> ref(Node where, String s) {
        int at = s.indexOf('@');
        String id = at < 0 ? s : s.substring(0, at);
        if (!PROMPT_ID.matcher(id).matches()) {
            where.error("\"" + s + "\" is not a prompt id like need-menu or welcome@fr-CA");
            return Optional.empty();
        }
        PromptRef ref;
        if (at < 0) {
            ref = PromptRef.of(id);
        } else {
            Optional<String> tag = tag(where, s.substring(at + 1));
            if (tag.isEmpty()) {
                return Optional.empty();
            }
            ref = PromptRef.of(id, tag.get());
        }
        uses.add(new Use(ref, where));
        return Optional.of(ref);
    }

    /** Checks a BCP 47 tag; returns it in its canonical form. */
    static Optional<String> tag(Node where, String s) {
        try {
            Locale l = new Locale.Builder().setLanguageTag(s).build();
            String canonical = l.toLanguageTag();
            if (!canonical.equals(s) || (l.getLanguage().isEmpty() && !s.equals("und"))) {
                where.error("\"" + s + "\" is not a language tag like fr-CA or es" + (canonical.isEmpty() ? "" : " (did you mean " + canonical + "?)"));
                return Optional.empty();
            }
            return Optional.of(s);
        } catch (IllformedLocaleException e) {
            where.error("\"" + s + "\" is not a language tag like fr-CA or es");
            return Optional.empty();
        }
    }
}
