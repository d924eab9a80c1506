package org.aiguilleur.testing;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.aiguilleur.testing.AgiTranscript.Line;
import org.aiguilleur.testing.FakeCaller.MessageEnd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake Asterisk answers as the real one did: each captured transcript's server lines are sent
 * to the fake, whose caller does what the real caller did, and every line it answers must be the
 * captured one (sample counts aside, which depend on timing and the sound files).
 */
class FakeAsteriskTest {

    record Case(String transcript, UnaryOperator<FakeAsterisk> setup, FakeCaller caller) {
        @Override
        public String toString() {
            return transcript;
        }
    }

    static Stream<Arguments> transcripts() {
        UnaryOperator<FakeAsterisk> asIs = f -> f;
        return Stream.of(
                new Case("01-normal-call", asIs, caller().press("1").press("417").press("#")),
                new Case("02-timeouts-no-input", asIs, caller().silence().silence().press("51")),
                new Case("03-hangup-during-stream-file", asIs, caller().hangUp()),
                new Case("04-hangup-during-get-data", asIs, caller().hangUp()),
                new Case("05-missing-sound-file", f -> f.soundExists(p -> !p.equals("no-such-prompt")), caller()),
                new Case("06a-callerid-e164", asIs, caller()),
                new Case("06b-callerid-national", asIs, caller()),
                new Case("06c-callerid-anonymous", asIs, caller()),
                new Case("06d-callerid-none", asIs, caller()),
                new Case("06e-url-query-and-args", asIs, caller()),
                new Case("07-record-file", asIs, caller().speak(Duration.ofMillis(2380), MessageEnd.HASH)
                        .speak(Duration.ofSeconds(5), MessageEnd.SILENCE)),
                new Case("09-errors-510-520", asIs, caller()),
                new Case("10-hangup-while-server-idle", asIs, caller().hangUpWhileIdle()),
                new Case("11-command-sent-during-stream-file", asIs, caller()),
                new Case("12-get-data-ended-by-hash", asIs, caller().press("5#").press("#"))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void fakeAnswersAsTheCapturedAsterisk(Case c) throws Exception {
        AgiTranscript t = AgiTranscript.load(c.transcript());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FakeAsterisk fake = c.setup().apply(new FakeAsterisk(server.getLocalPort()));
            CompletableFuture<FakeAsterisk.Call> call = CompletableFuture.supplyAsync(
                    () -> fake.call(FakeAsterisk.Env.of(t.environment()), c.caller()));
            List<String> got = new ArrayList<>();
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                List<String> env = new ArrayList<>();
                for (String l = in.readLine(); !l.isEmpty(); l = in.readLine()) {
                    env.add(l);
                }
                assertEquals(t.environment(), env, "environment");
                List<Line> lines = t.lines();
                int i = 0;
                while (i < lines.size()) {
                    // Consecutive server lines go out in one write (transcript 11 pipelines on purpose).
                    StringBuilder batch = new StringBuilder();
                    while (i < lines.size() && !lines.get(i).fromAsterisk()) {
                        batch.append(lines.get(i).text()).append('\n');
                        got.add("S: " + lines.get(i).text());
                        i++;
                    }
                    if (batch.length() > 0) {
                        out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    int expected = 0;
                    while (i + expected < lines.size() && lines.get(i + expected).fromAsterisk()) {
                        expected++;
                    }
                    boolean last = i + expected == lines.size();
                    if (last) {
                        s.shutdownOutput(); // as the capture did: half-close, read on until EOF
                    }
                    for (int k = 0; k < expected; k++) {
                        got.add("A: " + in.readLine());
                    }
                    i += expected;
                }
                assertEquals(null, in.readLine(), "the fake closes after its HANGUP");
            }
            FakeAsterisk.Call done = call.get(5, TimeUnit.SECONDS);
            assertEquals(normalize(t.lines().stream().map(Line::toString).toList()), normalize(got));
            assertTrue(c.caller().done(), "the caller did all it was scripted to do");
            if (c.transcript().startsWith("11")) {
                assertEquals(2, done.violations.size(), "pipelined commands are reported");
            }
        }
    }

    /** Sample counts vary with timing and files; usage text varies by version (the README says so). */
    static List<String> normalize(List<String> lines) {
        return lines.stream()
                .map(l -> l.replaceAll("endpos=[1-9][0-9]*", "endpos=N"))
                .map(l -> l.startsWith("A: ") && !l.matches("A: (\\d{3}[ -].*|HANGUP)") ? "A: <usage text>" : l)
                .toList();
    }
}
