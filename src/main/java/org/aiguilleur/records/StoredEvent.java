package org.aiguilleur.records;

import java.util.Objects;

/**
 * A {@link CallEvent} as the records store keeps it: with its own id (so that it is applied exactly
 * once however often it is replayed) and the caller number already reduced to a keyed hash. The
 * event's raw caller number is never written anywhere: the journal and the database take
 * {@code callerHash}, never {@code event}'s {@link org.aiguilleur.flow.CallStart#callerId()}.
 *
 * @param id         unique id given when the event was emitted
 * @param event      the event
 * @param callerHash HMAC of the normalised caller number, for {@link CallEvent.IvrEnded}; null when
 *                   withheld or unknown, and for other events
 */
public record StoredEvent(String id, CallEvent event, String callerHash) {
    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
    }

    @Override
    public String toString() {
        return "StoredEvent[" + id + " " + event.getClass().getSimpleName() + " " + event.callId() + "]";
    }
}
