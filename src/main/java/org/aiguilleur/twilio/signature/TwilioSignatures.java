package org.aiguilleur.twilio.signature;

import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK's {@link RequestValidator}. Twilio signs the
 * URL it was given (the public https one), so the URL checked is the configured public base URL plus
 * the request's path and query as received, never the address a proxy forwarded to. Thread-safe.
 *
 * <p>Accepts exactly what {@link RequestValidator#validate(String, Map, String)} accepts. The SDK
 * (13.0.1) always computes two HMAC-SHA1 signatures, one for the URL with its port added and one
 * with it removed (one of the two is the URL unchanged), looking up a new {@link Mac} each time,
 * and only then compares. Twilio signs the URL as we gave it, so the URL unchanged nearly always
 * matches: that one is checked first, with the SDK's own signing string (URL, then each field's name
 * and value sorted by name, UTF-8) and key, on a {@code Mac} keyed once. Only when it does not match
 * does the SDK itself decide, port variants included.
 */
public final class TwilioSignatures {
    private static final String HMAC = "HmacSHA1";

    private final String publicBase;
    private final RequestValidator validator;
    /** The SDK's key: the token's bytes in the platform charset ({@code String.getBytes()}), as it does. */
    private final SecretKeySpec key;
    /**
     * Keyed once; never used directly, only cloned (a clone is a keyed, fresh Mac). Cloning only reads
     * it, so the request threads share it safely.
     */
    private final Mac keyed;

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
        this.key = new SecretKeySpec(authToken.getBytes(), HMAC);
        this.keyed = newMac();
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
        String url = publicUrl(pathAndQuery);
        return matchesAsGiven(url, form, signature) || validator.validate(url, form, signature);
    }

    /**
     * Whether {@code signature} is the SDK's signature of {@code url} unchanged (the SDK's
     * {@code getValidationSignature(url, params)}, one of the two it accepts), compared in constant time.
     */
    boolean matchesAsGiven(String url, Map<String, String> form, String signature) {
        return MessageDigest.isEqual(sign(url, form).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The base64 HMAC-SHA1 Twilio puts in {@code X-Twilio-Signature} for this URL and form. */
    String sign(String url, Map<String, String> form) {
        String[] names = form.keySet().toArray(new String[0]);
        // The SDK sorts with Collections.sort (String's natural order): the same order.
        Arrays.sort(names);
        StringBuilder data = new StringBuilder(url.length() + 32 * names.length).append(url);
        for (String name : names) {
            String value = form.get(name);
            data.append(name).append(value == null ? "" : value);
        }
        Mac mac = mac();
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            // Every HmacSHA1 of the JDK clones; a provider that does not gets a new Mac each time.
            return newMac();
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HmacSHA1 in this JVM", e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? stripSlash(s.substring(0, s.length() - 1)) : s;
    }
}
