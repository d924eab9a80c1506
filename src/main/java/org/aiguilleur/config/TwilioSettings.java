package org.aiguilleur.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code twilio:} block of {@code aiguilleur.yaml}: how the Twilio webhooks speak and what
 * they accept. Secrets are never here: the auth token comes from {@code TWILIO_AUTH_TOKEN} or from
 * the file {@link #authTokenFile} names.
 *
 * @param publicUrl       the https base URL Twilio calls (what it signs); {@code AIGUILLEUR_PUBLIC_URL} overrides it
 * @param authTokenFile   a file holding the auth token, read at start-up
 * @param voices          by BCP 47 language (or primary subtag), how prompts in it are spoken
 * @param defaultVoice    for languages the table does not name
 * @param holdMusic       played between queue announcements; empty: silence
 * @param announceEvery   time between queue announcements
 * @param maxQueueWait    after this long in a queue the caller is routed again (overflow)
 * @param transferTimeout how long a transfer rings before it counts as failed
 * @param maxRequestBytes the largest webhook body accepted
 * @param callsInMemory   how many live calls are kept in memory (others are rebuilt from their URL)
 * @param interpreterAgents by queue, how the interpreter bridge calls an agent of it into the conference
 *                          ({@code +1...}, {@code client:NAME} or {@code sip:URI}); empty: the bridge is off
 * @param stateStore      where agents' presence, the line of waiting callers, the offers and hang-ups
 *                        landing on another instance live: this instance's memory, or the records
 *                        database (several instances behind a load balancer)
 */
public record TwilioSettings(Optional<URI> publicUrl, Optional<Path> authTokenFile, Map<String, Voice> voices,
                             Voice defaultVoice, Optional<String> holdMusic, Duration announceEvery,
                             Duration maxQueueWait, Duration transferTimeout, int maxRequestBytes,
                             int callsInMemory, Map<String, String> interpreterAgents, StateStore stateStore) {

    /** The settings when {@code aiguilleur.yaml} has no {@code twilio:} block. */
    public static final TwilioSettings DEFAULTS = new TwilioSettings(Optional.empty(), Optional.empty(), Map.of(),
            Voice.NONE, Optional.empty(), Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(30),
            16 * 1024, 10_000, Map.of(), StateStore.MEMORY);

    public TwilioSettings {
        voices = Map.copyOf(voices);
        interpreterAgents = Map.copyOf(interpreterAgents);
        java.util.Objects.requireNonNull(stateStore, "stateStore");
    }

    /** The settings of one instance, state in memory. */
    public TwilioSettings(Optional<URI> publicUrl, Optional<Path> authTokenFile, Map<String, Voice> voices,
                          Voice defaultVoice, Optional<String> holdMusic, Duration announceEvery,
                          Duration maxQueueWait, Duration transferTimeout, int maxRequestBytes,
                          int callsInMemory, Map<String, String> interpreterAgents) {
        this(publicUrl, authTokenFile, voices, defaultVoice, holdMusic, announceEvery, maxQueueWait, transferTimeout,
                maxRequestBytes, callsInMemory, interpreterAgents, StateStore.MEMORY);
    }

    /** These settings with another state store (tests, tools). */
    public TwilioSettings withStateStore(StateStore other) {
        return new TwilioSettings(publicUrl, authTokenFile, voices, defaultVoice, holdMusic, announceEvery, maxQueueWait,
                transferTimeout, maxRequestBytes, callsInMemory, interpreterAgents, other);
    }

    /** {@code twilio.presence-store}: where the state several instances must share is kept. */
    public enum StateStore {
        /** In this instance's memory: one instance only (the default). */
        MEMORY,
        /** In the records database ({@code records.url}): every instance on that database shares it. */
        DATABASE;

        /** The word in {@code aiguilleur.yaml}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How one language is spoken and heard.
     *
     * @param voice          a Twilio {@code <Say>} voice ({@code Google.fr-CA-Neural2-A}); empty: Twilio's default
     * @param sayLanguage    the {@code <Say language>} that goes with the voice
     * @param speechLanguage the {@code <Gather language>} for speech recognition; empty: keys only
     * @param audio          a URL template with {@code {id}} for recorded prompts, used instead of the voice
     */
    public record Voice(Optional<String> voice, Optional<String> sayLanguage, Optional<String> speechLanguage,
                        Optional<String> audio) {
        /** Twilio's own default voice, no speech recognition. */
        public static final Voice NONE = new Voice(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
