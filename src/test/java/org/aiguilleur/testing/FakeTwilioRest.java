package org.aiguilleur.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A stand-in for Twilio's cloud, the one used by every test that needs it: a real HTTP server on
 * loopback that speaks the REST API paths Aiguilleur calls, as Twilio documents them (basic auth
 * with the account SID and auth token, form-encoded bodies, JSON resources and JSON errors with
 * Twilio's codes), and that sends the follow-up webhooks Twilio would send, signed with
 * {@code X-Twilio-Signature} over the public URL.
 *
 * <p>REST paths: {@code GET /2010-04-01/Accounts/{Sid}/Queues.json},
 * {@code POST .../Queues/{QueueSid}/Members/{CallSid}.json} (dequeue to {@code Url}) and
 * {@code POST .../Calls/{CallSid}.json} (redirect to {@code Url}, or hang up with {@code Status=completed}),
 * {@code POST .../Calls.json} (place an outbound call: answers a Call resource, then plays the
 * called party as {@link #whenDialled} says, posting signed status callbacks and, when its TwiML
 * dials a {@code <Conference>}, the conference's signed status callbacks),
 * {@code POST .../Conferences/{Sid}.json} ({@code Status=completed} ends it) and
 * {@code POST .../Conferences/{Sid}/Participants/{CallSid}.json} ({@code AnnounceUrl}, fetched signed
 * as Twilio does). Callbacks are posted in order from one thread. The SDK is pointed at it by
 * {@link #restClient()}, whose HTTP client rewrites {@code https://api.twilio.com} to this server.
 */
public final class FakeTwilioRest implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    public static final String AUTH_TOKEN = "fake-auth-token-1234567890abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MEMBER = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Queues/([^/]+)/Members/([^/]+)\\.json");
    private static final Pattern CALL = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls/([^/]+)\\.json");
    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls\\.json");
    private static final Pattern CONFERENCE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Conferences/([^/]+)\\.json");
    private static final Pattern PARTICIPANT = Pattern.compile(
            "/2010-04-01/Accounts/([^/]+)/Conferences/([^/]+)/Participants/([^/]+)\\.json");
    private static final Pattern QUEUES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Queues\\.json");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** One REST request as received. */
    public record Recorded(String method, String path, Map<String, String> form) {
    }

    /** A webhook's answer from the server under test. */
    public record Reply(int status, String body) {
        public Document xml() {
            return parse(body);
        }
    }

    /** One webhook sent to the server under test, with its reply. */
    public record Exchange(String url, Map<String, String> params, Reply reply) {
    }

    /** What the agent's side does when Twilio dials them. */
    public enum AgentDoes { NO_ANSWER, BUSY, ACCEPTS, DECLINES, STAYS_SILENT }

    /** What the party at a number does when a REST-placed call reaches it. */
    public enum Called { ANSWERS, RINGS_ON, BUSY, NO_ANSWER, FAILS }

    /** One call placed through {@code POST Calls.json}. */
    public record Placed(String sid, String to, String from, Map<String, String> form) {
    }

    /** A conference as Twilio holds it: its participants (CallSids) and whether it ended. */
    private static final class ConferenceState {
        final String sid;
        final String name;
        final String statusCallback;
        final Map<String, Boolean> participants = new LinkedHashMap<>(); // CallSid -> endConferenceOnExit
        boolean started;
        boolean ended;
        int sequence;

        ConferenceState(String sid, String name, String statusCallback) {
            this.sid = sid;
            this.name = name;
            this.statusCallback = statusCallback;
        }
    }

    private final Map<String, Called> called = new LinkedHashMap<>();
    private final Map<String, AgentDoes> answers = new LinkedHashMap<>();
    private final List<Placed> placed = new ArrayList<>();
    private final Map<String, ConferenceState> conferences = new LinkedHashMap<>();
    private final List<Reply> announcements = new ArrayList<>();
    private final java.util.concurrent.ExecutorService callbacks = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-twilio-callbacks");
        t.setDaemon(true);
        return t;
    });

    private final HttpServer server;
    private final String publicBase;
    private final String localBase;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    private final List<Recorded> requests = new ArrayList<>();
    private final List<Exchange> webhooks = new ArrayList<>();
    private final Map<String, String> queues = new LinkedHashMap<>();
    private final Map<String, CallState> calls = new LinkedHashMap<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private Integer failAll;
    private final AtomicInteger sids = new AtomicInteger();

    private static final class CallState {
        String status = "in-progress";
        String queue;
        final List<String> redirects = new ArrayList<>();
        Placed placed;
        String conference;
    }

    /**
     * @param publicBase the public base URL the server under test is configured with (signatures use it)
     * @param localBase  where that server really listens ({@code http://127.0.0.1:PORT}), like a proxy
     */
    public FakeTwilioRest(String publicBase, String localBase) {
        this.publicBase = publicBase;
        this.localBase = localBase;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    /** The SDK client, authenticated with the fake account, talking to this server. */
    public TwilioRestClient restClient() {
        return new TwilioRestClient.Builder(ACCOUNT_SID, AUTH_TOKEN).httpClient(new Loopback(baseUrl())).build();
    }

    /** A client with the wrong auth token (Twilio answers 401). */
    public TwilioRestClient restClientWithToken(String token) {
        return new TwilioRestClient.Builder(ACCOUNT_SID, token).httpClient(new Loopback(baseUrl())).build();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- the account's state ---------------------------------------------------------------------

    /** A live call waiting in a queue (created on first use, as {@code <Enqueue>} does). */
    public synchronized void callWaiting(String callSid, String queue) {
        queues.computeIfAbsent(queue, q -> sid("QU"));
        CallState c = calls.computeIfAbsent(callSid, s -> new CallState());
        c.status = "in-progress";
        c.queue = queue;
    }

    /** A live call in no queue (for example still in the IVR). */
    public synchronized void callInProgress(String callSid) {
        calls.computeIfAbsent(callSid, s -> new CallState()).queue = null;
    }

    /** The caller hangs up. */
    public synchronized void hangUp(String callSid) {
        CallState c = calls.get(callSid);
        if (c != null) {
            c.status = "completed";
            c.queue = null;
        }
    }

    public synchronized Optional<String> queueOf(String callSid) {
        return Optional.ofNullable(calls.get(callSid)).map(c -> c.queue);
    }

    /** The URLs the call was sent to by the REST API, oldest first. */
    public synchronized List<String> redirects(String callSid) {
        CallState c = calls.get(callSid);
        return c == null ? List.of() : List.copyOf(c.redirects);
    }

    /** The next {@code times} POSTs are answered with this HTTP status (429, 500, 503...). */
    public synchronized void failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
    }

    /** Every POST is answered with this HTTP status until {@link #recover()} (Twilio having a bad minute). */
    public synchronized void failAll(int status) {
        failAll = status;
    }

    public synchronized void recover() {
        failAll = null;
        failures.clear();
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    // --- webhooks Twilio sends -----------------------------------------------------------------

    /** POSTs a signed webhook to a public URL, as Twilio does; delivered to the local server. */
    public Reply webhook(String publicUrl, Map<String, String> params) {
        Reply r = send(publicUrl, params, signature(AUTH_TOKEN, publicUrl, params));
        synchronized (this) {
            webhooks.add(new Exchange(publicUrl, Map.copyOf(params), r));
        }
        return r;
    }

    /** The signed webhooks sent so far, oldest first. */
    public synchronized List<Exchange> webhooks() {
        return List.copyOf(webhooks);
    }

    /** The same, with a given signature header value (null: none). */
    public Reply send(String publicUrl, Map<String, String> params, String signature) {
        if (!publicUrl.startsWith(publicBase)) {
            throw new AssertionError("Twilio was given a URL outside the public base: " + publicUrl);
        }
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(localBase + publicUrl.substring(publicBase.length())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The parameters Twilio posts about the caller's call. */
    public static Map<String, String> callParams(String callSid, String callStatus) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", ACCOUNT_SID);
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", callSid);
        p.put("CallStatus", callStatus);
        p.put("Direction", "inbound");
        p.put("From", "+15145550199");
        p.put("To", "+15145550211");
        return p;
    }

    /** Fetches the URL the call was last redirected to by the REST API, as Twilio then does. */
    public Reply fetchRedirect(String callSid) {
        List<String> r = redirects(callSid);
        if (r.isEmpty()) {
            throw new AssertionError("call " + callSid + " was not redirected");
        }
        return webhook(r.get(r.size() - 1), callParams(callSid, "in-progress"));
    }

    /**
     * Runs a {@code <Dial>} TwiML document for the caller's call: rings the agent, runs the noun's
     * whisper URL on the agent's leg and its {@code <Gather>} as the agent behaves, then posts the
     * Dial action. Returns the caller's next TwiML (the action's reply). If that is an
     * {@code <Enqueue>}, the call is back in that queue; a caller who hangs up is marked so.
     */
    public Reply dial(String callSid, Reply connect, AgentDoes agent) {
        Element dial = only(connect.xml(), "Dial");
        Element noun = firstChild(dial);
        String action = dial.getAttribute("action");
        String childSid = sid("CA");
        String dialStatus;
        switch (agent) {
            case NO_ANSWER -> dialStatus = "no-answer";
            case BUSY -> dialStatus = "busy";
            default -> {
                Map<String, String> leg = callParams(childSid, "in-progress");
                leg.put("ParentCallSid", callSid);
                leg.put("Direction", "outbound-dial");
                Reply whisper = webhook(noun.getAttribute("url"), leg);
                NodeList gathers = whisper.xml().getElementsByTagName("Gather");
                if (gathers.getLength() > 0 && agent != AgentDoes.STAYS_SILENT) {
                    Map<String, String> keys = new LinkedHashMap<>(leg);
                    keys.put("Digits", agent == AgentDoes.ACCEPTS ? "1" : "2");
                    keys.put("FinishedOnKey", "");
                    webhook(((Element) gathers.item(0)).getAttribute("action"), keys);
                }
                dialStatus = "completed";
            }
        }
        Map<String, String> result = callParams(callSid, "in-progress");
        result.put("DialCallStatus", dialStatus);
        result.put("DialCallSid", childSid);
        result.put("DialCallDuration", dialStatus.equals("completed") ? "95" : "0");
        return after(callSid, webhook(action, result));
    }

    /** The caller hangs up while the agent's phone rings: Twilio ends the Dial and posts its action. */
    public Reply callerHangsUpDuringDial(String callSid, Reply connect) {
        Element dial = only(connect.xml(), "Dial");
        hangUp(callSid);
        Map<String, String> result = callParams(callSid, "completed");
        result.put("DialCallStatus", "no-answer");
        result.put("DialCallDuration", "0");
        return webhook(dial.getAttribute("action"), result);
    }

    /** Follows a {@code <Redirect>} in the caller's TwiML. */
    public Reply follow(String callSid, Reply twiml) {
        Element r = only(twiml.xml(), "Redirect");
        return webhook(r.getTextContent().strip(), callParams(callSid, "in-progress"));
    }

    private Reply after(String callSid, Reply reply) {
        if (reply.status() == 200) {
            NodeList enqueue = reply.xml().getElementsByTagName("Enqueue");
            if (enqueue.getLength() > 0) {
                callWaiting(callSid, enqueue.item(0).getTextContent().strip());
            }
            if (reply.xml().getElementsByTagName("Hangup").getLength() > 0) {
                hangUp(callSid);
            }
        }
        return reply;
    }

    // --- calls placed through the REST API, and conferences -----------------------------------

    /** From now on a call placed to {@code number} does this (default: {@link Called#ANSWERS}). */
    public synchronized void whenDialled(String number, Called what) {
        called.put(number, what);
    }

    /**
     * From now on a call placed to {@code number} with a {@code Url} (agent delivery calling an agent
     * into a conference), once answered, does this at the whisper's {@code <Gather>} (default
     * {@link AgentDoes#ACCEPTS}: presses 1).
     */
    public synchronized void whenAnswered(String number, AgentDoes what) {
        answers.put(number, what);
    }

    /** The calls placed through {@code POST Calls.json}, oldest first. */
    public synchronized List<Placed> placed() {
        return List.copyOf(placed);
    }

    /** The replies to the announce URLs Twilio fetched, oldest first. */
    public synchronized List<Reply> announcements() {
        return List.copyOf(announcements);
    }

    /** The CallSids in a conference now, by its friendly name (empty if it does not exist or ended). */
    public synchronized List<String> participants(String name) {
        ConferenceState c = conferences.get(name);
        return c == null || c.ended ? List.of() : List.copyOf(c.participants.keySet());
    }

    /** Whether the conference of that name ran and has ended. */
    public synchronized boolean conferenceEnded(String name) {
        ConferenceState c = conferences.get(name);
        return c != null && c.ended;
    }

    /** The status of a call (a placed leg or a caller seen in a conference). */
    public synchronized Optional<String> status(String callSid) {
        return Optional.ofNullable(calls.get(callSid)).map(c -> c.status);
    }

    /**
     * The caller's call runs TwiML with {@code <Dial><Conference>}: it joins (signed conference
     * callbacks follow) and, if it waits alone, Twilio fetches the wait URL; returns that reply (or
     * null when the conference had already started).
     */
    public Reply joinConference(String callSid, Reply twiml) {
        return joinConference(callSid, only(twiml.xml(), "Conference"));
    }

    /** The same, from the {@code <Conference>} element of the caller's TwiML. */
    public Reply joinConference(String callSid, Element conf) {
        synchronized (this) {
            calls.computeIfAbsent(callSid, s -> new CallState()).status = "in-progress";
        }
        join(callSid, conf);
        ConferenceState c = conference(conf.getTextContent().strip());
        boolean alone;
        synchronized (this) {
            alone = !c.started;
        }
        if (alone && !conf.getAttribute("waitUrl").isEmpty()) {
            return webhook(conf.getAttribute("waitUrl"), conferenceParams(c, null, "wait"));
        }
        return null;
    }

    /**
     * A participant hangs up (the caller, an interpreter, an agent): it leaves its conference. Posted
     * after the callbacks already due, in order, as Twilio does; returns once they are delivered.
     */
    public void hangsUp(String callSid) {
        callbacks.execute(() -> hangUpNow(callSid));
        settle();
    }

    private void hangUpNow(String callSid) {
        Placed p;
        synchronized (this) {
            CallState c = calls.get(callSid);
            if (c == null) {
                return;
            }
            c.status = "completed";
            p = c.placed;
        }
        leave(callSid);
        if (p != null) {
            legStatus(p, "completed");
        }
    }

    /** A placed call still ringing reaches its {@code Timeout}: it ends {@code no-answer}. */
    public void ringsOut(String callSid) {
        callbacks.execute(() -> {
            Placed p;
            synchronized (this) {
                CallState c = calls.get(callSid);
                p = c == null || !"ringing".equals(c.status) && !"queued".equals(c.status) ? null : c.placed;
            }
            if (p != null) {
                end(p, "no-answer");
            }
        });
        settle();
    }

    /** Waits until the callbacks posted so far have been delivered. */
    public void settle() {
        try {
            callbacks.submit(() -> { }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private synchronized ConferenceState conference(String name) {
        return conferences.get(name);
    }

    private void create(HttpExchange ex, String path, Map<String, String> form) throws IOException {
        if (!form.containsKey("To") || !form.containsKey("From") || !(form.containsKey("Url") || form.containsKey("Twiml"))) {
            error(ex, 400, 21205, "To, From and Url or Twiml are required");
            return;
        }
        Placed p;
        Called what;
        synchronized (this) {
            p = new Placed(sid("CA"), form.get("To"), form.get("From"), Map.copyOf(form));
            placed.add(p);
            CallState c = new CallState();
            c.status = "queued";
            c.placed = p;
            calls.put(p.sid(), c);
            what = called.getOrDefault(p.to(), Called.ANSWERS);
        }
        json(ex, 201, JSON.createObjectNode().put("sid", p.sid()).put("account_sid", ACCOUNT_SID)
                .put("to", p.to()).put("from", p.from()).put("status", "queued").put("direction", "outbound-api")
                .put("api_version", "2010-04-01").put("uri", path.replace(".json", "/" + p.sid() + ".json")));
        callbacks.execute(() -> play(p, what));
    }

    /** The called party's side, as Twilio reports it. */
    private void play(Placed p, Called what) {
        legStatus(p, "initiated");
        switch (what) {
            case BUSY -> end(p, "busy");
            case NO_ANSWER -> end(p, "no-answer");
            case FAILS -> end(p, "failed");
            case RINGS_ON -> legStatus(p, "ringing");
            case ANSWERS -> {
                legStatus(p, "ringing");
                pause(); // a phone rings a while: the create call's answer is long back when it is picked up
                synchronized (this) {
                    calls.get(p.sid()).status = "in-progress";
                }
                legStatus(p, "in-progress");
                String twiml = p.form().get("Twiml");
                if (twiml != null && twiml.contains("<Conference")) {
                    join(p.sid(), only(parse(twiml), "Conference"));
                } else if (twiml == null && p.form().get("Url") != null) {
                    runUrl(p);
                }
            }
        }
    }

    /**
     * A placed call answered with a {@code Url}: Twilio fetches it and runs its verbs in order (a
     * {@code <Gather>} is answered as {@link #whenAnswered} says, a {@code <Redirect>} is followed, a
     * {@code <Dial><Conference>} joins); the end of the document or {@code <Hangup>} ends the call.
     */
    private void runUrl(Placed p) {
        AgentDoes does;
        synchronized (this) {
            does = answers.getOrDefault(p.to(), AgentDoes.ACCEPTS);
        }
        Map<String, String> params = callParams(p.sid(), "in-progress");
        params.put("Direction", "outbound-api");
        params.put("From", p.from());
        params.put("To", p.to());
        Reply r = webhook(p.form().get("Url"), params);
        for (int step = 0; step < 10 && r.status() == 200; step++) {
            String next = null;
            Map<String, String> nextParams = params;
            NodeList verbs = r.xml().getDocumentElement().getChildNodes();
            for (int i = 0; i < verbs.getLength() && next == null; i++) {
                if (!(verbs.item(i) instanceof Element verb)) {
                    continue;
                }
                switch (verb.getTagName()) {
                    case "Gather" -> {
                        if (does == AgentDoes.ACCEPTS || does == AgentDoes.DECLINES) {
                            nextParams = new LinkedHashMap<>(params);
                            nextParams.put("Digits", does == AgentDoes.ACCEPTS ? "1" : "2");
                            nextParams.put("FinishedOnKey", "");
                            next = verb.getAttribute("action");
                        }
                    }
                    case "Redirect" -> next = verb.getTextContent().strip();
                    case "Dial" -> {
                        NodeList conf = verb.getElementsByTagName("Conference");
                        if (conf.getLength() > 0) {
                            join(p.sid(), (Element) conf.item(0));
                            return;
                        }
                    }
                    case "Hangup" -> {
                        end(p, "completed");
                        return;
                    }
                    default -> { }
                }
            }
            if (next == null) {
                break;
            }
            r = webhook(next, nextParams);
        }
        end(p, "completed");
    }

    private volatile long ringMillis = 50;

    /** How long a called phone rings before it is picked up (default 50 ms; 0 for load drivers). */
    public void ringFor(Duration ring) {
        ringMillis = ring.toMillis();
    }

    private void pause() {
        try {
            Thread.sleep(ringMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void end(Placed p, String status) {
        synchronized (this) {
            calls.get(p.sid()).status = status;
        }
        legStatus(p, status);
    }

    /** A status callback of a placed call, if it asked for that event. */
    private void legStatus(Placed p, String status) {
        String url = p.form().get("StatusCallback");
        if (url == null) {
            return;
        }
        String event = switch (status) {
            case "in-progress" -> "answered";
            case "busy", "no-answer", "failed", "canceled" -> "completed";
            default -> status;
        };
        String asked = p.form().getOrDefault("StatusCallbackEvent", "completed");
        if (!List.of(asked.split(" ")).contains(event) && !event.equals("completed")) {
            return;
        }
        Map<String, String> params = callParams(p.sid(), status);
        params.put("Direction", "outbound-api");
        params.put("From", p.from());
        params.put("To", p.to());
        params.put("CallbackSource", "call-progress-events");
        webhook(url, params);
    }

    private void join(String callSid, Element conf) {
        String name = conf.getTextContent().strip();
        boolean starts = !"false".equals(conf.getAttribute("startConferenceOnEnter"));
        boolean ends = "true".equals(conf.getAttribute("endConferenceOnExit"));
        ConferenceState c;
        boolean startNow;
        synchronized (this) {
            c = conferences.computeIfAbsent(name, n -> new ConferenceState(sid("CF"), n, conf.getAttribute("statusCallback")));
            if (c.ended) {
                return;
            }
            c.participants.put(callSid, ends);
            calls.computeIfAbsent(callSid, s -> new CallState()).conference = name;
            startNow = starts && !c.started;
            c.started |= startNow;
        }
        conferenceEvent(c, callSid, "participant-join");
        if (startNow) {
            conferenceEvent(c, null, "conference-start");
        }
    }

    private void leave(String callSid) {
        ConferenceState c;
        boolean endsIt;
        synchronized (this) {
            CallState call = calls.get(callSid);
            c = call == null || call.conference == null ? null : conferences.get(call.conference);
            if (c == null || c.ended || !c.participants.containsKey(callSid)) {
                return;
            }
            endsIt = c.participants.remove(callSid);
        }
        conferenceEvent(c, callSid, "participant-leave");
        if (endsIt) {
            endConference(c);
        }
    }

    /** Ends a conference: everyone left in it leaves, then conference-end. */
    private void endConference(ConferenceState c) {
        List<String> left;
        synchronized (this) {
            if (c.ended) {
                return;
            }
            c.ended = true;
            left = List.copyOf(c.participants.keySet());
            c.participants.clear();
        }
        for (String sid : left) {
            conferenceEvent(c, sid, "participant-leave");
        }
        conferenceEvent(c, null, "conference-end");
        for (String sid : left) {
            // A placed leg whose conference ended has nothing left to do: Twilio hangs it up.
            Placed p;
            synchronized (this) {
                CallState call = calls.get(sid);
                p = call == null ? null : call.placed;
                if (call != null && p != null) {
                    call.status = "completed";
                }
            }
            if (p != null) {
                legStatus(p, "completed");
            }
        }
    }

    private void conferenceEvent(ConferenceState c, String callSid, String event) {
        if (c.statusCallback == null || c.statusCallback.isEmpty()) {
            return;
        }
        webhook(c.statusCallback, conferenceParams(c, callSid, event));
    }

    private synchronized Map<String, String> conferenceParams(ConferenceState c, String callSid, String event) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", ACCOUNT_SID);
        p.put("ConferenceSid", c.sid);
        p.put("FriendlyName", c.name);
        p.put("StatusCallbackEvent", event);
        p.put("SequenceNumber", String.valueOf(++c.sequence));
        p.put("Timestamp", ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822));
        if (callSid != null) {
            p.put("CallSid", callSid);
            p.put("Muted", "false");
            p.put("Hold", "false");
            p.put("Coaching", "false");
        }
        return p;
    }

    private void hangUpByRest(HttpExchange ex, String path, String callSid, Map<String, String> form) throws IOException {
        String status = form.get("Status");
        CallState c;
        String was;
        synchronized (this) {
            c = calls.get(callSid);
            was = c == null ? null : c.status;
        }
        if (c == null) {
            error(ex, 404, 20404, "The requested resource " + path + " was not found");
            return;
        }
        if (!status.equals("completed") && !status.equals("canceled")) {
            error(ex, 400, 21218, "Invalid Status " + status);
            return;
        }
        boolean live = was.equals("queued") || was.equals("ringing") || was.equals("initiated") || was.equals("in-progress");
        String now = live ? (was.equals("in-progress") ? "completed" : "canceled") : was;
        synchronized (this) {
            c.status = now;
        }
        json(ex, 200, JSON.createObjectNode().put("sid", callSid).put("account_sid", ACCOUNT_SID).put("status", now)
                .put("api_version", "2010-04-01").put("uri", path));
        if (live) {
            callbacks.execute(() -> {
                leave(callSid);
                if (c.placed != null) {
                    legStatus(c.placed, now);
                }
            });
        }
    }

    private void endByRest(HttpExchange ex, String path, String conferenceSid, Map<String, String> form) throws IOException {
        ConferenceState c;
        synchronized (this) {
            c = conferences.values().stream().filter(x -> x.sid.equals(conferenceSid)).findFirst().orElse(null);
        }
        if (c == null) {
            error(ex, 404, 20404, "The requested resource " + path + " was not found");
            return;
        }
        if ("completed".equals(form.get("Status"))) {
            callbacks.execute(() -> endConference(c));
        }
        json(ex, 200, JSON.createObjectNode().put("sid", c.sid).put("account_sid", ACCOUNT_SID)
                .put("friendly_name", c.name).put("status", "completed").put("uri", path));
    }

    private void participant(HttpExchange ex, String path, String conferenceSid, String callSid, Map<String, String> form)
            throws IOException {
        ConferenceState c;
        synchronized (this) {
            c = conferences.values().stream().filter(x -> x.sid.equals(conferenceSid) && !x.ended
                    && x.participants.containsKey(callSid)).findFirst().orElse(null);
        }
        if (c == null) {
            error(ex, 404, 20404, "The requested resource " + path + " was not found");
            return;
        }
        String announce = form.get("AnnounceUrl");
        json(ex, 200, JSON.createObjectNode().put("account_sid", ACCOUNT_SID).put("call_sid", callSid)
                .put("conference_sid", conferenceSid).put("status", "connected").put("uri", path));
        if (announce != null) {
            callbacks.execute(() -> {
                Reply r = webhook(announce, conferenceParams(c, callSid, "announcement-fetch"));
                synchronized (this) {
                    announcements.add(r);
                }
            });
        }
    }

    // --- the REST API ----------------------------------------------------------------------------

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> form = parseForm(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            synchronized (this) {
                requests.add(new Recorded(ex.getRequestMethod(), path, form));
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                error(ex, 401, 20003, "Authenticate");
                return;
            }
            Integer fail;
            synchronized (this) {
                fail = !ex.getRequestMethod().equals("POST") ? null : failAll != null ? failAll : failures.poll();
            }
            if (fail != null) {
                error(ex, fail, fail == 429 ? 20429 : 20500, fail == 429 ? "Too Many Requests" : "Internal Server Error");
                return;
            }
            Matcher m;
            if ((m = QUEUES.matcher(path)).matches() && ex.getRequestMethod().equals("GET") && account(ex, m)) {
                listQueues(ex, path);
            } else if ((m = MEMBER.matcher(path)).matches() && ex.getRequestMethod().equals("POST") && account(ex, m)) {
                dequeue(ex, path, m.group(2), m.group(3), form);
            } else if ((m = CALLS.matcher(path)).matches() && ex.getRequestMethod().equals("POST") && account(ex, m)) {
                create(ex, path, form);
            } else if ((m = CALL.matcher(path)).matches() && ex.getRequestMethod().equals("POST") && account(ex, m)
                    && form.containsKey("Status")) {
                hangUpByRest(ex, path, m.group(2), form);
            } else if ((m = CALL.matcher(path)).matches() && ex.getRequestMethod().equals("POST") && account(ex, m)) {
                redirect(ex, path, m.group(2), form);
            } else if ((m = PARTICIPANT.matcher(path)).matches() && ex.getRequestMethod().equals("POST") && account(ex, m)) {
                participant(ex, path, m.group(2), m.group(3), form);
            } else if ((m = CONFERENCE.matcher(path)).matches() && ex.getRequestMethod().equals("POST") && account(ex, m)) {
                endByRest(ex, path, m.group(2), form);
            } else {
                error(ex, 404, 20404, "The requested resource " + path + " was not found");
            }
        }
    }

    private boolean account(HttpExchange ex, Matcher m) throws IOException {
        if (m.group(1).equals(ACCOUNT_SID)) {
            return true;
        }
        error(ex, 404, 20404, "The requested resource " + ex.getRequestURI().getPath() + " was not found");
        return false;
    }

    private synchronized void listQueues(HttpExchange ex, String path) throws IOException {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode list = page.putArray("queues");
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822);
        queues.forEach((name, sid) -> list.addObject()
                .put("account_sid", ACCOUNT_SID).put("average_wait_time", 0)
                .put("current_size", calls.values().stream().filter(c -> name.equals(c.queue)).count())
                .put("date_created", now).put("date_updated", now).put("friendly_name", name)
                .put("max_size", 100).put("sid", sid)
                .put("uri", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Queues/" + sid + ".json"));
        String uri = path + "?PageSize=50&Page=0";
        page.put("uri", uri).put("first_page_uri", uri).putNull("next_page_uri").putNull("previous_page_uri")
                .put("page", 0).put("page_size", 50).put("start", 0).put("end", Math.max(0, queues.size() - 1));
        json(ex, 200, page);
    }

    private synchronized void dequeue(HttpExchange ex, String path, String queueSid, String callSid, Map<String, String> form)
            throws IOException {
        CallState c = calls.get(callSid);
        String queueName = queues.entrySet().stream().filter(e -> e.getValue().equals(queueSid)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (!form.containsKey("Url")) {
            error(ex, 400, 21205, "Url parameter is required");
        } else if (queueName == null || c == null || !queueName.equals(c.queue) || !c.status.equals("in-progress")) {
            error(ex, 404, 20404, "The requested resource " + path + " was not found");
        } else {
            c.queue = null;
            c.redirects.add(form.get("Url"));
            json(ex, 200, JSON.createObjectNode().put("call_sid", callSid).put("queue_sid", queueSid)
                    .put("date_enqueued", ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822))
                    .put("position", 1).put("wait_time", 30).put("uri", path));
        }
    }

    private synchronized void redirect(HttpExchange ex, String path, String callSid, Map<String, String> form) throws IOException {
        CallState c = calls.get(callSid);
        if (c == null) {
            error(ex, 404, 20404, "The requested resource " + path + " was not found");
        } else if (!c.status.equals("in-progress")) {
            error(ex, 400, 21220, "Call is not in-progress. Cannot redirect.");
        } else {
            c.queue = null;
            c.redirects.add(form.get("Url"));
            json(ex, 200, JSON.createObjectNode().put("sid", callSid).put("account_sid", ACCOUNT_SID)
                    .put("status", "in-progress").put("direction", "inbound").put("api_version", "2010-04-01")
                    .put("uri", path));
        }
    }

    private static void error(HttpExchange ex, int status, int code, String message) throws IOException {
        json(ex, status, JSON.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status));
    }

    private static void json(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Twilio's signature: HMAC-SHA1 with the auth token over the URL then each POST key and value, sorted by key; base64. */
    public static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized String sid(String prefix) {
        return prefix + HexFormat.of().withLowerCase().toHexDigits(sids.incrementAndGet()) + "0123456789abcdef0123456789abcdef".substring(8);
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not valid TwiML: " + xml, e);
        }
    }

    private static Element only(Document d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        if (l.getLength() != 1) {
            throw new AssertionError("expected one <" + tag + ">, found " + l.getLength());
        }
        return (Element) l.item(0);
    }

    private static Element firstChild(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                return c;
            }
        }
        throw new AssertionError("<" + e.getTagName() + "> has no noun");
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            // A list parameter (StatusCallbackEvent) is sent repeated: keep every value, space-separated.
            out.merge(k, v, (a, b) -> a + " " + b);
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
        server.stop(0);
    }

    /** The SDK's HTTP client, with the API host replaced by this server's address. */
    private static final class Loopback extends HttpClient {
        private final String base;
        private final NetworkHttpClient network = new NetworkHttpClient();

        Loopback(String base) {
            this.base = base;
        }

        @Override
        public Response makeRequest(Request request) {
            Request local = new Request(request.getMethod(), request.getUrl().replaceFirst("^https://[^/]+", base));
            request.getQueryParams().forEach((k, vs) -> vs.forEach(v -> local.addQueryParam(k, v)));
            request.getPostParams().forEach((k, vs) -> vs.forEach(v -> local.addPostParam(k, v)));
            request.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> local.addHeaderParam(k, v)));
            if (request.getAuthStrategy() != null) {
                local.setAuth(request.getAuthStrategy());
            } else if (request.getUsername() != null) {
                local.setAuth(request.getUsername(), request.getPassword());
            }
            if (request.getContentType() != null) {
                local.setContentType(request.getContentType());
            }
            return network.makeRequest(local);
        }
    }
}
