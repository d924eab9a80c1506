package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code translation:} block of {@code aiguilleur.yaml}: machine translation of prompts that a
 * language lacks, with Google Cloud Translation, and its caches.
 *
 * @param enabled        false: only stored texts are used, the API is never called
 * @param api            {@code v3} (TranslationServiceClient, Google credentials) or {@code v2} (API key)
 * @param source         the language translated from (the French source texts)
 * @param languages      the languages translated into at run time (others use the fallback languages)
 * @param project        v3: the Google Cloud project, or empty for the one of the credentials/environment
 * @param location       v3: the API location ({@code global})
 * @param endpoint       the API host, or empty for Google's; {@code http://...} only for local fakes
 * @param apiKeyEnv      v2: the environment variable holding the API key
 * @param callerWait     the longest a caller waits for a translation before the fallback language is used
 * @param timeout        the longest one API request may take (in the background)
 * @param retryAfter     after a failed or refused (quota) request, no request for this long
 * @param cacheSize      translations kept in memory
 * @param cacheDir       the on-disk cache folder (absolute)
 * @param protectedTerms terms never translated, besides the centre names
 * @param untranslated   prompts each language words for itself (its own menu line), never machine-translated
 * @param promptsDir     the prompts folder ({@code files.prompts}), where {@code prompts translate} writes
 */
public record TranslationSettings(boolean enabled, String api, String source, List<String> languages,
                                  Optional<String> project, String location, Optional<String> endpoint,
                                  String apiKeyEnv, Duration callerWait, Duration timeout, Duration retryAfter,
                                  int cacheSize, Path cacheDir, List<String> protectedTerms,
                                  List<String> untranslated, Path promptsDir) {

    /** Terms protected even when the configuration names none. */
    public static final List<String> ALWAYS_PROTECTED = List.of("211", "811", "911", "Info-Santé", "Info-Social");

    public TranslationSettings {
        languages = List.copyOf(languages);
        protectedTerms = List.copyOf(protectedTerms);
        untranslated = List.copyOf(untranslated);
    }

    /** These settings, enabled or not ({@code enabled} governs run time; the tools translate when asked). */
    public TranslationSettings withEnabled(boolean on) {
        return new TranslationSettings(on, api, source, languages, project, location, endpoint, apiKeyEnv, callerWait,
                timeout, retryAfter, cacheSize, cacheDir, protectedTerms, untranslated, promptsDir);
    }

    /** These settings with the prompts folder of the configuration. */
    TranslationSettings withPromptsDir(Path dir) {
        return new TranslationSettings(enabled, api, source, languages, project, location, endpoint, apiKeyEnv,
                callerWait, timeout, retryAfter, cacheSize, cacheDir, protectedTerms, untranslated, dir);
    }

    /** The settings when {@code aiguilleur.yaml} has no {@code translation:} block. */
    public static TranslationSettings defaults(Path configDir) {
        return new TranslationSettings(true, "v3", "fr-CA", List.of(), Optional.empty(), "global", Optional.empty(),
                "GOOGLE_TRANSLATE_API_KEY", Duration.ofMillis(800), Duration.ofSeconds(10), Duration.ofMinutes(1),
                10_000, configDir.resolve("../data/translations").normalize(), ALWAYS_PROTECTED,
                List.of("language-option"), configDir.resolve("../prompts").normalize());
    }
}
