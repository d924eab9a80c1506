package org.aiguilleur.twilio;

import java.util.Map;
import java.util.Optional;

/**
 * A webhook request whose signature was checked: its path, query parameters and form fields
 * (single values; Twilio never repeats a field).
 */
public record WebhookRequest(String path, Map<String, String> query, Map<String, String> form) {
    public WebhookRequest {
        // Read-only views: the handler built these maps for this request alone.
        query = java.util.Collections.unmodifiableMap(query);
        form = java.util.Collections.unmodifiableMap(form);
    }

    /** A form field, empty when absent or blank. */
    public Optional<String> field(String name) {
        String v = form.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** A query parameter, empty when absent or blank. */
    public Optional<String> param(String name) {
        String v = query.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** The call's id, {@code CallSid}. */
    public Optional<String> callSid() {
        return field("CallSid");
    }
}
