package org.aiguilleur.agi;

import java.util.Optional;
import java.util.function.Supplier;
import org.aiguilleur.ami.AmiInterpreters;
import org.aiguilleur.flow.Action;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.server.LiveConfig;

/**
 * Starts the interpreter bridge of a call the engine sent to an interpreter. On Asterisk the bridge
 * runs over AMI; without AMI there is none ({@link #NONE}) and the caller joins the interpreter queue.
 */
@FunctionalInterface
public interface InterpreterStarter {
    /** No bridge: the dialplan queues interpreted callers like any other. */
    InterpreterStarter NONE = (conference, channel, bridge) -> false;

    /**
     * @param conference the caller's unique id, which names their ConfBridge conference
     * @param channel    the caller's channel name
     * @return whether a bridge was started (the dialplan then puts the caller in the conference)
     */
    boolean start(String conference, String channel, Action.BridgeInterpreter bridge);

    /** Bridges over AMI, with the interpreter services and prompts of the configuration in force. */
    static InterpreterStarter overAmi(AmiInterpreters ami, LiveConfig live, CallEvents events) {
        return overAmi(() -> Optional.of(ami), live, events);
    }

    /**
     * Bridges over the AMI bridge in force when the call asks ({@code serve}: {@code LiveAmi::interpreters},
     * which follows reloads); none: the interpreter queue.
     */
    static InterpreterStarter overAmi(Supplier<Optional<AmiInterpreters>> inForce, LiveConfig live, CallEvents events) {
        return (conference, channel, bridge) -> {
            AmiInterpreters ami = inForce.get().orElse(null);
            if (ami == null || !ami.connected()) {
                return false; // no AMI now: the interpreter queue, as without a bridge
            }
            ami.start(conference, channel, live.config().interpreterBridge(live.clock(), events).newCall(conference, bridge));
            return true;
        };
    }
}
