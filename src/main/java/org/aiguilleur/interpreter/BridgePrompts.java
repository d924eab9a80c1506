package org.aiguilleur.interpreter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.flow.PromptCatalog;
import org.aiguilleur.languages.Language;
import org.aiguilleur.languages.LanguageCatalogue;

/**
 * The bridge's prompts ({@code prompts/<language>.yaml}): to the caller while an interpreter is
 * being connected and when none could be, and the whisper telling the agent the caller's language.
 * A caller whose language has no text for a prompt hears it in every fallback language, so that
 * someone who understands either official language does. Immutable.
 */
public final class BridgePrompts {
    /** Said to the caller, repeating, while the interpreter is being connected. */
    public static final String CONNECTING = "interpreter-connecting";
    /** Said to the caller when no interpreter could be reached; the agent stays. */
    public static final String UNAVAILABLE = "interpreter-unavailable";
    /** Whispered to the agent; {@code {language}} is the language's name in the agent's language. */
    public static final String WHISPER = "interpreter-whisper";
    /** Whispered to the agent when the language is not known ({@code und}). */
    public static final String WHISPER_UNKNOWN = "interpreter-whisper-und";
    /** Every prompt id the bridge uses; each must exist in every fallback language. */
    public static final List<String> IDS = List.of(CONNECTING, UNAVAILABLE, WHISPER, WHISPER_UNKNOWN);

    private final PromptCatalog prompts;
    private final List<String> fallback;
    private final String agentTag;
    private final LanguageCatalogue languages;

    /**
     * @param fallback the flow's prompt fallback languages ({@code [en-CA, fr-CA]})
     * @param agentTag the prompt language agents of the interpreter queues hear ({@code fr-CA})
     */
    public BridgePrompts(PromptCatalog prompts, List<String> fallback, String agentTag, LanguageCatalogue languages) {
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.fallback = List.copyOf(fallback);
        this.agentTag = Objects.requireNonNull(agentTag, "agentTag");
        this.languages = Objects.requireNonNull(languages, "languages");
    }

    /**
     * The prompt language of agents who speak {@code queueLanguage} ({@code fr}): the first fallback
     * language with that primary subtag ({@code fr-CA}), else the first fallback language.
     */
    public static String agentTag(String queueLanguage, List<String> fallback) {
        return fallback.stream().filter(t -> LanguageCatalogue.primary(t).equals(queueLanguage)).findFirst()
                .orElse(fallback.isEmpty() ? queueLanguage : fallback.get(0));
    }

    /** A prompt for the caller, in their language, else in every fallback language that has it. */
    public List<Prompt> forCaller(String id, String language) {
        for (String tag : List.of(language, LanguageCatalogue.primary(language))) {
            Optional<String> t = prompts.text(id, tag);
            if (t.isPresent()) {
                return List.of(new Prompt(id, tag, t.get()));
            }
        }
        List<Prompt> out = new ArrayList<>();
        for (String tag : fallback) {
            prompts.text(id, tag).ifPresent(t -> out.add(new Prompt(id, tag, t)));
        }
        return List.copyOf(out);
    }

    /** The whisper to the agent: the caller's language named in the agent's language. */
    public List<Prompt> whisper(String language) {
        Optional<Language> l = languages.find(language);
        String id = l.isPresent() ? WHISPER : WHISPER_UNKNOWN;
        Optional<String> t = prompts.text(id, agentTag);
        if (t.isEmpty()) {
            return List.of();
        }
        String text = l.map(lang -> t.get().replace("{language}", lang.nameFor(agentTag))).orElse(t.get());
        return List.of(new Prompt(id, agentTag, text));
    }

    /**
     * Every prompt the bridge can give, with its text filled as a call would fill it: the caller's
     * prompts for callers of each of {@code callerLanguages} (and of languages without texts, who
     * get the fallbacks), and the agent's whisper for every language of the catalogue. Front doors
     * that play recorded audio (Asterisk) render these ahead of calls.
     */
    public Set<Prompt> all(Collection<String> callerLanguages) {
        Set<Prompt> out = new LinkedHashSet<>();
        List<String> callers = new ArrayList<>(callerLanguages);
        callers.add("und");
        for (String lang : callers) {
            out.addAll(forCaller(CONNECTING, lang));
            out.addAll(forCaller(UNAVAILABLE, lang));
        }
        for (Language l : languages.all()) {
            out.addAll(whisper(l.code()));
        }
        out.addAll(whisper("und"));
        return out;
    }
}
