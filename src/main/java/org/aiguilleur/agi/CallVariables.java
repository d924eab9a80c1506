package org.aiguilleur.agi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.Outcome;

/**
 * The channel variables the dialplan routes on after the AGI. Every variable is always set (empty
 * when unknown), so a value from earlier in the dialplan never leaks into the decision.
 */
final class CallVariables {
    static final String OUTCOME = "AIGUILLEUR_OUTCOME";
    static final String QUEUE = "AIGUILLEUR_QUEUE";
    static final String LANGUAGE = "AIGUILLEUR_LANGUAGE";
    static final String REGION = "AIGUILLEUR_REGION";
    static final String NEED = "AIGUILLEUR_NEED";
    static final String INTERPRETER_LANGUAGE = "AIGUILLEUR_INTERPRETER_LANGUAGE";
    static final String TRANSFER_TO = "AIGUILLEUR_TRANSFER_TO";
    static final String CALLBACK = "AIGUILLEUR_CALLBACK";

    private CallVariables() {
    }

    /**
     * @param result        what the engine knew and decided
     * @param callerHungUp  the caller hung up during the AGI: the outcome is {@code hangup} whatever was decided
     * @param fallbackQueue for a transfer: the queue the dialplan uses when the transfer fails
     */
    static Map<String, String> of(CallResult result, boolean callerHungUp, Optional<String> fallbackQueue) {
        Map<String, String> v = new LinkedHashMap<>();
        String outcome = callerHungUp ? Outcome.HANGUP.id() : result.outcome().map(Outcome::id).orElse("");
        v.put(OUTCOME, outcome);
        v.put(QUEUE, result.queue().or(() -> fallbackQueue).orElse(""));
        v.put(LANGUAGE, result.language().orElse(""));
        v.put(REGION, result.region().orElse(""));
        v.put(NEED, result.need().orElse(""));
        v.put(INTERPRETER_LANGUAGE, result.interpreterLanguage().orElse(""));
        v.put(TRANSFER_TO, result.transferTo().orElse(""));
        v.put(CALLBACK, result.callback().orElse(false) ? "yes" : "no");
        return v;
    }
}
