package org.aiguilleur.config;

import java.util.ArrayList;
import java.util.List;

/** Collects errors across all files so that an operator sees them all at once. */
final class Problems {
    private final List<ConfigError> errors = new ArrayList<>();

    void add(String file, String path, String message) {
        errors.add(new ConfigError(file, path, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }
}
