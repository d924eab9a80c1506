package org.aiguilleur.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.aiguilleur.flow.Outcome;
import org.junit.jupiter.api.Test;

/**
 * {@code dialplans/asterisk/extensions_aiguilleur.conf}: it parses, every outcome the server sets
 * has its branch, and with no outcome (Aiguilleur down) the caller still reaches a French queue.
 * A small interpreter runs the {@code [aiguilleur]} context for each case.
 */
class DialplanTest {
    static final Path FILE = Path.of("dialplans/asterisk/extensions_aiguilleur.conf");
    static final List<String> APPS = List.of("NoOp", "Set", "GotoIf", "Goto", "Answer", "AGI", "Queue", "Dial", "Hangup");

    record Priority(String label, String app, String args) {
    }

    /** context -> extension -> priorities in order. */
    static Map<String, Map<String, List<Priority>>> parse() throws IOException {
        Map<String, Map<String, List<Priority>>> contexts = new LinkedHashMap<>();
        Pattern exten = Pattern.compile("exten\\s*=>\\s*([^,]+),1,(\\w+)\\((.*)\\)");
        Pattern same = Pattern.compile("same\\s*=>\\s*n(?:\\((\\w+)\\))?,(\\w+)\\((.*)\\)");
        String context = null;
        List<Priority> current = null;
        int n = 0;
        for (String raw : Files.readAllLines(FILE)) {
            n++;
            String line = raw.contains(";") ? raw.substring(0, raw.indexOf(';')) : raw;
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                context = line.substring(1, line.indexOf(']'));
                contexts.put(context, new LinkedHashMap<>());
                continue;
            }
            Matcher e = exten.matcher(line);
            Matcher s = same.matcher(line);
            if (e.matches() && context != null) {
                current = new ArrayList<>();
                contexts.get(context).put(e.group(1), current);
                current.add(new Priority(null, e.group(2), e.group(3)));
            } else if (s.matches() && current != null) {
                current.add(new Priority(s.group(1), s.group(2), s.group(3)));
            } else {
                throw new AssertionError(FILE + ":" + n + ": not understood: " + raw);
            }
        }
        return contexts;
    }

    /** Runs exten 211: the first AGI sets {@code agi}; Dial and every Queue end with the given statuses. */
    static List<String> run(Map<String, String> globals, Map<String, String> agi, String dialStatus,
                            String queueStatus) throws IOException {
        return run(globals, a -> a.contains("/211/") ? Map.of() : agi, dialStatus, List.of(queueStatus));
    }

    /**
     * Runs exten 211. {@code server} answers each AGI (its argument as written, e.g.
     * {@code agi://127.0.0.1:4573/211/queue-ended,TIMEOUT}) with the variables it sets; the n-th
     * Queue ends with the n-th status (the last one repeats).
     */
    static List<String> run(Map<String, String> globals, java.util.function.Function<String, Map<String, String>> server,
                            String dialStatus, List<String> queueStatuses) throws IOException {
        return call(globals, server, dialStatus, queueStatuses, new HashMap<>());
    }

    /**
     * Runs exten 211, then the {@code h} extension on the same channel variables, as Asterisk does when
     * the call ends. A Queue status {@code ANSWERED:<member>:<seconds>} is a member who answered after
     * that wait: QUEUESTATUS stays unset and Queue() leaves MEMBERNAME, MEMBERINTERFACE and QEHOLDTIME.
     */
    static List<String> callThenHangup(Map<String, String> globals,
                                       java.util.function.Function<String, Map<String, String>> server,
                                       List<String> queueStatuses) throws IOException {
        Map<String, String> vars = new HashMap<>();
        List<String> did = new ArrayList<>(call(globals, server, "", queueStatuses, vars));
        did.addAll(interpret(parse().get("aiguilleur").get("h"), globals, vars, server, "", queueStatuses, true));
        return did;
    }

    static List<String> call(Map<String, String> globals, java.util.function.Function<String, Map<String, String>> server,
                             String dialStatus, List<String> queueStatuses, Map<String, String> vars) throws IOException {
        return interpret(parse().get("aiguilleur").get("211"), globals, vars, server, dialStatus, queueStatuses, false);
    }

    private static List<String> interpret(List<Priority> p, Map<String, String> globals, Map<String, String> vars,
                                          java.util.function.Function<String, Map<String, String>> server,
                                          String dialStatus, List<String> queueStatuses, boolean mayEnd) {
        List<String> did = new ArrayList<>();
        int pc = 0;
        int queues = 0;
        for (int steps = 0; steps < 200 && pc < p.size(); steps++) {
            Priority pr = p.get(pc);
            String args = expand(pr.args(), vars, globals);
            pc++;
            switch (pr.app()) {
                case "Set" -> {
                    int eq = args.indexOf('=');
                    vars.put(args.substring(0, eq), args.substring(eq + 1));
                }
                case "AGI" -> {
                    did.add("AGI(" + args + ")");
                    vars.putAll(server.apply(args));
                }
                case "Queue" -> {
                    String lang = vars.getOrDefault("CHANNEL(language)", "");
                    did.add("Queue(" + args + ")" + (lang.isEmpty() ? "" : "@" + lang));
                    String status = queueStatuses.get(Math.min(queues++, queueStatuses.size() - 1));
                    if (status.startsWith("ANSWERED:")) {
                        String[] m = status.split(":");
                        vars.put("MEMBERNAME", m[1]);
                        vars.put("MEMBERINTERFACE", "PJSIP/" + m[1]);
                        vars.put("QEHOLDTIME", m[2]);
                        status = "";
                    }
                    vars.put("QUEUESTATUS", status);
                }
                case "Dial" -> {
                    did.add("Dial(" + args + ")");
                    vars.put("DIALSTATUS", dialStatus);
                }
                case "Hangup" -> {
                    did.add("Hangup()");
                    return did;
                }
                case "Goto" -> pc = label(p, args);
                case "GotoIf" -> {
                    int q = args.indexOf('?');
                    String[] targets = args.substring(q + 1).split(":", -1);
                    String target = args.substring(0, q).equals("1") ? targets[0] : targets.length > 1 ? targets[1] : "";
                    if (!target.isEmpty()) {
                        pc = label(p, target);
                    }
                }
                case "NoOp", "Answer" -> {
                }
                default -> throw new AssertionError("no such application in the test interpreter: " + pr.app());
            }
        }
        if (mayEnd && pc >= p.size()) {
            return did;
        }
        throw new AssertionError("the dialplan ran off its end or looped: " + did);
    }

    static int label(List<Priority> p, String label) {
        for (int i = 0; i < p.size(); i++) {
            if (label.equals(p.get(i).label())) {
                return i;
            }
        }
        throw new AssertionError("no label " + label);
    }

    /** ${VAR} (channel, then global) and $["a" = "b"] / $["a" != "b"], as Asterisk evaluates them. */
    static String expand(String s, Map<String, String> vars, Map<String, String> globals) {
        // ${CUT(VAR,-,1)}: the first dash-separated field.
        Matcher cut = Pattern.compile("\\$\\{CUT\\((\\w+),-,1\\)}").matcher(s);
        StringBuilder cutOut = new StringBuilder();
        while (cut.find()) {
            String v = vars.getOrDefault(cut.group(1), globals.getOrDefault(cut.group(1), ""));
            cut.appendReplacement(cutOut, Matcher.quoteReplacement(v.split("-", -1)[0]));
        }
        cut.appendTail(cutOut);
        s = cutOut.toString();
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = vars.getOrDefault(m.group(1), globals.getOrDefault(m.group(1), ""));
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        // $[N + 1] and $[N > 4]: the arithmetic the dialplan uses to count rounds.
        Matcher n = Pattern.compile("\\$\\[(\\d+) ([+>]) (\\d+)]").matcher(out.toString());
        StringBuilder num = new StringBuilder();
        while (n.find()) {
            long a = Long.parseLong(n.group(1));
            long b = Long.parseLong(n.group(3));
            n.appendReplacement(num, n.group(2).equals("+") ? String.valueOf(a + b) : (a > b ? "1" : "0"));
        }
        n.appendTail(num);
        Matcher c = Pattern.compile("\\$\\[\"([^\"]*)\" (!?=) \"([^\"]*)\"]").matcher(num.toString());
        StringBuilder done = new StringBuilder();
        while (c.find()) {
            boolean eq = c.group(1).equals(c.group(3));
            c.appendReplacement(done, (c.group(2).equals("=") == eq) ? "1" : "0");
        }
        c.appendTail(done);
        return done.toString();
    }

    static Map<String, String> decided(String outcome, String queue) {
        Map<String, String> v = new HashMap<>();
        v.put("AIGUILLEUR_OUTCOME", outcome);
        v.put("AIGUILLEUR_QUEUE", queue);
        v.put("AIGUILLEUR_LANGUAGE", "");
        return v;
    }

    @Test
    void parses_withTheAiguilleurContextAndExten211() throws IOException {
        Map<String, Map<String, List<Priority>>> c = parse();
        assertTrue(c.containsKey("aiguilleur"), "context [aiguilleur]");
        List<Priority> p = c.get("aiguilleur").get("211");
        for (Priority pr : p) {
            assertTrue(APPS.contains(pr.app()), pr.app());
            if (pr.app().startsWith("Goto")) {
                for (String target : pr.args().replaceAll("^.*\\?", "").split(":")) {
                    if (!target.contains(",")) { // context,exten,priority: another context (interpreter_aiguilleur.conf)
                        label(p, target);
                    }
                }
            }
        }
        assertEquals("Answer", p.stream().map(Priority::app).filter(a -> a.equals("Answer") || a.equals("AGI"))
                .findFirst().orElseThrow(), "answers before the AGI");
    }

    @Test
    void everyOutcome_hasItsBranch() throws IOException {
        String text = Files.readString(FILE);
        for (Outcome o : Outcome.values()) {
            assertTrue(text.contains("\"${AIGUILLEUR_OUTCOME}\" = \"" + o.id() + "\""), o.id());
        }
        assertFalse(text.replaceAll(";.*", "").contains("AGISTATUS"), "never routes on AGISTATUS");
    }

    @Test
    void queuedAndInterpreter_joinTheQueueAiguilleurChose() throws IOException {
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(quebec-regions-en)", "Hangup()"),
                run(Map.of(), decided("queued", "quebec-regions-en"), "", ""));
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(grand-montreal-fr)", "Hangup()"),
                run(Map.of(), decided("interpreter", "grand-montreal-fr"), "", ""));
    }

    @Test
    void queueAnnouncements_areInTheCallersPrimaryLanguage() throws IOException {
        Map<String, String> v = decided("queued", "grand-montreal-fr");
        v.put("AIGUILLEUR_LANGUAGE", "fr-CA");
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(grand-montreal-fr)@fr", "Hangup()"),
                run(Map.of(), v, "", ""));
        v.put("AIGUILLEUR_LANGUAGE", "es");
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(grand-montreal-fr)@es", "Hangup()"),
                run(Map.of(), v, "", ""));
    }

    @Test
    void afterHoursAndHangup_hangUp() throws IOException {
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Hangup()"), run(Map.of(), decided("after-hours", ""), "", ""));
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Hangup()"), run(Map.of(), decided("hangup", ""), "", ""));
    }

    @Test
    void transfer_dialsThroughTheTransferContext_andAsksAiguilleurAgainWhenItFails() throws IOException {
        Map<String, String> t = decided("transferred", "");
        t.put("AIGUILLEUR_TRANSFER_TO", "811");
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Dial(Local/811@aiguilleur-transfer)", "Hangup()"),
                run(Map.of(), t, "ANSWER", ""));
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Dial(Local/811@my-811)", "Hangup()"),
                run(Map.of("AIGUILLEUR_TRANSFER_CONTEXT", "my-811"), t, "ANSWER", ""));
        // The server queues the caller with a 211 agent...
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Dial(Local/811@aiguilleur-transfer)",
                "AGI(agi://127.0.0.1:4573/211/transfer-failed,CHANUNAVAIL)", "Queue(quebec-regions-fr)", "Hangup()"),
                run(Map.of(), a -> a.endsWith("/211") ? t : decided("queued", "quebec-regions-fr"), "CHANUNAVAIL",
                        List.of("")));
        // ...and when it is down too, the default queue does.
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Dial(Local/811@aiguilleur-transfer)",
                "AGI(agi://127.0.0.1:4573/211/transfer-failed,NOANSWER)", "Queue(grand-montreal-fr)", "Hangup()"),
                run(Map.of(), a -> a.endsWith("/211") ? t : Map.of(), "NOANSWER", List.of("")));
    }

    @Test
    void noOutcome_aiguilleurDown_goesToTheDefaultFrenchQueue() throws IOException {
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(grand-montreal-fr)", "Hangup()"),
                run(Map.of(), Map.of(), "", ""));
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(grand-montreal-fr)", "Hangup()"),
                run(Map.of(), decided("something-new", ""), "", ""));
        assertEquals(List.of("AGI(agi://10.1.2.3:4573/211)", "Queue(quebec-regions-fr)", "Hangup()"),
                run(Map.of("AIGUILLEUR_AGI", "agi://10.1.2.3:4573/211", "AIGUILLEUR_DEFAULT_QUEUE", "quebec-regions-fr"),
                        Map.of(), "", ""));
    }

    @Test
    void aQueueThatGivesUp_asksAiguilleurForTheNextQueue() throws IOException {
        Map<String, String> after = decided("after-hours", "");
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(quebec-regions-en)",
                        "AGI(agi://127.0.0.1:4573/211/queue-ended,JOINEMPTY)", "Queue(grand-montreal-en)",
                        "AGI(agi://127.0.0.1:4573/211/queue-ended,TIMEOUT)", "Hangup()"),
                run(Map.of(), a -> a.endsWith("/211") ? decided("queued", "quebec-regions-en")
                        : a.endsWith("JOINEMPTY") ? decided("queued", "grand-montreal-en") : after,
                        "", List.of("JOINEMPTY", "TIMEOUT")),
                "the second queue gives up too: Aiguilleur offers a call-back and ends the call");
    }

    @Test
    void aQueueThatGivesUp_withAiguilleurDown_endsAtTheDefaultQueueAfterAFewRounds() throws IOException {
        List<String> did = run(Map.of(), a -> a.endsWith("/211") ? decided("queued", "quebec-regions-en") : Map.of(),
                "", List.of("JOINEMPTY"));
        assertEquals("Queue(quebec-regions-en)", did.get(1));
        assertEquals("Hangup()", did.get(did.size() - 1));
        assertTrue(did.subList(2, did.size() - 1).stream().allMatch(d -> d.equals("Queue(grand-montreal-fr)")
                || d.equals("AGI(agi://127.0.0.1:4573/211/queue-ended,JOINEMPTY)")), did.toString());
        assertTrue(did.size() < 20, "bounded: " + did);
    }

    @Test
    void hangupExtension_reportsTheEndOfTheCall() throws IOException {
        List<Priority> h = parse().get("aiguilleur").get("h");
        assertTrue(h.stream().anyMatch(p -> p.app().equals("AGI") && p.args().startsWith("${AG_AGI}/call-ended")),
                h.toString());
    }

    static Map<String, String> decided(String outcome, String queue, String timeout) {
        Map<String, String> v = decided(outcome, queue);
        v.put("AIGUILLEUR_QUEUE_TIMEOUT", timeout);
        return v;
    }

    @Test
    void queuedWithAMaximumWait_givesItToQueueAsItsTimeout() throws IOException {
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(quebec-regions-en,,,,900)", "Hangup()"),
                run(Map.of(), decided("queued", "quebec-regions-en", "900"), "", ""));
    }

    @Test
    void maximumWaitPassed_asksAiguilleurForTheNextCentre_andWithAiguilleurDownWaitsWithoutLimit() throws IOException {
        // Aiguilleur answers the first queue-ended with the other centre, then is down.
        int[] reports = {0};
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(quebec-regions-fr,,,,900)",
                        "AGI(agi://127.0.0.1:4573/211/queue-ended,TIMEOUT)", "Queue(grand-montreal-fr,,,,900)",
                        "AGI(agi://127.0.0.1:4573/211/queue-ended,TIMEOUT)", "Queue(grand-montreal-fr)", "Hangup()"),
                run(Map.of(), a -> a.endsWith("/211") ? decided("queued", "quebec-regions-fr", "900")
                        : reports[0]++ == 0 ? decided("queued", "grand-montreal-fr", "900") : Map.of(),
                        "", List.of("TIMEOUT", "TIMEOUT", "")));
    }

    @Test
    void answeredCall_reportsTheMemberAndItsWaitWhenItEnds() throws IOException {
        assertEquals(List.of("AGI(agi://127.0.0.1:4573/211)", "Queue(grand-montreal-fr,,,,900)", "Hangup()",
                        "AGI(agi://127.0.0.1:4573/211/call-ended,agent-7,42,PJSIP/agent-7)"),
                callThenHangup(Map.of(), a -> a.endsWith("/211") ? decided("queued", "grand-montreal-fr", "900") : Map.of(),
                        List.of("ANSWERED:agent-7:42")));
    }

    @Test
    void callerWhoHangsUpWaiting_reportsNoMember_evenAfterAnEarlierRound() throws IOException {
        // The first queue timed out; the second is abandoned: nothing of a member from either.
        List<String> did = callThenHangup(Map.of(), a -> a.endsWith("/211") ? decided("queued", "quebec-regions-fr", "60")
                : decided("queued", "grand-montreal-fr", "60"), List.of("TIMEOUT", ""));
        assertEquals("AGI(agi://127.0.0.1:4573/211/call-ended,,,)", did.get(did.size() - 1), did.toString());
    }

    @Test
    void onlyAiguilleurFiles_areShipped() throws IOException {
        try (Stream<Path> files = Files.list(FILE.getParent())) {
            files.forEach(f -> assertTrue(f.getFileName().toString().endsWith("_aiguilleur.conf"), f.toString()));
        }
    }
}
