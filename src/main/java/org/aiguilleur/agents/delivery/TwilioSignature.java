package org.aiguilleur.agents.delivery;

import java.util.HashMap;
import java.util.Map;
import org.aiguilleur.twilio.signature.TwilioSignatures;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Checks {@code X-Twilio-Signature} on the agent webhooks with the same check as every other Twilio
 * webhook ({@link TwilioSignatures}): the configured public base URL plus the request's path and
 * query, and the form fields.
 */
public final class TwilioSignature {
    /** The header Twilio puts its signature in. */
    public static final String HEADER = "X-Twilio-Signature";
    private final TwilioSignatures signatures;
    private final String publicBase;

    /**
     * @param authToken  the account's auth token
     * @param publicBase the public base URL Twilio is configured with ({@code https://211.example.org})
     */
    public TwilioSignature(String authToken, String publicBase) {
        this.publicBase = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
        this.signatures = new TwilioSignatures(this.publicBase, authToken);
    }

    /** The public base URL, without a trailing slash. */
    public String publicBase() {
        return publicBase;
    }

    /** Whether the request carries a valid signature for its public URL and these form fields. */
    public boolean verify(Request request, Fields form) {
        Map<String, String> params = new HashMap<>();
        for (Fields.Field f : form) {
            params.put(f.getName(), f.getValue());
        }
        return signatures.valid(request.getHttpURI().getPathQuery(), params, request.getHeaders().get(HEADER));
    }
}
