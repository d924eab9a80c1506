package org.aiguilleur.flow;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.routing.RegionDirectory;
import org.aiguilleur.routing.Router;

/**
 * Everything a call needs, fixed for the calls that start with it: the flow, prompts, regions,
 * routing, the clock and live staffing. Immutable and shared by all calls; a configuration reload
 * builds a new engine, and calls in progress keep theirs.
 */
public final class Engine {
    final FlowDefinition flow;
    final PromptCatalog prompts;
    final RegionDirectory regions;
    final Router router;
    final InstantSource clock;
    final LiveStaffing staffing;
    final String defaultQueue;
    final LanguageNames languageNames;
    private final LanguageNaming naming;
    private final Map<String, List<String>> optionWords;
    private final Map<String, List<String>> menuHints;

    /**
     * @param defaultQueue where a call goes when the engine itself fails (never drop a call)
     */
    public Engine(FlowDefinition flow, PromptCatalog prompts, RegionDirectory regions, Router router,
                  InstantSource clock, LiveStaffing staffing, String defaultQueue) {
        this(flow, prompts, regions, router, clock, staffing, defaultQueue, LanguageNaming.JDK);
    }

    /**
     * @param defaultQueue where a call goes when the engine itself fails (never drop a call)
     * @param naming       the names of languages callers may say, and recogniser hints for them
     */
    public Engine(FlowDefinition flow, PromptCatalog prompts, RegionDirectory regions, Router router,
                  InstantSource clock, LiveStaffing staffing, String defaultQueue, LanguageNaming naming) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.regions = Objects.requireNonNull(regions, "regions");
        this.router = Objects.requireNonNull(router, "router");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.staffing = Objects.requireNonNull(staffing, "staffing");
        this.defaultQueue = Objects.requireNonNull(defaultQueue, "defaultQueue");
        this.naming = Objects.requireNonNull(naming, "naming");
        Map<String, List<String>> aliases = new HashMap<>();
        Map<String, List<String>> words = new HashMap<>();
        for (Menu m : List.of(flow.language(), flow.otherLanguages(), flow.need(), flow.afterHours(), flow.allBusy())) {
            for (MenuOption o : m.options()) {
                List<String> w = new ArrayList<>(o.words());
                if (m == flow.language() || m == flow.otherLanguages()) {
                    if (o.next().isEmpty()) {
                        aliases.computeIfAbsent(o.value(), k -> new ArrayList<>()).addAll(o.words());
                        w.addAll(naming.hintNames(o.value()));
                    }
                }
                words.put(m.id() + "/" + o.key(), w.stream().map(Text::fold).map(String::strip).toList());
            }
        }
        this.optionWords = Map.copyOf(words);
        Map<String, List<String>> hints = new HashMap<>();
        for (Menu m : List.of(flow.language(), flow.otherLanguages(), flow.postalCode(), flow.need(),
                flow.afterHours(), flow.allBusy())) {
            hints.put(m.id(), hintsOf(m));
        }
        this.menuHints = Map.copyOf(hints);
        this.languageNames = new LanguageNames(naming, aliases);
    }

    /** Starts a call; the caller hears nothing until {@link CallSession#begin()}. */
    public CallSession newCall(CallStart start) {
        return new CallSession(this, start);
    }

    public FlowDefinition flow() {
        return flow;
    }

    public Router router() {
        return router;
    }

    public RegionDirectory regions() {
        return regions;
    }

    public InstantSource clock() {
        return clock;
    }

    /** Words a recogniser should expect at a menu: its options' words, language names for language menus. */
    List<String> hints(Menu menu) {
        // The region choice is generated per call, so it is not among the precomputed menus.
        List<String> h = menuHints.get(menu.id());
        return h != null ? h : hintsOf(menu);
    }

    private List<String> hintsOf(Menu menu) {
        List<String> hints = new ArrayList<>();
        for (MenuOption o : menu.options()) {
            hints.addAll(o.words());
        }
        if (menu == flow.otherLanguages()) {
            menu.options().forEach(o -> hints.addAll(naming.hintNames(o.value())));
        }
        return List.copyOf(hints);
    }

    /** Folded words that pick an option by speech. */
    List<String> words(Menu menu, MenuOption option) {
        List<String> w = optionWords.get(menu.id() + "/" + option.key());
        // Generated menus (the region choice) are not indexed: fold their words now.
        return w != null ? w : option.words().stream().map(Text::fold).map(String::strip).toList();
    }

    /**
     * Renders a prompt in the caller's language, else the closest fallback that has it. Returns
     * empty only if no language has the prompt (configuration validation prevents that).
     */
    Optional<Prompt> render(PromptRef ref, String callerLanguage, Map<String, String> vars) {
        for (String lang : candidates(ref.language().orElse(callerLanguage))) {
            Optional<String> t = prompts.text(ref.id(), lang);
            if (t.isPresent()) {
                Map<String, String> all = vars;
                if (t.get().contains("{hours")) {
                    all = new HashMap<>(vars);
                    all.put("hours", hours(vars.get("centre"), lang));
                }
                return Optional.of(new Prompt(ref.id(), lang, Text.fill(t.get(), all)));
            }
        }
        return Optional.empty();
    }

    /** The languages tried for a prompt: the language, its primary subtag, then the fallbacks. */
    List<String> candidates(String language) {
        List<String> c = new ArrayList<>(4);
        if (language != null) {
            c.add(language);
            String primary = Router.primary(language);
            if (!primary.equals(language)) {
                c.add(primary);
            }
        }
        for (String f : flow.promptFallback()) {
            if (!c.contains(f)) {
                c.add(f);
            }
        }
        return c;
    }

    /** Whether the caller's own language (not a fallback) has this prompt. */
    boolean speaks(String language, String promptId) {
        return prompts.text(promptId, language).isPresent()
                || prompts.text(promptId, Router.primary(language)).isPresent();
    }

    private String hours(String centreId, String lang) {
        Centre centre = router.centres().stream().filter(c -> c.id().equals(centreId)).findFirst()
                .orElse(router.homeCentre("unknown"));
        return HoursText.describe(centre, lang, (id, vars) -> Text.fill(
                prompts.text(id, lang).orElseGet(() -> prompts.text(id, Router.primary(lang)).orElse("")), vars));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
