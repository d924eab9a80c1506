package org.aiguilleur.interpreter;

import java.time.Duration;

/**
 * One try to reach an interpreter: dial {@code number}, send {@code dtmf} when it answers, and give
 * up after {@code timeout}. {@link #toString()} hides the keys, which hold the provider's PIN.
 *
 * @param attempt      the try's number in this call, from 1
 * @param provider     the provider's id
 * @param languageCode the provider's code asked for (its identify code for an unknown language)
 */
public record Dial(int attempt, String provider, String number, String dtmf, String languageCode, Duration timeout) {
    @Override
    public String toString() {
        return "Dial[attempt=" + attempt + ", provider=" + provider + ", languageCode=" + languageCode
                + ", timeout=" + timeout + ", dtmf=(" + dtmf.length() + " keys, hidden)]";
    }
}
