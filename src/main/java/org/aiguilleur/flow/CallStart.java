package org.aiguilleur.flow;

import java.util.Objects;

/**
 * What a front door knows when a call arrives.
 *
 * @param callId      the door's id for the call (Asterisk uniqueid, Twilio CallSid)
 * @param door        {@code asterisk}, {@code twilio} or {@code simulator}
 * @param callerId    the caller number exactly as given ({@code +15145550100}, {@code anonymous}, empty)
 * @param dialled     the number dialled, if known
 */
public record CallStart(String callId, String door, String callerId, String dialled) {
    public CallStart {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(door, "door");
        callerId = callerId == null ? "" : callerId;
        dialled = dialled == null ? "" : dialled;
    }

    @Override
    public String toString() {
        // Never the caller's number.
        return "CallStart[" + callId + " via " + door + "]";
    }
}
