package org.aiguilleur.routing;

import java.util.Objects;

/**
 * A Québec administrative region.
 *
 * @param id   lower-case ASCII slug used in configuration, queues and records ({@code montreal})
 * @param code the official two-digit code ({@code 06})
 * @param name the official French name ({@code Montréal})
 */
public record Region(String id, String code, String name) {
    /** The id used when a caller's region could not be found. */
    public static final String UNKNOWN = "unknown";

    public Region {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
