package org.aiguilleur.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * One caller on Twilio's side: sends the webhooks Twilio would send for this call, following the
 * TwiML our server answers (the {@code action} of the current {@code <Gather>}, {@code <Record>},
 * {@code <Enqueue>} or {@code <Dial>}). Keeps the last TwiML for assertions.
 */
public final class TwilioCaller {
    private final TwilioWebhookClient client;
    private final String callSid;
    private final String from;
    private Twiml last;

    public TwilioCaller(TwilioWebhookClient client, String callSid, String from) {
        this.client = client;
        this.callSid = callSid;
        this.from = from;
    }

    /** Twilio's parameters for every request of this call. */
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", "AC00000000000000000000000000000000");
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", callSid);
        p.put("CallStatus", "in-progress");
        p.put("Direction", "inbound");
        p.put("From", from);
        p.put("To", "+15145550211");
        return p;
    }

    /** The call comes in. */
    public Twiml dial() {
        Map<String, String> p = params();
        p.put("CallStatus", "ringing");
        return answer(client.post("/twilio/voice", p));
    }

    /** Keys at the current {@code <Gather>}. */
    public Twiml press(String digits) {
        return gather("Digits", digits);
    }

    /** Speech at the current {@code <Gather>}. */
    public Twiml say(String text) {
        return gather("SpeechResult", text);
    }

    /** Nothing in time at the current {@code <Gather>} (Twilio posts an empty result). */
    public Twiml silence() {
        return answer(client.post(action("Gather"), params()));
    }

    /** A message recorded at the current {@code <Record>}. */
    public Twiml record(int seconds) {
        Map<String, String> p = params();
        p.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE" + callSid);
        p.put("RecordingDuration", Integer.toString(seconds));
        p.put("Digits", "#");
        return answer(client.post(action("Record"), p));
    }

    /** Twilio asks the current {@code <Enqueue>}'s wait URL what to play. */
    public Twiml waitInQueue(int position, int queueTime, int avgQueueTime) {
        Map<String, String> p = params();
        p.put("QueuePosition", Integer.toString(position));
        p.put("QueueTime", Integer.toString(queueTime));
        p.put("AvgQueueTime", Integer.toString(avgQueueTime));
        p.put("CurrentQueueSize", Integer.toString(position));
        p.put("QueueSid", "QU0");
        String url = last.required("Enqueue").getAttribute("waitUrl");
        Twiml wait = Twiml.parse(ok(client.post(client.pathOf(url), p)));
        return wait;
    }

    /** The caller leaves the current {@code <Enqueue>}: {@code bridged}, {@code hangup}, {@code leave}... */
    public Twiml leaveQueue(String queueResult) {
        Map<String, String> p = params();
        p.put("QueueResult", queueResult);
        p.put("QueueTime", "42");
        return answer(client.post(action("Enqueue"), p));
    }

    /** The current {@code <Dial>} ends with {@code DialCallStatus}. */
    public Twiml dialEnded(String status) {
        Map<String, String> p = params();
        p.put("DialCallStatus", status);
        return answer(client.post(action("Dial"), p));
    }

    /** The caller hangs up: Twilio's status callback. */
    public TwilioWebhookClient.Reply hangUp() {
        Map<String, String> p = params();
        p.put("CallStatus", "completed");
        p.put("CallDuration", "37");
        return client.post("/twilio/status", p);
    }

    public Twiml last() {
        return last;
    }

    /** The path and query of the current verb's {@code action}. */
    public String action(String verb) {
        Element e = last.required(verb);
        return client.pathOf(e.getAttribute("action"));
    }

    private Twiml gather(String field, String value) {
        Map<String, String> p = params();
        p.put(field, value);
        return answer(client.post(action("Gather"), p));
    }

    private Twiml answer(TwilioWebhookClient.Reply r) {
        last = Twiml.parse(ok(r));
        return last;
    }

    private static String ok(TwilioWebhookClient.Reply r) {
        if (r.status() != 200) {
            throw new AssertionError("HTTP " + r.status() + ": " + r.body());
        }
        return r.body();
    }
}
