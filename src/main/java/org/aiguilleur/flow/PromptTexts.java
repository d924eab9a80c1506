package org.aiguilleur.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.Region;

/**
 * Every prompt an engine can give a caller, with its text filled as a call would fill it: each
 * prompt of the flow, for a caller of any language (fallbacks included), for every centre (hours,
 * names) and every generated region option. Front doors that play recorded audio (Asterisk) render
 * these ahead of calls; a call never gets a text outside this set.
 */
public final class PromptTexts {
    private PromptTexts() {
    }

    /**
     * @param languages the languages the prompt catalogue has texts in; a caller of any other
     *                  language gets the fallbacks, which are among them
     */
    public static Set<Prompt> all(Engine engine, Collection<String> languages) {
        FlowDefinition flow = engine.flow;
        List<String> callerLanguages = new ArrayList<>(languages);
        callerLanguages.add("und"); // no text of its own: the fallbacks
        List<Map<String, String>> centreVars = new ArrayList<>();
        centreVars.add(Map.of());
        for (Centre c : engine.router.centres()) {
            centreVars.add(Map.of("centre", c.id(), "centre-name", c.name()));
        }
        List<Map<String, String>> optionVars = new ArrayList<>();
        for (int key = 1; key <= 9; key++) {
            for (Region r : engine.regions.regions()) {
                Map<String, String> v = new HashMap<>();
                v.put("key", String.valueOf(key));
                v.put("name", r.name());
                optionVars.add(v);
            }
        }
        Set<Prompt> out = new LinkedHashSet<>();
        for (PromptRef ref : refs(flow)) {
            for (String lang : callerLanguages) {
                for (Map<String, String> vars : centreVars) {
                    engine.render(ref, lang, vars).ifPresent(out::add);
                }
            }
        }
        for (Menu m : menus(flow)) {
            Optional<PromptRef> option = m.optionPrompt();
            if (option.isPresent()) {
                for (String lang : callerLanguages) {
                    for (Map<String, String> vars : optionVars) {
                        engine.render(option.get(), lang, vars).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    private static List<Menu> menus(FlowDefinition flow) {
        return List.of(flow.language(), flow.otherLanguages(), flow.postalCode(), flow.regionChoice(), flow.need(),
                flow.afterHours(), flow.allBusy());
    }

    private static Set<PromptRef> refs(FlowDefinition flow) {
        Set<PromptRef> refs = new LinkedHashSet<>();
        for (Menu m : menus(flow)) {
            refs.addAll(m.prompts());
            refs.addAll(m.noInput());
            refs.addAll(m.invalid());
            for (MenuOption o : m.options()) {
                refs.addAll(o.prompts());
            }
        }
        for (TransferTarget t : flow.transfers().values()) {
            refs.addAll(t.prompts());
        }
        refs.addAll(flow.queued());
        refs.addAll(flow.interpreter());
        refs.addAll(flow.recordIntro());
        refs.addAll(flow.recorded());
        refs.addAll(flow.goodbye());
        return refs;
    }
}
