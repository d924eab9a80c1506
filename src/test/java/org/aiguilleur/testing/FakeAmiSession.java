package org.aiguilleur.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** One AMI connection of {@link FakeAmi}: the banner, the login and the actions, as Asterisk answers them. */
final class FakeAmiSession {
    private static final Set<String> BEFORE_LOGIN = Set.of("login", "challenge", "logoff", "ping");

    private final FakeAmi ami;
    private final Socket socket;
    private volatile boolean loggedIn;
    private volatile boolean muted;
    private volatile String eventMask = "on";
    private String challenge = "";

    FakeAmiSession(FakeAmi ami, Socket socket) {
        this.ami = ami;
        this.socket = socket;
    }

    void start() {
        Thread t = new Thread(this::run, "fake-ami-session");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            write("Asterisk Call Manager/" + amiVersion() + "\r\n");
            for (Optional<AmiPacket> p = AmiPacket.read(in); p.isPresent(); p = AmiPacket.read(in)) {
                ami.received(p.get());
                if (!muted && !handle(p.get())) {
                    return;
                }
            }
        } catch (IOException e) {
            // the peer or the test closed the connection
        } finally {
            ami.ended(this);
        }
    }

    /** The AMI protocol version in the banner; Asterisk-Java reads only the banner's prefix. */
    private static String amiVersion() {
        return "9.0.0";
    }

    /** Answers one action; false ends the session. */
    private boolean handle(AmiPacket a) {
        String action = a.get("Action").toLowerCase(Locale.ROOT);
        String id = a.get("ActionID");
        if (!loggedIn && !BEFORE_LOGIN.contains(action)) {
            send(FakeAmi.withId(AmiPacket.of("Response", "Error"), id).with("Message", "Authentication Required"));
            return true;
        }
        switch (action) {
            case "challenge" -> {
                if (!a.get("AuthType").equalsIgnoreCase("md5")) {
                    send(error(id, "Must specify AuthType"));
                } else {
                    challenge = String.valueOf(100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
                    send(FakeAmi.withId(AmiPacket.of("Response", "Success"), id).with("Challenge", challenge));
                }
            }
            case "login" -> {
                if (!authenticated(a)) {
                    // Asterisk answers, then ends the session.
                    send(error(id, "Authentication failed"));
                    return false;
                }
                String events = a.get("Events");
                eventMask = events.isEmpty() ? "on" : events.toLowerCase(Locale.ROOT);
                loggedIn = true;
                send(FakeAmi.withId(AmiPacket.of("Response", "Success"), id).with("Message", "Authentication accepted"));
                sendEvent(AmiPacket.of("Event", "FullyBooted", "Privilege", "system,all", "Uptime", "3600",
                        "LastReload", "3600", "Status", "Fully Booted"), "system");
            }
            case "logoff" -> {
                send(FakeAmi.withId(AmiPacket.of("Response", "Goodbye"), id).with("Message", "Thanks for all the fish."));
                return false;
            }
            case "ping" -> send(FakeAmi.withId(AmiPacket.of("Response", "Success"), id).with("Ping", "Pong")
                    .with("Timestamp", (System.currentTimeMillis() / 1000) + ".000000"));
            case "events" -> {
                eventMask = a.get("EventMask").toLowerCase(Locale.ROOT);
                send(FakeAmi.withId(AmiPacket.of("Response", "Success"), id)
                        .with("Events", eventMask.equals("off") ? "Off" : "On"));
            }
            case "coresettings" -> send(FakeAmi.withId(AmiPacket.of("Response", "Success"), id)
                    .with("AMIversion", amiVersion()).with("AsteriskVersion", ami.version).with("SystemName", "")
                    .with("CoreMaxCalls", "0").with("CoreMaxLoadAvg", "0.000000").with("CoreRunUser", "asterisk")
                    .with("CoreRunGroup", "asterisk").with("CoreMaxFilehandles", "0").with("CoreRealTimeEnabled", "No")
                    .with("CoreCDRenabled", "Yes").with("CoreHTTPenabled", "No"));
            case "command" -> {
                if (a.get("Command").equals("core show version")) {
                    send(FakeAmi.withId(AmiPacket.of("Response", "Success"), id).with("Message", "Command output follows")
                            .with("Output", "Asterisk " + ami.version + " built by fake @ localhost"));
                } else {
                    send(error(id, "Command output follows").with("Output", "No such command '" + a.get("Command") + "'"));
                }
            }
            case "queuestatus" -> ami.queueStatus(this, a);
            case "originate" -> ami.originate(this, a);
            case "hangup" -> ami.hangup(this, a);
            default -> send(error(id, "Invalid/unknown command"));
        }
        return true;
    }

    private static AmiPacket error(String id, String message) {
        return FakeAmi.withId(AmiPacket.of("Response", "Error"), id).with("Message", message);
    }

    /** Plain {@code Secret}, or the MD5 {@code Key} of the challenge followed by the secret. */
    private boolean authenticated(AmiPacket a) {
        if (!a.get("Username").equals(ami.username)) {
            return false;
        }
        if (a.get("AuthType").equalsIgnoreCase("md5")) {
            return !challenge.isEmpty() && a.get("Key").equals(md5(challenge + ami.secret));
        }
        return a.get("Secret").equals(ami.secret);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event, if this session is logged in and its mask takes the event's class. */
    void sendEvent(AmiPacket event, String privilege) {
        if (loggedIn && (eventMask.equals("on") || eventMask.equals("yes")
                || Set.of(eventMask.split(",")).contains(privilege))) {
            send(event);
        }
    }

    void send(AmiPacket p) {
        if (!muted) {
            write(p.wire());
        }
    }

    /** From now on this connection stays open but silent: a half-open TCP connection. */
    void mute() {
        muted = true;
    }

    private synchronized void write(String text) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            close();
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
