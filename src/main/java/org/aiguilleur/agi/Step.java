package org.aiguilleur.agi;

import org.aiguilleur.flow.Event;

/**
 * What rendering an action on the channel led to: go on with the next action, an event for the
 * engine (the caller's input, or a hang-up), the end of the IVR (the call was handed to the
 * dialplan), or a protocol failure.
 *
 * @param event      the event for the engine, or null
 * @param thenHangup the caller hung up right after {@code event} (a message was left, then the call ended)
 * @param handedOver the turn ended the IVR: the dialplan takes the call from here
 * @param failure    why the door could not go on (an AGI error that is not a hang-up), or null
 * @param engineEnded the engine ended the call itself (after a goodbye): the dialplan hangs up
 */
record Step(Event event, boolean thenHangup, boolean handedOver, Exception failure, boolean engineEnded) {
    static final Step NEXT = new Step(null, false, false, null, false);
    static final Step HANDED_OVER = new Step(null, false, true, null, false);
    static final Step ENDED = new Step(null, false, true, null, true);
    static final Step HANGUP = input(new Event.Hangup());

    static Step input(Event event) {
        return new Step(event, false, false, null, false);
    }

    static Step inputThenHangup(Event event) {
        return new Step(event, true, false, null, false);
    }

    static Step failed(Exception failure) {
        return new Step(null, false, false, failure, false);
    }

    boolean isNext() {
        return event == null && !handedOver && failure == null;
    }
}
