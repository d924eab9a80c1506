package org.aiguilleur.agi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.Outcome;

/**
 * The channel variables the dialplan routes on after the AGI. Every variable is always set (empty
 * when unknown), so a value from earlier in the dialplan never leaks into the decision.
 */
final class CallVariables {
    static final String OUTCOME = "AIGUILLEUR_OUTCOME";
    /** The interpreter bridge's conference, set only for an interpreted call with a bridge. */
    static final String BRIDGE = "AIGUILLEUR_BRIDGE";
    static final String QUEUE = "AIGUILLEUR_QUEUE";
    static final String LANGUAGE = "AIGUILLEUR_LANGUAGE";
    static final String REGION = "AIGUILLEUR_REGION";
    static final String NEED = "AIGUILLEUR_NEED";
    static final String INTERPRETER_LANGUAGE = "AIGUILLEUR_INTERPRETER_LANGUAGE";
    static final String TRANSFER_TO = "AIGUILLEUR_TRANSFER_TO";
    static final String CALLBACK = "AIGUILLEUR_CALLBACK";
    /** The longest wait in the queue, in seconds: {@code Queue()}'s timeout; empty when not queued. */
    static final String QUEUE_TIMEOUT = "AIGUILLEUR_QUEUE_TIMEOUT";

    private CallVariables() {
    }

    /**
     * @param result       what the engine knew and decided
     * @param callerHungUp the caller hung up during the AGI: the outcome is {@code hangup} whatever was decided
     * @param maxWait      {@code asterisk.queues.max-wait}: after this long in the queue, Asterisk gives up
     *                     ({@code TIMEOUT}) and the engine routes the call again
     */
    static Map<String, String> of(CallResult result, boolean callerHungUp, Duration maxWait) {
        Map<String, String> v = new LinkedHashMap<>();
        // The engine's own outcome: after-hours too when every open centre's queue failed (all-busy).
        String outcome = callerHungUp ? Outcome.HANGUP.id() : result.outcome().map(Outcome::id).orElse("");
        v.put(OUTCOME, outcome);
        v.put(QUEUE, result.queue().orElse(""));
        v.put(LANGUAGE, result.language().orElse(""));
        v.put(REGION, result.region().orElse(""));
        v.put(NEED, result.need().orElse(""));
        v.put(INTERPRETER_LANGUAGE, result.interpreterLanguage().orElse(""));
        v.put(TRANSFER_TO, result.transferTo().orElse(""));
        v.put(CALLBACK, result.callback().orElse(false) ? "yes" : "no");
        boolean queued = outcome.equals(Outcome.QUEUED.id()) || outcome.equals(Outcome.INTERPRETER.id());
        v.put(QUEUE_TIMEOUT, queued ? String.valueOf(Math.max(1, maxWait.toSeconds())) : "");
        return v;
    }

    /** Nothing decided: every variable empty, so the dialplan queues at its default queue. */
    static Map<String, String> none() {
        Map<String, String> v = new LinkedHashMap<>();
        for (String name : new String[] {OUTCOME, QUEUE, LANGUAGE, REGION, NEED, INTERPRETER_LANGUAGE, TRANSFER_TO}) {
            v.put(name, "");
        }
        v.put(CALLBACK, "no");
        v.put(QUEUE_TIMEOUT, "");
        return v;
    }
}
