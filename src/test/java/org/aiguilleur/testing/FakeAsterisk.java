package org.aiguilleur.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.aiguilleur.testing.FakeCaller.HangUp;
import org.aiguilleur.testing.FakeCaller.HangUpIdle;
import org.aiguilleur.testing.FakeCaller.Keys;
import org.aiguilleur.testing.FakeCaller.Silence;
import org.aiguilleur.testing.FakeCaller.Speak;

/**
 * A fake Asterisk 22 for one FastAGI call at a time, following the wire transcripts in
 * {@code src/test/resources/agi-transcripts/} line for line: it connects to the server, sends the
 * environment ({@code agi_network: yes} first, a blank line last), and answers each command as
 * Asterisk does for a {@link FakeCaller}: key codes and {@code endpos}; {@code 200 result= (timeout)};
 * {@code 200 result=-1} then a bare {@code HANGUP} when the caller hangs up, {@code 511} on a dead
 * channel afterwards; {@code 200 result=-1 endpos=0} for a missing sound file on a live channel;
 * {@code 510} and the multi-line {@code 520}; a command sent while another runs cuts it short with
 * no reply. When the server closes, it sends {@code HANGUP} and closes too.
 */
public final class FakeAsterisk {
    private static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    private static final AtomicLong IDS = new AtomicLong(1);

    private final InetSocketAddress server;
    private Predicate<String> soundExists = path -> true;
    private Duration pace = Duration.ZERO;
    private Duration readTimeout = Duration.ofSeconds(20);
    private final Map<String, String> rejected = new LinkedHashMap<>();

    public FakeAsterisk(int port) {
        this.server = new InetSocketAddress("127.0.0.1", port);
    }

    /** Which sound files exist (the path as sent, without extension). All do by default. */
    public FakeAsterisk soundExists(Predicate<String> exists) {
        this.soundExists = exists;
        return this;
    }

    /** How long each command that plays or listens takes before its reply (zero by default). */
    public FakeAsterisk pace(Duration pace) {
        this.pace = pace;
        return this;
    }

    /** Answers {@code verb} ({@code STREAM FILE}) with an error: {@code 510} or, if {@code syntax}, the {@code 520} usage. */
    public FakeAsterisk reject(String verb, boolean syntax) {
        rejected.put(verb, syntax ? "520" : "510");
        return this;
    }

    public FakeAsterisk readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /** The environment Asterisk sends, in its fixed order (taken from a real capture). */
    public static final class Env {
        private final Map<String, String> vars = new LinkedHashMap<>();

        /** Transcript 01's environment, read once (load drivers place thousands of calls). */
        private static final List<String> STANDARD = AgiTranscript.load("01-normal-call").environment();

        /** Transcript 01's environment with a fresh uniqueid and channel. */
        public static Env standard() {
            Env e = new Env();
            for (String line : STANDARD) {
                int colon = line.indexOf(": ");
                e.vars.put(line.substring(0, colon), line.substring(colon + 2));
            }
            long id = IDS.getAndIncrement();
            e.vars.put("agi_uniqueid", "1800000000." + id); // never one of the transcripts' ids
            e.vars.put("agi_channel", String.format(Locale.ROOT, "PJSIP/trunk-%08x", id));
            return e;
        }

        /** Exactly these environment lines ({@code agi_network: yes} first), as a transcript has them. */
        public static Env of(List<String> lines) {
            Env e = new Env();
            for (String line : lines) {
                int colon = line.indexOf(": ");
                e.vars.put(line.substring(0, colon), line.substring(colon + 2));
            }
            return e;
        }

        String get(String key) {
            return vars.getOrDefault(key, "");
        }

        public Env callerId(String number) {
            vars.put("agi_callerid", number);
            return this;
        }

        /** The script path with its query string, as in {@code 211?lang=fr}. */
        public Env script(String script) {
            vars.put("agi_network_script", script);
            vars.put("agi_request", "agi://127.0.0.1:4573/" + script);
            return this;
        }

        public Env set(String key, String value) {
            vars.put(key, value);
            return this;
        }

        public String uniqueId() {
            return vars.get("agi_uniqueid");
        }

        List<String> lines() {
            List<String> out = new ArrayList<>();
            vars.forEach((k, v) -> out.add(k + ": " + v));
            return out;
        }
    }

    /** What happened on one call. */
    public static final class Call {
        public final List<String> transcript = new ArrayList<>();
        public final Map<String, String> variables = new LinkedHashMap<>();
        public final List<String> commands = new ArrayList<>();
        public final List<String> recordings = new ArrayList<>();
        /** Keys pressed while no command collected them (Asterisk drops them). */
        public final StringBuilder lostKeys = new StringBuilder();
        /** Protocol faults of the server: commands sent while another ran. */
        public final List<String> violations = new ArrayList<>();
        /** Nanoseconds from each reply to the server's next command. */
        public final List<Long> gaps = new ArrayList<>();
        public boolean hungUp;
        /** A media command failed on a live channel (Asterisk's AGISTATUS would be FAILURE). */
        public boolean failure;

        public String variable(String name) {
            return variables.get(name);
        }

        /** Commands whose first words are {@code verb} ({@code STREAM FILE}). */
        public List<String> commands(String verb) {
            return commands.stream().filter(c -> c.startsWith(verb + " ")).toList();
        }

        @Override
        public String toString() {
            return String.join("\n", transcript);
        }
    }

    /** Places one call: connects, runs the caller's script until the server closes, returns what happened. */
    public Call call(Env env, FakeCaller caller) {
        Channel channel = channel(env, caller);
        Call call = channel.call;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(server, 5000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            write(out, channel.environment());
            out.flush();
            long replied = System.nanoTime();
            String command;
            while ((command = in.readLine()) != null) {
                call.gaps.add(System.nanoTime() - replied);
                boolean cutShort = channel.isMedia(command) && in.ready();
                if (channel.paced(command) && !cutShort) {
                    sleep(pace);
                }
                write(out, cutShort ? channel.cutShort(command) : channel.reply(command));
                out.flush();
                replied = System.nanoTime();
            }
            try {
                write(out, channel.closed());
                out.flush();
            } catch (IOException closed) {
                // The server closed fully and never reads it (README fact 6).
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server sent nothing for " + readTimeout + "; so far:\n" + call, e);
        } catch (IOException e) {
            throw new UncheckedIOException("call failed; so far:\n" + call, e);
        }
        return call;
    }

    /**
     * One call's channel without a socket, for a driver that does its own I/O (the NIO load driver):
     * it answers the lines the server sends as {@link #call} does, with the same settings.
     */
    public Channel channel(Env env, FakeCaller caller) {
        return new Channel(env, caller);
    }

    private static void write(Writer out, List<String> lines) throws IOException {
        for (String line : lines) {
            out.write(line);
            out.write('\n');
        }
    }

    /** The channel of one call and its caller: what Asterisk answers to each line the server sends. */
    public final class Channel {
        /** What happened on this call so far. */
        public final Call call = new Call();
        private final FakeCaller caller;
        private final Env env;
        private boolean dead;
        /** Keys the caller is in the middle of pressing (after a barge-in). */
        private String typing;

        Channel(Env env, FakeCaller caller) {
            this.env = env;
            this.caller = caller;
        }

        /** The environment Asterisk sends first, ending with its blank line. */
        public List<String> environment() {
            List<String> lines = new ArrayList<>(env.lines());
            lines.add("");
            lines.forEach(l -> call.transcript.add("A: " + l));
            return lines;
        }

        /** Whether {@code command} plays or listens (Asterisk cuts it short when another arrives). */
        public boolean isMedia(String command) {
            return AgiArgs.isMedia(AgiArgs.split(command));
        }

        /** Whether Asterisk takes the pace's time before answering {@code command}: media on a live channel. */
        public boolean paced(String command) {
            return !dead && !pace.isZero() && isMedia(command);
        }

        /** The lines Asterisk answers to {@code command} (with a bare {@code HANGUP} if the caller then hangs up). */
        public List<String> reply(String command) {
            call.transcript.add("S: " + command);
            call.commands.add(command);
            List<String> out = new ArrayList<>(answer(AgiArgs.split(command)));
            if (!dead && caller.peek() instanceof HangUpIdle) {
                caller.take();
                die();
                out.add("HANGUP");
            }
            out.forEach(l -> call.transcript.add("A: " + l));
            return out;
        }

        /** A media command sent while another ran: Asterisk cuts the running one short and answers neither. */
        public List<String> cutShort(String command) {
            call.transcript.add("S: " + command);
            call.commands.add(command);
            call.violations.add("sent while " + command + " ran");
            return List.of();
        }

        /** The server closed: Asterisk says {@code HANGUP} and closes too. */
        public List<String> closed() {
            call.transcript.add("A: HANGUP");
            return List.of("HANGUP");
        }

        private void die() {
            dead = true;
            call.hungUp = true;
        }

        private List<String> answer(List<String> a) {
            String verb = AgiArgs.verb(a);
            if (!verb.equals("STREAM FILE") && !verb.equals("GET DATA") && !verb.equals("WAIT FOR DIGIT")
                    && typing != null) {
                call.lostKeys.append(typing); // pressed between commands
                typing = null;
            }
            int n = a.size() - AgiArgs.words(verb);
            if ("510".equals(rejected.get(verb))) {
                return List.of("510 Invalid or unknown command");
            }
            if ("520".equals(rejected.get(verb))) {
                return usage();
            }
            switch (verb) {
                case "STREAM FILE":
                    return n < 2 ? usage() : stream(a.get(2), a.get(3));
                case "GET DATA":
                    return n < 1 ? usage() : getData(a.get(2), n >= 3 ? Integer.parseInt(a.get(4)) : 1024);
                case "WAIT FOR DIGIT":
                    return n < 1 ? usage() : waitForDigit();
                case "RECORD FILE":
                    return n < 4 ? usage() : record(a.get(2) + "." + a.get(3), Integer.parseInt(a.get(5)));
                case "CHANNEL STATUS":
                    return List.of(dead ? DEAD : "200 result=6");
                case "ANSWER":
                    return List.of(dead ? DEAD : "200 result=0");
                case "SET VARIABLE":
                    if (n < 2) {
                        return usage();
                    }
                    call.variables.put(a.get(2), a.get(3));
                    return List.of("200 result=1");
                case "GET VARIABLE":
                    if (n < 1) {
                        return usage();
                    }
                    String v = call.variables.get(a.get(2));
                    return List.of(v == null ? "200 result=0" : "200 result=1 (" + v + ")");
                case "GET FULL VARIABLE":
                    return n < 1 ? usage() : List.of("200 result=1 (" + expand(a.get(3)) + ")");
                case "VERBOSE":
                    return List.of("200 result=1");
                case "EXEC":
                    return List.of("200 result=0");
                default:
                    return List.of("510 Invalid or unknown command");
            }
        }

        /** Dialplan expressions the tests use: variables, the channel's language, the caller ID. */
        private String expand(String expression) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < expression.length()) {
                int open = expression.indexOf("${", i);
                if (open < 0) {
                    out.append(expression.substring(i));
                    break;
                }
                int close = expression.indexOf('}', open);
                out.append(expression, i, open);
                String name = expression.substring(open + 2, close);
                if (name.equals("CHANNEL(language)")) {
                    out.append(env.get("agi_language"));
                } else if (name.equals("CALLERID(all)")) {
                    String number = env.get("agi_callerid");
                    String who = env.get("agi_calleridname");
                    out.append('"').append(who.equals("unknown") ? "" : who).append("\" <")
                            .append(number.equals("unknown") ? "" : number).append('>');
                } else {
                    out.append(call.variables.getOrDefault(name, ""));
                }
                i = close + 1;
            }
            return out.toString();
        }

        private List<String> usage() {
            return List.of("520-Invalid command syntax.  Proper usage follows:",
                    "Usage text of the command, which varies by command and version.", "520 End of proper usage.");
        }

        private List<String> hangUpNow(String reply) {
            caller.take();
            die();
            return List.of(reply, "HANGUP");
        }

        private List<String> stream(String file, String escape) {
            if (dead) {
                return List.of(DEAD);
            }
            if (caller.peek() instanceof HangUp h && h.during("STREAM FILE")) {
                return hangUpNow("200 result=-1 endpos=8000");
            }
            if (!soundExists.test(file)) {
                call.failure = true;
                return List.of("200 result=-1 endpos=0");
            }
            String keys = typing;
            typing = null;
            if (keys == null && caller.peek() instanceof Keys k && k.bargeIn() && !escape.isEmpty()) {
                caller.take();
                keys = k.keys();
            }
            if (keys != null && !keys.isEmpty()) {
                if (escape.indexOf(keys.charAt(0)) >= 0) {
                    typing = keys.length() > 1 ? keys.substring(1) : null;
                    return List.of("200 result=" + (int) keys.charAt(0) + " endpos=4800");
                }
                call.lostKeys.append(keys); // not an escape digit: the prompt plays on
            }
            return List.of("200 result=0 endpos=16000");
        }

        /** Keys for a command that collects: those being typed, else the caller's next keys. */
        private String keysNow() {
            if (typing != null) {
                String k = typing;
                typing = null;
                return k;
            }
            if (caller.peek() instanceof Keys k) {
                caller.take();
                return k.keys();
            }
            if (caller.peek() instanceof Silence) {
                caller.take();
            }
            return "";
        }

        private List<String> getData(String file, int max) {
            if (dead) {
                return List.of(DEAD);
            }
            if (caller.peek() instanceof HangUp h && h.during("GET DATA")) {
                return hangUpNow("200 result=-1"); // keys already collected are lost
            }
            if (!soundExists.test(file)) {
                call.failure = true;
                return List.of("200 result=-1");
            }
            String keys = keysNow();
            StringBuilder got = new StringBuilder();
            int i = 0;
            boolean hash = false;
            while (i < keys.length() && got.length() < max) {
                char c = keys.charAt(i++);
                if (c == '#') {
                    hash = true;
                    break;
                }
                got.append(c);
            }
            if (i < keys.length()) {
                typing = keys.substring(i);
            }
            boolean full = got.length() == max;
            return List.of("200 result=" + got + (full || hash ? "" : " (timeout)"));
        }

        private List<String> waitForDigit() {
            if (dead) {
                return List.of(DEAD);
            }
            if (caller.peek() instanceof HangUp h && h.during("WAIT FOR DIGIT")) {
                return hangUpNow("200 result=-1");
            }
            String keys = keysNow();
            if (keys.isEmpty()) {
                return List.of("200 result=0");
            }
            typing = keys.length() > 1 ? keys.substring(1) : null;
            return List.of("200 result=" + (int) keys.charAt(0));
        }

        private List<String> record(String file, int maxMillis) {
            if (dead) {
                return List.of(DEAD);
            }
            if (caller.peek() instanceof HangUp h && h.during("RECORD FILE")) {
                return hangUpNow("200 result=-1 (hangup) endpos=0");
            }
            if (!(caller.peek() instanceof Speak s)) {
                if (caller.peek() instanceof Silence) {
                    caller.take();
                }
                return List.of("200 result=0 (timeout) endpos=0");
            }
            caller.take();
            call.recordings.add(file);
            long samples = Math.min(s.length().toMillis(), maxMillis) * 8;
            switch (s.end()) {
                case HASH:
                    return List.of("200 result=35 (dtmf) endpos=" + samples);
                case HANGUP:
                    die();
                    return List.of("200 result=-1 (hangup) endpos=" + samples, "HANGUP");
                default:
                    return List.of("200 result=0 (timeout) endpos=" + samples);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
