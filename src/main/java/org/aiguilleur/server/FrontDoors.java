package org.aiguilleur.server;

import java.util.ArrayList;
import java.util.List;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.twilio.TwilioWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The front doors this build has, wired to the live configuration. */
public final class FrontDoors {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoors.class);

    private FrontDoors() {
    }

    /** Every front door of this build, not yet started. */
    public static List<FrontDoor> create(LiveConfig live) {
        List<FrontDoor> doors = new ArrayList<>();
        // Front doors are added here as they are built (Asterisk FastAGI, Twilio webhooks).
        CallEvents callEvents = CallEvents.NONE;
        CallerQueue callerQueue = CallerQueue.NONE;
        // Features mount their HTTP handlers on one HTTP door: add routes to this list.
        List<HttpRoute> http = new ArrayList<>();
        try {
            http.addAll(TwilioWebhooks.create(live, System.getenv(), callEvents, callerQueue).routes());
        } catch (TwilioWebhooks.SetupException e) {
            LOG.warn("Twilio webhooks are off: {}", e.getMessage());
        }
        if (!http.isEmpty()) {
            doors.add(new HttpFrontDoor(live.config().settings().http(), http));
        }
        return doors;
    }
}
