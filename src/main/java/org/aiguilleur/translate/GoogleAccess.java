package org.aiguilleur.translate;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ServiceOptions;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the Google credentials come from. {@link #standard()} uses Google's own mechanisms:
 * Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's login, the
 * metadata server) for v3, an environment variable for the v2 API key; tests give fixed ones.
 */
public interface GoogleAccess {

    /** v3 credentials, or empty when none can be found. */
    Optional<CredentialsProvider> credentials();

    /** The project of the credentials or environment ({@code GOOGLE_CLOUD_PROJECT}), if any. */
    Optional<String> defaultProject();

    /** An environment variable, if set and not blank. */
    Optional<String> env(String name);

    /** Google's standard mechanisms. */
    static GoogleAccess standard() {
        return new GoogleAccess() {
            @Override
            public Optional<CredentialsProvider> credentials() {
                try {
                    GoogleCredentials c = GoogleCredentials.getApplicationDefault()
                            .createScoped("https://www.googleapis.com/auth/cloud-platform");
                    return Optional.of(FixedCredentialsProvider.create(c));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }

            @Override
            public Optional<String> defaultProject() {
                return Optional.ofNullable(ServiceOptions.getDefaultProjectId()).filter(s -> !s.isBlank());
            }

            @Override
            public Optional<String> env(String name) {
                return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
            }
        };
    }
}
