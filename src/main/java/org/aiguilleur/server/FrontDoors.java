package org.aiguilleur.server;

import java.util.ArrayList;
import java.util.List;

/** The front doors this build has, wired to the live configuration. */
public final class FrontDoors {
    private FrontDoors() {
    }

    /** Every front door of this build, not yet started. */
    public static List<FrontDoor> create(LiveConfig live) {
        return create(live, org.aiguilleur.records.CallEvents.NONE);
    }

    /** Every front door of this build, not yet started, reporting calls to {@code events} (the records). */
    public static List<FrontDoor> create(LiveConfig live, org.aiguilleur.records.CallEvents events) {
        return create(live, events, org.aiguilleur.agi.InterpreterStarter.NONE);
    }

    /** Every front door, the Asterisk one starting interpreter bridges with {@code interpreters}. */
    public static List<FrontDoor> create(LiveConfig live, org.aiguilleur.records.CallEvents events,
                                         org.aiguilleur.agi.InterpreterStarter interpreters) {
        List<FrontDoor> doors = new ArrayList<>();
        // Front doors are added here as they are built (Asterisk FastAGI, Twilio webhooks).
        doors.add(new org.aiguilleur.agi.AgiFrontDoor(live, events, interpreters));
        return doors;
    }
}
