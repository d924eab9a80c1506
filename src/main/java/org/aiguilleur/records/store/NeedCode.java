package org.aiguilleur.records.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One need an agent coded for a call.
 *
 * @param need     our need id (from {@code dialplans/flow.yaml})
 * @param taxonomy an optional 211 (AIRS/211 LA County) taxonomy code, such as {@code BH-1800.8500}
 * @param met      whether the need was met
 * @param reason   why it was not met (a reason code), empty when met
 */
public record NeedCode(String need, Optional<String> taxonomy, boolean met, Optional<String> reason) {
    public NeedCode {
        Objects.requireNonNull(need, "need");
        taxonomy = taxonomy == null ? Optional.empty() : taxonomy;
        reason = reason == null ? Optional.empty() : reason;
    }
}
