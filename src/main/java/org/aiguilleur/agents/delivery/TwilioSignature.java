package org.aiguilleur.agents.delivery;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Checks {@code X-Twilio-Signature} on a webhook. Twilio signs the public URL it was given (scheme,
 * host, path and query), not what a proxy forwards, so the URL is rebuilt from the configured public
 * base URL plus the request's path and query; the form parameters are signed too.
 */
public final class TwilioSignature {
    /** The header Twilio puts its signature in. */
    public static final String HEADER = "X-Twilio-Signature";
    private final RequestValidator validator;
    private final String publicBase;

    /**
     * @param authToken  the account's auth token
     * @param publicBase the public base URL Twilio is configured with ({@code https://211.example.org})
     */
    public TwilioSignature(String authToken, String publicBase) {
        this.validator = new RequestValidator(authToken);
        this.publicBase = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
    }

    /** The public base URL, without a trailing slash. */
    public String publicBase() {
        return publicBase;
    }

    /** Whether the request carries a valid signature for its public URL and these form fields. */
    public boolean verify(Request request, Fields form) {
        String signature = request.getHeaders().get(HEADER);
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        String query = request.getHttpURI().getQuery();
        String url = publicBase + request.getHttpURI().getPath() + (query == null ? "" : "?" + query);
        Map<String, String> params = new HashMap<>();
        for (Fields.Field f : form) {
            params.put(f.getName(), f.getValue());
        }
        return validator.validate(url, params, signature);
    }
}
