package org.aiguilleur.twilio;

import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aiguilleur.testing.TwilioCaller;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.testing.TwilioWebhookClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Only Twilio, signing the public URL, gets TwiML; everything else gets a short 4xx. */
class WebhookSecurityTest {
    private static final String NUMBER = "+15145550188";
    private static TwilioServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        server = new TwilioServer(local("2026-11-24T10:00"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(SignedWebhook.class)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(SignedWebhook.class)).detachAppender(logs);
    }

    private Map<String, String> params(String sid) {
        return server.caller(sid, NUMBER).params();
    }

    @Test
    void signedRequest_throughAProxy_isCheckedAgainstThePublicUrl() {
        // The request reaches http://127.0.0.1:PORT, but Twilio signed https://public.example/twilio/voice.
        Reply r = server.client.post("/twilio/voice", params("CAS1"));
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/xml"), r.contentType());
        r.twiml();
    }

    @Test
    void publicUrlWithAPathTheProxyStrips_signsAndCallsBackThroughIt() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(local("2026-11-24T10:00"));
        org.aiguilleur.server.LiveConfig live = new org.aiguilleur.server.LiveConfig(org.aiguilleur.testing.Fixtures.shipped(),
                now::get, org.aiguilleur.routing.LiveStaffing.UNKNOWN);
        TwilioWebhooks hooks = TwilioWebhooks.create(live, Map.of(TwilioWebhooks.TOKEN_ENV, TwilioServer.TOKEN,
                TwilioWebhooks.URL_ENV, "https://example.org/211/"), org.aiguilleur.records.CallEvents.NONE,
                org.aiguilleur.agents.CallerQueue.NONE);
        org.aiguilleur.server.HttpFrontDoor door = new org.aiguilleur.server.HttpFrontDoor(
                new org.aiguilleur.config.Settings.Listener("127.0.0.1", 0), hooks.routes());
        door.start();
        try {
            TwilioWebhookClient proxied = new TwilioWebhookClient("https://example.org/211",
                    java.net.URI.create("http://127.0.0.1:" + door.port()), TwilioServer.TOKEN);
            TwilioCaller c = new TwilioCaller(proxied, "CAS10", NUMBER);
            assertTrue(c.dial().required("Gather").getAttribute("action").startsWith("https://example.org/211/twilio/gather?s="));
            assertTrue(c.press("1").spoken().contains("Quel est votre besoin"));
        } finally {
            door.close();
        }
    }

    @Test
    void signatureOfTheLocalUrl_isRefused() {
        Map<String, String> p = params("CAS2");
        String local = server.local() + "/twilio/voice";
        Reply r = server.client.post("/twilio/voice", p, TwilioWebhookClient.sign(TwilioServer.TOKEN, local, p));
        assertEquals(403, r.status());
    }

    @Test
    void missingSignature_isRefusedAndLoggedWithoutCallerData() {
        Reply r = server.client.post("/twilio/voice", params("CAS3"), null);
        assertEquals(403, r.status());
        assertFalse(r.body().contains("Exception"), r.body());
        assertEquals(1, logs.list.size());
        String line = logs.list.get(0).getFormattedMessage();
        assertTrue(line.contains("/twilio/voice") && line.contains("no signature"), line);
        assertFalse(line.contains("5550188") || line.contains("CAS3"), line);
    }

    @Test
    void signatureWithAnotherToken_isRefused() {
        Map<String, String> p = params("CAS4");
        String forged = TwilioWebhookClient.sign("not-the-token", TwilioServer.PUBLIC + "/twilio/voice", p);
        assertEquals(403, server.client.post("/twilio/voice", p, forged).status());
    }

    @Test
    void signatureOfThePublicUrlWithItsDefaultPort_isAccepted() {
        // The SDK accepts a signature of the URL with the port added (:443) as well: so do we.
        Map<String, String> p = params("CAS9");
        String withPort = TwilioWebhookClient.sign(TwilioServer.TOKEN,
                TwilioServer.PUBLIC.replace("https://public.example", "https://public.example:443") + "/twilio/voice", p);
        assertEquals(200, server.client.post("/twilio/voice", p, withPort).status());
    }

    @Test
    void formInUtf8WithoutACharset_andFormInADeclaredCharset_areBothReadAsSent() {
        for (java.nio.charset.Charset cs : java.util.List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
            Map<String, String> p = params("CAS10" + cs.name());
            p.put("CallerName", "Hélène Côté");
            String body = p.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), cs))
                    .collect(java.util.stream.Collectors.joining("&"));
            String type = "application/x-www-form-urlencoded" + (cs == StandardCharsets.UTF_8 ? "" : "; charset=" + cs.name());
            String signature = TwilioWebhookClient.sign(TwilioServer.TOKEN, TwilioServer.PUBLIC + "/twilio/voice", p);
            // A value decoded in another charset than it was sent in would not match the signature.
            assertEquals(200, server.client.send("/twilio/voice", "POST", type, body.getBytes(StandardCharsets.US_ASCII),
                    signature).status(), cs.name());
        }
    }

    @Test
    void alteredField_isRefused() {
        Map<String, String> p = params("CAS5");
        String signature = TwilioWebhookClient.sign(TwilioServer.TOKEN, TwilioServer.PUBLIC + "/twilio/voice", p);
        p.put("From", "+15145550199");
        assertEquals(403, server.client.post("/twilio/voice", p, signature).status());
    }

    @Test
    void alteredCallToken_isRefused() {
        TwilioCaller c = server.caller("CAS6", NUMBER);
        c.dial();
        String action = c.action("Gather");
        Map<String, String> p = c.params();
        p.put("Digits", "1");
        String signature = TwilioWebhookClient.sign(TwilioServer.TOKEN, TwilioServer.PUBLIC + action, p);
        String tampered = action.substring(0, action.length() - 2) + (action.endsWith("A") ? "BB" : "AA");
        assertEquals(403, server.client.post(tampered, p, signature).status());
        assertEquals(200, server.client.post(action, p, signature).status());
    }

    @Test
    void getRequest_isNotAllowed() {
        Reply r = server.client.send("/twilio/voice", "GET", null, null, null);
        assertEquals(405, r.status());
    }

    @Test
    void oversizedBody_isRefusedBeforeReadingIt() throws Exception {
        // Only the headers are sent: the server answers from Content-Length alone.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.door.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /twilio/voice HTTP/1.1\r\nHost: public.example\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n"
                    + "X-Twilio-Signature: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", reply);
        }
    }

    @Test
    void oversizedChunkedBody_isRefusedWhileReading() {
        byte[] body = ("CallSid=CAS9&Padding=" + "x".repeat(40_000)).getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(server.local().resolve("/twilio/voice"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", "x")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(req,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode());
        } catch (java.io.IOException e) {
            // The server may close the connection before the whole body is sent: refused all the same.
            assertTrue(e.getMessage() == null || !e.getMessage().contains("200"), e.toString());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wrongContentType_isRefused() {
        Reply r = server.client.send("/twilio/voice", "POST", "application/json", "{\"CallSid\":\"CA1\"}".getBytes(
                StandardCharsets.UTF_8), "x");
        assertEquals(415, r.status());
    }

    @Test
    void malformedFormEncoding_isABadRequest() {
        Reply r = server.client.send("/twilio/voice", "POST", "application/x-www-form-urlencoded",
                "CallSid=%ZZ&From=%".getBytes(StandardCharsets.UTF_8), "x");
        assertEquals(400, r.status());
        assertFalse(r.body().contains("at org."), r.body());
    }

    @Test
    void repeatedField_isABadRequest() {
        Reply r = server.client.send("/twilio/voice", "POST", "application/x-www-form-urlencoded",
                "CallSid=CA1&CallSid=CA2".getBytes(StandardCharsets.UTF_8), "x");
        assertEquals(400, r.status());
    }

    @Test
    void unknownPath_isNotFound() {
        assertEquals(404, server.client.post("/twilio/nothing", params("CAS8")).status());
        assertEquals(404, server.client.post("/", params("CAS8")).status());
    }
}
