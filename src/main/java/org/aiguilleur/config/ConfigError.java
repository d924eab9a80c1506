package org.aiguilleur.config;

/**
 * One problem found in the configuration.
 *
 * @param file    the file, relative to where the configuration was read
 * @param path    the dotted path inside the file ({@code centres.quebec-regions.hours.mon})
 * @param message what is wrong, quoting the value
 */
public record ConfigError(String file, String path, String message) {
    @Override
    public String toString() {
        return file + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
