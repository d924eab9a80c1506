package org.aiguilleur.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.agents.WaitingCaller;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.Twiml;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.junit.jupiter.api.Test;

/**
 * Where the webhooks run: on Jetty's I/O thread while nothing they call can wait, else on a pool
 * thread, so that a slow caller queue (a shared store waiting for its database) holds up only its
 * own call; and a form that arrives after its headers is read when it comes.
 */
class WebhookDispatchTest {
    private static final Instant TUESDAY_10H = LocalDateTime.parse("2026-11-24T10:00")
            .atZone(ZoneId.of("America/Toronto")).toInstant();

    /** A caller queue that waits (as for a database) until released; says it may block. */
    static final class SlowQueue implements CallerQueue {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void waiting(WaitingCaller caller) {
            entered.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void left(String callId) {
        }
    }

    @Test
    void callerQueueThatWaits_holdsUpOnlyItsOwnCall() throws Exception {
        SlowQueue queue = new SlowQueue();
        try (TwilioServer server = new TwilioServer(Fixtures.shipped(), new AtomicReference<>(TUESDAY_10H), queue)) {
            TwilioCaller first = server.caller("CA-SLOW", "+15145550100");
            first.dial();
            first.press("1");
            CompletableFuture<Twiml> queued = CompletableFuture.supplyAsync(() -> first.press("1"));
            assertTrue(queue.entered.await(10, TimeUnit.SECONDS), "the housing choice reaches the caller queue");

            // Other calls go on while the first one's queue is busy.
            for (int i = 0; i < 3; i++) {
                TwilioCaller other = server.caller("CA-OTHER-" + i, "+14185550100");
                Twiml welcome = CompletableFuture.supplyAsync(other::dial).get(5, TimeUnit.SECONDS);
                assertEquals(List.of("Gather"), welcome.verbNames().subList(0, 1));
                assertEquals(200, CompletableFuture.supplyAsync(other::hangUp).get(5, TimeUnit.SECONDS).status());
            }
            assertTrue(!queued.isDone(), "the first call still waits for its queue");

            queue.release.countDown();
            Twiml enqueue = queued.get(10, TimeUnit.SECONDS);
            assertEquals("grand-montreal-fr", enqueue.required("Enqueue").getTextContent());
        }
    }

    @Test
    void formArrivingAfterItsHeaders_isReadWhenItComes() throws Exception {
        try (TwilioServer server = new TwilioServer(Fixtures.shipped(), new AtomicReference<>(TUESDAY_10H))) {
            Map<String, String> form = Map.of("AccountSid", "AC00000000000000000000000000000000", "CallSid", "CA-SPLIT",
                    "CallStatus", "ringing", "From", "+15145550100", "To", "+15145550211");
            String body = "AccountSid=AC00000000000000000000000000000000&CallSid=CA-SPLIT&CallStatus=ringing"
                    + "&From=%2B15145550100&To=%2B15145550211";
            String signature = TwilioWebhookClient.sign(TwilioServer.TOKEN, TwilioServer.PUBLIC + "/twilio/voice", form);
            try (Socket s = new Socket("127.0.0.1", server.door.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /twilio/voice HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                        + "\r\nX-Twilio-Signature: " + signature + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
                byte[] b = body.getBytes(StandardCharsets.US_ASCII);
                out.write(b, 0, 20);
                out.flush();
                Thread.sleep(200);
                out.write(b, 20, b.length - 20);
                out.flush();
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("<Gather"), answer);
            }
        }
    }
}
