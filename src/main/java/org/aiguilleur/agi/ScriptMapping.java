package org.aiguilleur.agi;

import java.util.Locale;
import org.aiguilleur.flow.Event;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;

/**
 * Maps the AGI URL's path to a script. {@code 211} runs a new call ({@code agi://host:4573/211}; a
 * query string such as {@code 211?lang=fr} is allowed and ignored). {@code 211/queue-ended} (argument:
 * {@code QUEUESTATUS}) and {@code 211/transfer-failed} (argument: {@code DIALSTATUS}) resume a call
 * the dialplan queued or transferred; {@code 211/call-ended} (the {@code h} extension; arguments
 * {@code MEMBERNAME}, {@code QEHOLDTIME}, {@code MEMBERINTERFACE}) closes its record, answered or
 * abandoned in its queue, and forgets it. Any other path has no script: Asterisk-Java then sets
 * {@code AJ_AGISTATUS=NOT_FOUND} and returns, and the dialplan, seeing no outcome, queues the
 * caller at the default queue.
 */
final class ScriptMapping implements MappingStrategy {
    /** The script path of a 211 call. */
    static final String CALL = "211";
    static final String QUEUE_ENDED = CALL + "/queue-ended";
    static final String TRANSFER_FAILED = CALL + "/transfer-failed";
    static final String CALL_ENDED = CALL + "/call-ended";

    private final CallScript calls;

    ScriptMapping(CallScript calls) {
        this.calls = calls;
    }

    @Override
    public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
        String script = request.getScript();
        if (script == null) {
            return null;
        }
        // Asterisk-Java strips the query string; strip it here too in case a version does not.
        int q = script.indexOf('?');
        String path = (q < 0 ? script : script.substring(0, q)).replaceAll("^/+|/+$", "");
        switch (path) {
            case CALL:
                return calls::start;
            case QUEUE_ENDED:
                return (r, c) -> calls.resume(r, c, new Event.QueueEnded(queueStatus(argument(r))));
            case TRANSFER_FAILED:
                return (r, c) -> calls.resume(r, c, new Event.TransferFailed(argument(r)));
            case CALL_ENDED:
                return (r, c) -> calls.ended(r);
            default:
                return null;
        }
    }

    private static String argument(AgiRequest request) {
        String[] args = request.getArguments();
        return args.length > 0 && args[0] != null ? args[0].trim() : "";
    }

    /**
     * Asterisk's {@code QUEUESTATUS} after {@code Queue()} returned. The dialplan reports only a queue
     * that gave up; an unknown value counts as a time-out, so the caller gets another chance at a person.
     */
    static Event.QueueStatus queueStatus(String status) {
        switch (status.toUpperCase(Locale.ROOT)) {
            case "FULL":
                return Event.QueueStatus.FULL;
            case "JOINEMPTY":
            case "LEAVEEMPTY":
            case "JOINUNAVAIL":
            case "LEAVEUNAVAIL":
                return Event.QueueStatus.EMPTY;
            default:
                return Event.QueueStatus.TIMEOUT;
        }
    }
}
