package org.aiguilleur.translate;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.translate.v3.LocationName;
import com.google.cloud.translate.v3.TranslateTextRequest;
import com.google.cloud.translate.v3.TranslateTextResponse;
import com.google.cloud.translate.v3.Translation;
import com.google.cloud.translate.v3.TranslationServiceClient;
import com.google.cloud.translate.v3.TranslationServiceSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Cloud Translation v3 through {@link TranslationServiceClient} over its HTTP/JSON transport
 * ({@code POST /v3/projects/P/locations/L:translateText}). Each request has one attempt bounded by
 * {@code timeout} (the client's own default would wait up to 600 s); retries are the caller's
 * business (the service pauses after a failure).
 */
public final class GoogleV3Translator implements Translator {
    private final TranslationServiceClient client;
    private final String parent;

    /**
     * @param endpoint    {@code host:port}, or {@code http://127.0.0.1:port} for a local fake; empty for Google's
     * @param credentials the Google credentials (ADC in production)
     */
    public GoogleV3Translator(String project, String location, Optional<String> endpoint,
                              CredentialsProvider credentials, Duration timeout) throws IOException {
        TranslationServiceSettings.Builder b = TranslationServiceSettings.newHttpJsonBuilder();
        endpoint.ifPresent(b::setEndpoint);
        b.setCredentialsProvider(credentials);
        b.translateTextSettings().setRetrySettings(RetrySettings.newBuilder()
                .setInitialRpcTimeoutDuration(timeout)
                .setMaxRpcTimeoutDuration(timeout)
                .setTotalTimeoutDuration(timeout)
                .setRpcTimeoutMultiplier(1.0)
                .setMaxAttempts(1)
                .build());
        this.client = TranslationServiceClient.create(b.build());
        this.parent = LocationName.of(project, location).toString();
    }

    @Override
    public List<String> translate(List<String> html, String from, String to) throws TranslationException {
        TranslateTextRequest request = TranslateTextRequest.newBuilder()
                .setParent(parent)
                .setMimeType("text/html")
                .setSourceLanguageCode(from)
                .setTargetLanguageCode(to)
                .addAllContents(html)
                .build();
        try {
            TranslateTextResponse response = client.translateText(request);
            if (response.getTranslationsCount() != html.size()) {
                throw new TranslationException("v3 answered " + response.getTranslationsCount() + " texts for "
                        + html.size(), false, null);
            }
            return response.getTranslationsList().stream().map(Translation::getTranslatedText).toList();
        } catch (ApiException e) {
            boolean quota = e.getStatusCode().getCode() == StatusCode.Code.RESOURCE_EXHAUSTED;
            throw new TranslationException("v3 " + e.getStatusCode().getCode() + ": " + e.getMessage(), quota, e);
        } catch (RuntimeException e) {
            throw new TranslationException("v3 request failed: " + e, false, e);
        }
    }

    @Override
    public String origin() {
        return "google-v3";
    }

    @Override
    public void close() {
        client.close();
    }
}
