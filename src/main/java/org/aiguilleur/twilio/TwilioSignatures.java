package org.aiguilleur.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.Objects;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK's {@link RequestValidator}. Twilio signs the
 * URL it was given (the public https one), so the URL checked is the configured public base URL plus
 * the request's path and query as received, never the address a proxy forwarded to.
 */
public final class TwilioSignatures {
    private final String publicBase;
    private final RequestValidator validator;

    /**
     * @param publicBase the public base URL without a trailing slash ({@code https://ivr.example.org})
     * @param authToken  the account's auth token
     */
    public TwilioSignatures(String publicBase, String authToken) {
        this.publicBase = stripSlash(Objects.requireNonNull(publicBase, "publicBase"));
        if (authToken == null || authToken.isBlank()) {
            throw new IllegalArgumentException("no Twilio auth token");
        }
        this.validator = new RequestValidator(authToken);
    }

    /** The public URL of a path and query on this server, as Twilio will be told to call it. */
    public String publicUrl(String pathAndQuery) {
        return publicBase + pathAndQuery;
    }

    /** Whether {@code signature} is Twilio's for this path, query and form. */
    public boolean valid(String pathAndQuery, Map<String, String> form, String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        return validator.validate(publicUrl(pathAndQuery), form, signature);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? stripSlash(s.substring(0, s.length() - 1)) : s;
    }
}
