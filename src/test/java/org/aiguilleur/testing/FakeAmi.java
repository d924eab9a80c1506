package org.aiguilleur.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Asterisk Manager Interface (AMI) on a loopback TCP port, for tests: one per test, reused by
 * every feature that talks AMI (live staffing, interpreter bridges). It speaks the wire protocol of
 * Asterisk 12+ as Asterisk-Java's {@code ManagerConnection} uses it:
 *
 * <ul>
 *   <li>the banner {@code Asterisk Call Manager/<version>}; {@code Challenge} (MD5) and {@code Login}
 *       with {@code Key} or {@code Secret}; a refused login answers {@code Authentication failed} and
 *       closes the connection, as Asterisk does; actions before a login get {@code Authentication Required};</li>
 *   <li>{@code ActionID} echoed on every response and list event; {@code Events} masks honoured;</li>
 *   <li>{@code CoreSettings}, {@code Command} ({@code core show version}), {@code Ping}, {@code Events},
 *       {@code Logoff};</li>
 *   <li>{@code QueueStatus}: {@code EventList: start}, {@code QueueParams} and {@code QueueMember} per
 *       queue, {@code QueueStatusComplete} with {@code ListItems}; queue changes made through this
 *       class send {@code QueueMemberAdded}, {@code QueueMemberRemoved}, {@code QueueMemberPause} and
 *       {@code QueueMemberStatus};</li>
 *   <li>{@code Originate} (async: {@code Originate successfully queued} then an {@code OriginateResponse}
 *       event; sync: success or {@code Originate failed}), with per-channel failures;
 *       {@code Hangup} of an originated channel (a {@code Hangup} event) or {@code No such channel};</li>
 *   <li>ConfBridge events on demand ({@code ConfbridgeJoin}, {@code ConfbridgeLeave}, {@code ConfbridgeEnd});</li>
 *   <li>dropping every connection (Asterisk restarting), refusing new ones for a while, and
 *       connections that go silent (a half-open TCP connection).</li>
 * </ul>
 * Queue member device states are Asterisk's numbers: 1 not in use, 2 in use, 5 unavailable, 4 invalid.
 */
public final class FakeAmi implements AutoCloseable {
    /** AST_DEVICE_NOT_INUSE. */
    public static final int NOT_IN_USE = 1;
    /** AST_DEVICE_INUSE. */
    public static final int IN_USE = 2;
    /** AST_DEVICE_INVALID. */
    public static final int INVALID = 4;
    /** AST_DEVICE_UNAVAILABLE. */
    public static final int UNAVAILABLE = 5;
    /** OriginateResponse reasons (Asterisk's AST_CONTROL values). */
    public static final int ANSWERED = 4;
    public static final int NO_ANSWER = 3;
    public static final int BUSY = 5;
    public static final int CONGESTION = 8;
    public static final int FAILED = 0;

    final String username;
    final String secret;
    final String version;
    private final ServerSocket server;
    private final List<FakeAmiSession> sessions = new CopyOnWriteArrayList<>();
    private final List<AmiPacket> actions = new ArrayList<>();
    private final Map<String, Map<String, Member>> queues = new LinkedHashMap<>();
    private final Map<String, Integer> originateFailures = new LinkedHashMap<>();
    private final Map<String, String> channels = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1);
    private volatile boolean refusing;
    private volatile boolean closed;

    /** A queue member as app_queue keeps it. */
    record Member(String queue, String iface, String name, boolean paused, String reason, int status, long loginTime) {
        Member pause(boolean p, String why) {
            return new Member(queue, iface, name, p, p ? why : "", status, loginTime);
        }

        Member status(int s) {
            return new Member(queue, iface, name, paused, reason, s, loginTime);
        }
    }

    private FakeAmi(String username, String secret, String version) throws IOException {
        this.username = username;
        this.secret = secret;
        this.version = version;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "fake-ami-accept");
        t.setDaemon(true);
        t.start();
    }

    /** Starts a fake Asterisk 22 that accepts {@code username} with {@code secret}. */
    public static FakeAmi start(String username, String secret) {
        try {
            return new FakeAmi(username, secret, "22.5.2");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    // --- queues -------------------------------------------------------------------------------

    /** Declares queues that exist in queues.conf, with no member yet. */
    public synchronized FakeAmi queues(String... names) {
        for (String n : names) {
            queues.computeIfAbsent(n, k -> new LinkedHashMap<>());
        }
        return this;
    }

    /** An agent logs in (AddQueueMember): sends QueueMemberAdded. */
    public synchronized FakeAmi addMember(String queue, String iface) {
        Member m = new Member(queue, iface, iface, false, "", NOT_IN_USE, System.currentTimeMillis() / 1000);
        queues.computeIfAbsent(queue, k -> new LinkedHashMap<>()).put(iface, m);
        broadcast(memberEvent("QueueMemberAdded", m), "agent");
        return this;
    }

    /** An agent logs out (RemoveQueueMember): sends QueueMemberRemoved. */
    public synchronized FakeAmi removeMember(String queue, String iface) {
        Member m = member(queue, iface);
        queues.get(queue).remove(iface);
        broadcast(memberEvent("QueueMemberRemoved", m), "agent");
        return this;
    }

    /** An agent takes a break or comes back (PauseQueueMember): sends QueueMemberPause. */
    public synchronized FakeAmi pause(String queue, String iface, boolean paused) {
        Member m = member(queue, iface).pause(paused, paused ? "break" : "");
        queues.get(queue).put(iface, m);
        broadcast(memberEvent("QueueMemberPause", m), "agent");
        return this;
    }

    /** The agent's device changes state (phone unregistered: {@link #UNAVAILABLE}): sends QueueMemberStatus. */
    public synchronized FakeAmi deviceState(String queue, String iface, int status) {
        Member m = member(queue, iface).status(status);
        queues.get(queue).put(iface, m);
        broadcast(memberEvent("QueueMemberStatus", m), "agent");
        return this;
    }

    private Member member(String queue, String iface) {
        Member m = queues.getOrDefault(queue, Map.of()).get(iface);
        if (m == null) {
            throw new IllegalArgumentException(iface + " is not a member of " + queue);
        }
        return m;
    }

    /** The QueueStatus answer, written as one block so that no event falls inside it. */
    synchronized void queueStatus(FakeAmiSession s, AmiPacket action) {
        String id = action.get("ActionID");
        String only = action.get("Queue");
        s.send(withId(AmiPacket.of("Response", "Success"), id).with("EventList", "start")
                .with("Message", "Queue status will follow"));
        int items = 0;
        for (Map.Entry<String, Map<String, Member>> q : queues.entrySet()) {
            if (!only.isEmpty() && !only.equalsIgnoreCase(q.getKey())) {
                continue;
            }
            s.send(withId(AmiPacket.of("Event", "QueueParams", "Queue", q.getKey(), "Max", "0", "Strategy", "rrmemory",
                    "Calls", "0", "Holdtime", "0", "TalkTime", "0", "Completed", "0", "Abandoned", "0",
                    "ServiceLevel", "0", "ServicelevelPerf", "0.0", "ServicelevelPerf2", "0.0", "Weight", "0"), id));
            items++;
            for (Member m : q.getValue().values()) {
                s.send(withId(AmiPacket.of("Event", "QueueMember", "Queue", m.queue(), "Name", m.name(),
                        "Location", m.iface(), "StateInterface", m.iface(), "Membership", "dynamic", "Penalty", "0",
                        "CallsTaken", "0", "LastCall", "0", "LastPause", "0", "LoginTime", String.valueOf(m.loginTime()),
                        "InCall", "0", "Status", String.valueOf(m.status()), "Paused", m.paused() ? "1" : "0",
                        "PausedReason", m.reason(), "Wrapuptime", "0"), id));
                items++;
            }
        }
        s.send(AmiPacket.of("Event", "QueueStatusComplete").with("ActionID", id).with("EventList", "Complete")
                .with("ListItems", String.valueOf(items)));
    }

    private static AmiPacket memberEvent(String name, Member m) {
        return AmiPacket.of("Event", name, "Privilege", "agent,all", "Queue", m.queue(), "MemberName", m.name(),
                "Interface", m.iface(), "StateInterface", m.iface(), "Membership", "dynamic", "Penalty", "0",
                "CallsTaken", "0", "LastCall", "0", "LastPause", "0", "LoginTime", String.valueOf(m.loginTime()),
                "InCall", "0", "Status", String.valueOf(m.status()), "Paused", m.paused() ? "1" : "0",
                "PausedReason", m.reason(), "Ringinuse", "0", "Wrapuptime", "0");
    }

    static AmiPacket withId(AmiPacket p, String id) {
        return id.isEmpty() ? p : p.with("ActionID", id);
    }

    // --- calls and conferences ----------------------------------------------------------------------

    /** Originates to {@code channel} fail with {@code reason} ({@link #BUSY}, {@link #NO_ANSWER}, …). */
    public synchronized FakeAmi failOriginate(String channel, int reason) {
        originateFailures.put(channel, reason);
        return this;
    }

    /** The channels originated and not hung up: name → unique id. */
    public synchronized Map<String, String> channels() {
        return Map.copyOf(channels);
    }

    synchronized void originate(FakeAmiSession s, AmiPacket a) {
        String id = a.get("ActionID");
        String dial = a.get("Channel");
        if (dial.isEmpty() || (a.get("Exten").isEmpty() && a.get("Application").isEmpty())) {
            s.send(withId(AmiPacket.of("Response", "Error"), id).with("Message",
                    dial.isEmpty() ? "Channel not specified" : "Exten not specified"));
            return;
        }
        int reason = originateFailures.getOrDefault(dial, ANSWERED);
        boolean async = a.get("Async").equalsIgnoreCase("true") || a.get("Async").equalsIgnoreCase("yes");
        String uniqueId = reason == ANSWERED ? "1764547200." + ids.getAndIncrement() : "<null>";
        String name = dial + "-" + String.format("%08x", ids.get());
        if (reason == ANSWERED) {
            channels.put(name, uniqueId);
        }
        if (!async) {
            s.send(withId(AmiPacket.of("Response", reason == ANSWERED ? "Success" : "Error"), id)
                    .with("Message", reason == ANSWERED ? "Originate successfully queued" : "Originate failed"));
            return;
        }
        s.send(withId(AmiPacket.of("Response", "Success"), id).with("Message", "Originate successfully queued"));
        AmiPacket event = withId(AmiPacket.of("Event", "OriginateResponse", "Privilege", "call,all"), id)
                .with("Response", reason == ANSWERED ? "Success" : "Failure")
                .with("Channel", reason == ANSWERED ? name : dial)
                .with("Context", a.get("Context")).with("Exten", a.get("Exten"))
                .with("Application", a.get("Application")).with("Data", a.get("Data"))
                .with("Reason", String.valueOf(reason)).with("Uniqueid", uniqueId)
                .with("CallerIDNum", "<unknown>").with("CallerIDName", "<unknown>");
        // Asterisk broadcasts it like any call event; Asterisk-Java matches it by ActionID.
        broadcast(event, "call");
    }

    synchronized void hangup(FakeAmiSession s, AmiPacket a) {
        String id = a.get("ActionID");
        String name = a.get("Channel");
        String uniqueId = channels.remove(name);
        if (uniqueId == null) {
            s.send(withId(AmiPacket.of("Response", "Error"), id).with("Message", "No such channel"));
            return;
        }
        s.send(withId(AmiPacket.of("Response", "Success"), id).with("Message", "Channel Hungup"));
        broadcast(AmiPacket.of("Event", "Hangup", "Privilege", "call,all", "Channel", name, "Uniqueid", uniqueId,
                "Linkedid", uniqueId, "Cause", a.get("Cause").isEmpty() ? "16" : a.get("Cause"),
                "Cause-txt", "Normal Clearing"), "call");
    }

    /** A channel joins a ConfBridge conference: sends ConfbridgeJoin. */
    public FakeAmi confbridgeJoin(String conference, String channel, String uniqueId) {
        broadcast(conferenceEvent("ConfbridgeJoin", conference).with("Channel", channel).with("Uniqueid", uniqueId)
                .with("Linkedid", uniqueId).with("Admin", "No").with("Muted", "No"), "call");
        return this;
    }

    /** A channel leaves a conference: sends ConfbridgeLeave. */
    public FakeAmi confbridgeLeave(String conference, String channel, String uniqueId) {
        broadcast(conferenceEvent("ConfbridgeLeave", conference).with("Channel", channel).with("Uniqueid", uniqueId)
                .with("Linkedid", uniqueId).with("Admin", "No"), "call");
        return this;
    }

    /** The last channel left: sends ConfbridgeEnd. */
    public FakeAmi confbridgeEnd(String conference) {
        broadcast(conferenceEvent("ConfbridgeEnd", conference), "call");
        return this;
    }

    private static AmiPacket conferenceEvent(String name, String conference) {
        return AmiPacket.of("Event", name, "Privilege", "call,all", "Conference", conference,
                "BridgeUniqueid", "bridge-" + conference, "BridgeType", "base", "BridgeTechnology", "softmix",
                "BridgeCreator", "ConfBridge", "BridgeName", conference);
    }

    /** Sends any event to every logged-in session whose event mask takes {@code privilege}. */
    public void broadcast(AmiPacket event, String privilege) {
        for (FakeAmiSession s : sessions) {
            s.sendEvent(event, privilege);
        }
    }

    // --- connections --------------------------------------------------------------------------------

    /** Closes every connection, as when Asterisk restarts or the network drops. */
    public void dropConnections() {
        for (FakeAmiSession s : sessions) {
            s.close();
        }
    }

    /** The connections open now stay open but say nothing more, like a peer gone without a FIN. */
    public void muteConnections() {
        for (FakeAmiSession s : sessions) {
            s.mute();
        }
    }

    /** While refusing, new connections are closed before the banner (Asterisk still starting). */
    public void refuseConnections(boolean refuse) {
        this.refusing = refuse;
    }

    /** Sessions connected now (logged in or not). */
    public int connections() {
        return sessions.size();
    }

    /** Every action received, in order (Login secrets included: the fake is for tests). */
    public synchronized List<AmiPacket> actions() {
        return List.copyOf(actions);
    }

    /** Waits until an action named {@code name} has been received {@code count} times. */
    public List<AmiPacket> awaitActions(String name, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<AmiPacket> found = actions().stream().filter(a -> a.get("Action").equalsIgnoreCase(name)).toList();
            if (found.size() >= count || System.nanoTime() > end) {
                return found;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    synchronized void received(AmiPacket action) {
        actions.add(action);
    }

    void ended(FakeAmiSession s) {
        sessions.remove(s);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                if (refusing) {
                    socket.close();
                    continue;
                }
                // Asterisk's manager sessions disable Nagle's algorithm (manager.c sets TCP_NODELAY), so
                // an event written right after another is not held back waiting for an ACK.
                socket.setTcpNoDelay(true);
                FakeAmiSession s = new FakeAmiSession(this, socket);
                sessions.add(s);
                s.start();
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropConnections();
    }
}
