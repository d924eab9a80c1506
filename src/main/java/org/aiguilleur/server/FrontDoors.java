package org.aiguilleur.server;

import java.util.ArrayList;
import java.util.List;

/** The front doors this build has, wired to the live configuration. */
public final class FrontDoors {
    private FrontDoors() {
    }

    /** Every front door of this build, not yet started. */
    public static List<FrontDoor> create(LiveConfig live) {
        List<FrontDoor> doors = new ArrayList<>();
        // Front doors are added here as they are built (Asterisk FastAGI, Twilio webhooks).
        doors.add(new org.aiguilleur.agi.AgiFrontDoor(live));
        return doors;
    }
}
