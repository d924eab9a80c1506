package org.aiguilleur.interpreter;

/**
 * What a front door tells an interpreted call. Interpreter events name the attempt of the
 * {@link BridgeCommand.DialInterpreter} they answer; events of an attempt already given up are
 * ignored (a late answer is hung up).
 */
public sealed interface BridgeEvent {

    /** The interpreter leg answered, got its keys, and is in the conference. */
    record LegAnswered(int attempt) implements BridgeEvent {
    }

    /** The interpreter leg did not connect. */
    record LegFailed(int attempt, Failure reason) implements BridgeEvent {
    }

    /** The {@link BridgeCommand.StartTimer} of this attempt ran out. */
    record TimerFired(int attempt) implements BridgeEvent {
    }

    /** The interpreter left the conference (or the service hung up). */
    record InterpreterLeft(int attempt) implements BridgeEvent {
    }

    /** The agent is in the conference. */
    record AgentJoined() implements BridgeEvent {
    }

    /** The agent left the conference. */
    record AgentLeft() implements BridgeEvent {
    }

    /** The caller hung up. */
    record CallerLeft() implements BridgeEvent {
    }

    /** Why an interpreter leg did not connect, as the network said. */
    enum Failure {
        BUSY("busy"),
        NO_ANSWER("no-answer"),
        FAILED("failed");

        private final String outcome;

        Failure(String outcome) {
            this.outcome = outcome;
        }

        /** The outcome written in the attempt's record. */
        public String outcome() {
            return outcome;
        }
    }
}
