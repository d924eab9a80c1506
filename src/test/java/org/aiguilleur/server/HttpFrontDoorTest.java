package org.aiguilleur.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aiguilleur.config.Settings;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Features mount their handlers on the one HTTP door by path; the most specific route wins. */
class HttpFrontDoorTest {
    private static HttpFrontDoor door;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers its name and the path it saw. */
    private static Handler named(String name) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String body = name + " " + request.getHttpURI().getPath();
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
    }

    /** Declines every request, as a handler for a sub-path it does not serve. */
    private static Handler declining() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        };
    }

    private static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);

    /** A blocking handler (as the records' JDBC ones) that waits until the test releases it. */
    private static Handler waiting() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                RELEASE.await(20, java.util.concurrent.TimeUnit.SECONDS);
                response.write(true, ByteBuffer.wrap("released".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
    }

    /** A non-blocking handler, run where Jetty calls the routes. */
    private static Handler quick() {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.write(true, ByteBuffer.wrap("quick".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
    }

    @BeforeAll
    static void start() throws Exception {
        door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", 0), List.of(
                new HttpRoute("/slow", waiting()),
                new HttpRoute("/quick", quick()),
                new HttpRoute("/twilio/voice", named("voice")),
                new HttpRoute("/twilio/*", named("twilio")),
                new HttpRoute("/twilio/agent/*", named("agents")),
                new HttpRoute("/api/records/*", declining())));
        door.start();
    }

    @AfterAll
    static void stop() throws Exception {
        door.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void exactRoute_winsOverAPrefix() throws Exception {
        assertEquals("voice /twilio/voice", get("/twilio/voice").body());
    }

    @Test
    void longestPrefix_wins() throws Exception {
        assertEquals("agents /twilio/agent/CA1/whisper", get("/twilio/agent/CA1/whisper").body());
        assertEquals("twilio /twilio/other", get("/twilio/other").body());
        assertEquals("twilio /twilio", get("/twilio").body());
    }

    @Test
    void unknownOrDeclinedPath_isNotFoundWithoutDetails() throws Exception {
        HttpResponse<String> r = get("/nothing");
        assertEquals(404, r.statusCode());
        assertEquals(404, get("/api/records/x").statusCode());
        assertFalse(r.headers().firstValue("Server").isPresent());
    }

    @Test
    void blockingRoutes_runOnThePool_soTheyHoldUpNoOtherRequest() throws Exception {
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> slow = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slow.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + door.port() + "/slow"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(200);
        for (int i = 0; i < 10; i++) {
            assertEquals("quick", java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return get("/quick").body();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("voice /twilio/voice", get("/twilio/voice").body());
        }
        assertFalse(slow.get(0).isDone());
        RELEASE.countDown();
        for (var f : slow) {
            assertEquals("released", f.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        }
    }

    @Test
    void address_namesTheRealPort() {
        assertEquals("127.0.0.1:" + door.port(), door.address());
    }
}
