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
 * @param twilio                   the Twilio webhooks' settings
 */
public record Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                       Listener agi, Listener http, AsteriskSettings asterisk, AgiDoor agiDoor, TwilioSettings twilio) {

    /** Settings with the default {@code asterisk} block (no AMI) and the FastAGI door's defaults. */
    public Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                    Listener agi, Listener http) {
        this(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, AsteriskSettings.DEFAULTS);
    }

    /** Settings with the FastAGI door's defaults. */
    public Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                    Listener agi, Listener http, AsteriskSettings asterisk) {
        this(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, asterisk, AgiDoor.DEFAULTS);
    }

    /** Settings with the default {@code twilio} block. */
    public Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                    Listener agi, Listener http, AsteriskSettings asterisk, AgiDoor agiDoor) {
        this(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, asterisk, agiDoor,
                TwilioSettings.DEFAULTS);
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
