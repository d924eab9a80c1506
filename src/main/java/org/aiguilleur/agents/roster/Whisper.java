package org.aiguilleur.agents.roster;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent hears before a caller is connected, in one language. Placeholders: {@code {language}},
 * {@code {interpreter}}, {@code {region}}, {@code {need}}, {@code {key}}.
 *
 * @param language      the BCP 47 tag said with ({@code fr-CA})
 * @param voice         the Twilio voice, empty for the language's default voice
 * @param call          the sentence for a call in a language the agent speaks
 * @param interpreted   the sentence for a call that needs an interpreter
 * @param accept        said after it when the agent must press a key to take the call
 * @param unknownRegion the region's name when it is not known
 * @param needs         each need id's name
 */
public record Whisper(String language, Optional<String> voice, String call, String interpreted, String accept,
                      String unknownRegion, Map<String, String> needs) {
    public Whisper {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(interpreted, "interpreted");
        Objects.requireNonNull(accept, "accept");
        Objects.requireNonNull(unknownRegion, "unknownRegion");
        needs = Map.copyOf(needs);
    }
}
