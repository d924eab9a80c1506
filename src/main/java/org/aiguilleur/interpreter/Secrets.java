package org.aiguilleur.interpreter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A provider's secret values (PIN, account id) by placeholder name, read from the environment or a
 * secrets file at start. Never printed: {@link #toString()} names the placeholders only.
 */
public final class Secrets {
    /** No secrets. */
    public static final Secrets NONE = new Secrets(Map.of());

    private final Map<String, String> values;

    public Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public Optional<String> value(String placeholder) {
        return Optional.ofNullable(values.get(placeholder));
    }

    public Set<String> placeholders() {
        return values.keySet();
    }

    Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet().stream().sorted().toList() + " (values hidden)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
