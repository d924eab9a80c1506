package org.aiguilleur.agents.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The public URLs of the agent-delivery webhooks ({@code <base>/twilio/agent/...}). The offer id and
 * queue travel in the query string, which Twilio signs, so they cannot be altered.
 */
public final class AgentUrls {
    /** The path prefix of these webhooks. */
    public static final String PREFIX = "/twilio/agent";
    private final String base;

    /** @param publicBase the public base URL, without a trailing slash */
    public AgentUrls(String publicBase) {
        this.base = publicBase + PREFIX;
    }

    /** Where a caller is sent to be connected to an agent: answers the {@code <Dial>}. */
    public URI connect(String offerId, String queue) {
        return URI.create(base + "/connect?offer=" + enc(offerId) + "&queue=" + enc(queue));
    }

    /** Runs on the agent's leg once they answer: the whisper. */
    public URI whisper(String offerId) {
        return URI.create(base + "/whisper?offer=" + enc(offerId));
    }

    /** The key the agent pressed after the whisper. */
    public URI accept(String offerId) {
        return URI.create(base + "/accept?offer=" + enc(offerId));
    }

    /** The same, with the key the whisper told the agent to press (a reload may change the configured one meanwhile). */
    public URI accept(String offerId, String key) {
        return URI.create(base + "/accept?offer=" + enc(offerId) + "&key=" + enc(key));
    }

    /** The {@code <Dial>} action: how the attempt ended. */
    public URI dialResult(String offerId, String queue) {
        return URI.create(base + "/dial-result?offer=" + enc(offerId) + "&queue=" + enc(queue));
    }

    /** The status callback of an agent's leg placed into a caller's conference: how the attempt ended. */
    public URI legResult(String offerId, String queue) {
        return URI.create(base + "/leg-result?offer=" + enc(offerId) + "&queue=" + enc(queue));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
