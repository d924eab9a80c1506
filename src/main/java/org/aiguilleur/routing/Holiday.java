package org.aiguilleur.routing;

import java.util.Objects;

/** A named holiday and the rule that dates it. */
public record Holiday(String name, HolidayRule rule) {
    public Holiday {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
    }
}
