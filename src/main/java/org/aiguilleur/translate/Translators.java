package org.aiguilleur.translate;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.aiguilleur.config.TranslationSettings;

/** Opens the translator that the {@code translation:} settings choose, if it can be used. */
public final class Translators {
    private Translators() {
    }

    /**
     * @param notice told, once, why there is no translator (disabled, no credentials, no project)
     * @return the translator, or empty: then only stored texts are used
     */
    public static Optional<Translator> open(TranslationSettings s, GoogleAccess access, Consumer<String> notice) {
        if (!s.enabled()) {
            notice.accept("translation: disabled in aiguilleur.yaml; only stored prompt texts are used");
            return Optional.empty();
        }
        if (s.api().equals("v2")) {
            Optional<String> key = access.env(s.apiKeyEnv());
            if (key.isEmpty()) {
                notice.accept("translation: no API key in $" + s.apiKeyEnv()
                        + " (api: v2); only stored prompt texts are used");
                return Optional.empty();
            }
            return Optional.of(new GoogleV2Translator(s.endpoint().orElse(GoogleV2Translator.ENDPOINT), key.get(),
                    s.timeout()));
        }
        var credentials = access.credentials();
        if (credentials.isEmpty()) {
            notice.accept("translation: no Google credentials (Application Default Credentials,"
                    + " GOOGLE_APPLICATION_CREDENTIALS); only stored prompt texts are used");
            return Optional.empty();
        }
        Optional<String> project = s.project().or(access::defaultProject);
        if (project.isEmpty()) {
            notice.accept("translation: no Google Cloud project (translation.project or GOOGLE_CLOUD_PROJECT);"
                    + " only stored prompt texts are used");
            return Optional.empty();
        }
        try {
            return Optional.of(new GoogleV3Translator(project.get(), s.location(), s.endpoint(), credentials.get(),
                    s.timeout()));
        } catch (IOException | RuntimeException e) {
            notice.accept("translation: the v3 client could not start (" + e.getMessage()
                    + "); only stored prompt texts are used");
            return Optional.empty();
        }
    }
}
