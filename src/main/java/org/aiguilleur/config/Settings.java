package org.aiguilleur.config;

import java.time.ZoneId;

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
 * @param twilio                   the Twilio webhooks' settings
 */
public record Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                       Listener agi, Listener http, AsteriskSettings asterisk, TwilioSettings twilio) {

    /** Settings with the default {@code asterisk} block (no AMI) and {@code twilio} block. */
    public Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                    Listener agi, Listener http) {
        this(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, AsteriskSettings.DEFAULTS);
    }

    /** Settings with the default {@code twilio} block. */
    public Settings(ZoneId zone, String defaultCentre, String defaultQueue, String interpreterQueueLanguage,
                    Listener agi, Listener http, AsteriskSettings asterisk) {
        this(zone, defaultCentre, defaultQueue, interpreterQueueLanguage, agi, http, asterisk, TwilioSettings.DEFAULTS);
    }

    /** A listening address. */
    public record Listener(String bind, int port) {
        @Override
        public String toString() {
            return bind + ":" + port;
        }
    }
}
