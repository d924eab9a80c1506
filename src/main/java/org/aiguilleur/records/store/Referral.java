package org.aiguilleur.records.store;

import java.util.Objects;

/**
 * A referral an agent gave for a need.
 *
 * @param need       our need id
 * @param referredTo the organisation or programme the caller was referred to
 */
public record Referral(String need, String referredTo) {
    public Referral {
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(referredTo, "referredTo");
    }
}
