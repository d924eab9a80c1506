package org.aiguilleur.interpreter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One telephone interpreter service, as configured in {@code interpreters.yaml}.
 *
 * @param id             a slug for records and logs
 * @param name           its name for people
 * @param number         the access number to dial (E.164)
 * @param dtmf           the keys to send once it answers
 * @param secrets        the values of the template's secret placeholders
 * @param languageCodes  the provider's code for each language it offers, by ISO 639 code
 * @param identifyCode   the provider's code for "identify the language" (used for {@code und})
 * @param connectTimeout how long to wait, from the dial, for the interpreter leg to join
 * @param attempts       how many times to try this provider before the next one
 * @param enabled        whether calls use it (a disabled provider is checked but never dialled)
 */
public record Provider(String id, String name, String number, DtmfTemplate dtmf, Secrets secrets,
                       Map<String, String> languageCodes, String identifyCode, Duration connectTimeout,
                       int attempts, boolean enabled) {
    public Provider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(dtmf, "dtmf");
        Objects.requireNonNull(secrets, "secrets");
        languageCodes = Map.copyOf(languageCodes);
        Objects.requireNonNull(identifyCode, "identifyCode");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts " + attempts);
        }
    }

    /** Whether the provider lists this language ({@code und} is never listed: it is identified). */
    public boolean offers(String language) {
        return languageCodes.containsKey(language);
    }

    /** The provider's code for a language: its own, else the identify code. */
    public String codeFor(String language) {
        return Optional.ofNullable(languageCodes.get(language)).orElse(identifyCode);
    }

    /** The keys for a language, secrets filled in. Never log the result: it holds the PIN. */
    public String renderDtmf(String language) {
        Map<String, String> values = new HashMap<>(secrets.asMap());
        values.put(DtmfTemplate.LANGUAGE, codeFor(language));
        return dtmf.render(values);
    }
}
