package org.aiguilleur.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cloud Translation v2 (Basic) with an API key: {@code POST /language/translate/v2}, the key in the
 * {@code X-Goog-Api-Key} header (never in a URL that could be logged), HTML format. Connection and
 * request are bounded by {@code timeout}.
 */
public final class GoogleV2Translator implements Translator {
    /** Google's endpoint. */
    public static final String ENDPOINT = "https://translation.googleapis.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI uri;
    private final String key;
    private final Duration timeout;

    public GoogleV2Translator(String endpoint, String apiKey, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.uri = URI.create(endpoint.replaceAll("/+$", "") + "/language/translate/v2");
        this.key = apiKey;
        this.timeout = timeout;
    }

    @Override
    public List<String> translate(List<String> html, String from, String to) throws TranslationException {
        ObjectNode body = JSON.createObjectNode();
        html.forEach(body.putArray("q")::add);
        body.put("source", from).put("target", to).put("format", "html");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Goog-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
            if (r.statusCode() != 200) {
                String reason = json.path("error").path("errors").path(0).path("reason").asText("");
                boolean quota = r.statusCode() == 429 || reason.contains("LimitExceeded") || reason.contains("quota");
                throw new TranslationException("v2 HTTP " + r.statusCode() + " " + reason + ": "
                        + json.path("error").path("message").asText(""), quota, null);
            }
            List<String> out = new ArrayList<>();
            json.path("data").path("translations").forEach(t -> out.add(t.path("translatedText").asText()));
            if (out.size() != html.size()) {
                throw new TranslationException("v2 answered " + out.size() + " texts for " + html.size(), false, null);
            }
            return out;
        } catch (HttpTimeoutException e) {
            throw new TranslationException("v2 timed out after " + timeout.toMillis() + " ms", false, e);
        } catch (IOException e) {
            throw new TranslationException("v2 request failed: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranslationException("v2 request interrupted", false, e);
        }
    }

    @Override
    public String origin() {
        return "google-v2";
    }

    @Override
    public void close() {
        // HttpClient has no close before Java 21; its threads are daemons.
    }
}
