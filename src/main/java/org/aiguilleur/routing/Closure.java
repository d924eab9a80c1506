package org.aiguilleur.routing;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A one-off closure (a storm, a training afternoon), in local time: {@code from} inclusive,
 * {@code until} exclusive.
 */
public record Closure(LocalDateTime from, LocalDateTime until, String reason) {
    public Closure {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("closure ends before it starts");
        }
        reason = reason == null ? "" : reason;
    }

    public boolean covers(LocalDateTime local) {
        return !local.isBefore(from) && local.isBefore(until);
    }
}
