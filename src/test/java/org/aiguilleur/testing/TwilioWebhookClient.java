package org.aiguilleur.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends webhooks to our server the way Twilio does: a form POST to the public URL it was given,
 * signed in {@code X-Twilio-Signature} with the account's auth token (HMAC-SHA1 of the full URL
 * followed by each form field's name and value, sorted by name; base64). The request really goes
 * to the server's local address, as through a proxy; the signature covers the public URL.
 *
 * <p>Only the webhook side of Twilio: the fake of Twilio's REST API is the agents' business.
 */
public final class TwilioWebhookClient {
    private final String publicBase;
    private final java.util.function.Supplier<URI> local;
    private final String authToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A reply: HTTP status and body. */
    public record Reply(int status, String body, String contentType) {
        public Twiml twiml() {
            return Twiml.parse(body);
        }
    }

    /**
     * @param publicBase what Twilio is told ({@code https://public.example})
     * @param local      where the server really listens ({@code http://127.0.0.1:PORT})
     */
    public TwilioWebhookClient(String publicBase, URI local, String authToken) {
        this(publicBase, () -> local, authToken);
    }

    /** A client whose requests go wherever {@code local} says each time, as through a load balancer. */
    public TwilioWebhookClient(String publicBase, java.util.function.Supplier<URI> local, String authToken) {
        this.publicBase = publicBase;
        this.local = local;
        this.authToken = authToken;
    }

    public String publicBase() {
        return publicBase;
    }

    /** The path and query of one of our public URLs (as found in TwiML). */
    public String pathOf(String publicUrl) {
        if (!publicUrl.startsWith(publicBase + "/")) {
            throw new AssertionError("not a URL on " + publicBase + ": " + publicUrl);
        }
        return publicUrl.substring(publicBase.length());
    }

    /** A correctly signed webhook. */
    public Reply post(String pathAndQuery, Map<String, String> form) {
        return post(pathAndQuery, form, sign(authToken, publicBase + pathAndQuery, form));
    }

    /** A webhook with the given signature header ({@code null}: none). */
    public Reply post(String pathAndQuery, Map<String, String> form, String signature) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(pathAndQuery, "POST", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8),
                signature);
    }

    /** Any request at all, for malformed ones. */
    public Reply send(String pathAndQuery, String method, String contentType, byte[] body, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(local.get().resolve(pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Twilio's signature of a POST: written here from Twilio's published algorithm, not the SDK's code. */
    public static String sign(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
