package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The main settings of {@code aiguilleur.yaml}.
 *
 * @param zone                     the zone of all local times
 * @param defaultCentre            the home centre when the region is unknown
 * @param defaultQueue             where calls go when Aiguilleur fails
 * @param interpreterQueueLanguage the queue language of interpreted calls
 * @param agi                      the FastAGI listener
 * @param http                     the HTTP (Twilio webhook) listener
 * @param asterisk                 generated queues and the optional AMI connection
 * @param agiDoor                  the FastAGI door's limits and file locations ({@code server.agi})
 * @param records                  the call records store ({@code records:})
 * @param translation              machine translation of missing prompts and its caches
 * @param twilio                   the Twilio webhooks' settings
 */
public record Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                       Listener agi, Listener http, AsteriskSettings asterisk, AgiDoor agiDoor,
                       RecordsSettings records, TranslationSettings translation, TwilioSettings twilio) {

    /** These settings with another FastAGI listener. */
    public Settings withAgi(Listener agi) {
        return new Settings(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, asterisk, agiDoor,
                records, translation, twilio);
    }

    /** These settings with another {@code asterisk} block. */
    public Settings withAsterisk(AsteriskSettings asterisk) {
        return new Settings(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, asterisk, agiDoor,
                records, translation, twilio);
    }

    /** These settings with other FastAGI door settings. */
    public Settings withAgiDoor(AgiDoor agiDoor) {
        return new Settings(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, asterisk, agiDoor,
                records, translation, twilio);
    }

    /**
     * What the Asterisk door needs besides its address ({@code server.agi} in {@code aiguilleur.yaml}).
     *
     * @param maxCalls    concurrent AGI calls taken; a call past it is refused (the dialplan then queues it)
     * @param sounds      the folder {@code aiguilleur audio render} writes prompt audio to (absolute)
     * @param soundPrefix the path Asterisk streams those files from, when it differs from {@code sounds}
     *                    (another machine, or a path relative to Asterisk's own sounds folder)
     * @param recordings  the absolute folder, on the Asterisk machine, for call-back messages
     */
    public record AgiDoor(int maxCalls, Path sounds, Optional<String> soundPrefix, String recordings) {
        public static final int DEFAULT_MAX_CALLS = 10_000;
        public static final String DEFAULT_RECORDINGS = "/var/spool/asterisk/aiguilleur";
        /** For settings built in code: sounds in {@code ./sounds}. */
        public static final AgiDoor DEFAULTS = new AgiDoor(DEFAULT_MAX_CALLS, Path.of("sounds").toAbsolutePath(),
                Optional.empty(), DEFAULT_RECORDINGS);

        /** The prefix of every sound file path sent to Asterisk (no trailing slash). */
        public String streamPrefix() {
            String p = soundPrefix.orElse(sounds.toString());
            return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        }
    }

    /** A listening address. */
    public record Listener(String bind, int port) {
        @Override
        public String toString() {
            return bind + ":" + port;
        }
    }
}
