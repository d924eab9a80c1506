package org.aiguilleur.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aiguilleur.translate.GoogleAccess;

/**
 * Google Cloud Translation on loopback, speaking its REST surfaces as the real clients call them:
 * v3 {@code POST /v3/projects/{project}/locations/{location}:translateText} (JSON body with
 * {@code contents}, {@code sourceLanguageCode}, {@code targetLanguageCode}, {@code mimeType}; answer
 * {@code {"translations":[{"translatedText":...}]}}) and v2 {@code POST /language/translate/v2}
 * (key in {@code X-Goog-Api-Key} or {@code ?key=}; {@code q}, {@code source}, {@code target},
 * {@code format}; answer {@code {"data":{"translations":[...]}}}). Errors use Google's JSON error
 * body ({@code {"error":{"code":429,"status":"RESOURCE_EXHAUSTED",...}}}).
 *
 * <p>Its "translation" is recognisable: {@code [es] } before the text, and in HTML mode, as the real
 * service does, the content of {@code <span translate="no">} is left exactly as it is while the
 * words around it are translated (here: upper-cased). Tests can slow it, make it fail, or rewrite
 * its answers (to mangle placeholders).
 */
public final class FakeTranslate implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern V3 = Pattern.compile("/v3/projects/([^/]+)/locations/([^/:]+):translateText");
    private static final Pattern SPAN = Pattern.compile("(<span translate=\"no\">.*?</span>)", Pattern.DOTALL);

    /** One request as the fake received it. */
    public record Received(String surface, String project, String from, String to, String format, List<String> texts) {
    }

    private final HttpServer server;
    private final String apiKey;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch hold;
    private volatile int failStatus;
    private volatile UnaryOperator<String> rewrite = UnaryOperator.identity();

    /** Starts on a free loopback port; v2 requests must carry {@code apiKey}. */
    public FakeTranslate(String apiKey) {
        this.apiKey = apiKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** The endpoint to give a client: {@code http://127.0.0.1:port}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Credentials for clients of this fake: none needed for v3 ({@code NoCredentialsProvider}, project
     * {@code test-project}), and its key in the variable {@code FAKE_TRANSLATE_KEY} for v2.
     */
    public GoogleAccess access() {
        return new GoogleAccess() {
            @Override
            public Optional<CredentialsProvider> credentials() {
                return Optional.of(NoCredentialsProvider.create());
            }

            @Override
            public Optional<String> defaultProject() {
                return Optional.of("test-project");
            }

            @Override
            public Optional<String> env(String name) {
                return name.equals("FAKE_TRANSLATE_KEY") ? Optional.of(apiKey) : Optional.empty();
            }
        };
    }

    /** No credentials at all, as on a machine where Google was never set up. */
    public static GoogleAccess noAccess() {
        return new GoogleAccess() {
            @Override
            public Optional<CredentialsProvider> credentials() {
                return Optional.empty();
            }

            @Override
            public Optional<String> defaultProject() {
                return Optional.empty();
            }

            @Override
            public Optional<String> env(String name) {
                return Optional.empty();
            }
        };
    }

    /** The shipped {@code translation:} block pointed at this fake (for a copy of the configuration). */
    public String pointAt(String aiguilleurYaml) {
        return aiguilleurYaml.replace("\n  location: global\n", "\n  location: global\n  endpoint: " + endpoint()
                + "\n  project: test-project\n");
    }

    /** Requests answered or refused so far. */
    public int requests() {
        return requests.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every answer waits this long first. */
    public FakeTranslate delay(Duration d) {
        this.delay = d;
        return this;
    }

    /** Answers wait until {@link #release()}. */
    public FakeTranslate hold() {
        this.hold = new CountDownLatch(1);
        return this;
    }

    public void release() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
    }

    /** Every request fails with this HTTP status (429 quota, 503 unavailable), 0 to answer again. */
    public FakeTranslate failWith(int status) {
        this.failStatus = status;
        return this;
    }

    /** Rewrites every translated text (HTML) before it is sent back. */
    public FakeTranslate rewrite(UnaryOperator<String> r) {
        this.rewrite = r;
        return this;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            requests.incrementAndGet();
            String path = x.getRequestURI().getPath();
            if (!x.getRequestMethod().equals("POST")) {
                error(x, 405, "METHOD_NOT_ALLOWED", "only POST");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                error(x, 400, "INVALID_ARGUMENT", "body is not JSON");
                return;
            }
            pause();
            Matcher v3 = V3.matcher(path);
            if (v3.matches()) {
                v3(x, v3.group(1), body);
            } else if (path.equals("/language/translate/v2")) {
                v2(x, body);
            } else {
                error(x, 404, "NOT_FOUND", "no such method " + path);
            }
        }
    }

    private void pause() {
        try {
            CountDownLatch h = hold;
            if (h != null) {
                h.await(30, TimeUnit.SECONDS);
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void v3(HttpExchange x, String project, JsonNode body) throws IOException {
        List<String> texts = strings(body.path("contents"));
        String to = body.path("targetLanguageCode").asText("");
        String mime = body.path("mimeType").asText("text/html");
        received.add(new Received("v3", project, body.path("sourceLanguageCode").asText(""), to, mime, texts));
        if (failStatus != 0) {
            error(x, failStatus, failStatus == 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE", "fake failure");
            return;
        }
        if (texts.isEmpty() || to.isEmpty()) {
            error(x, 400, "INVALID_ARGUMENT", "contents and targetLanguageCode are required");
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("translations");
        for (String t : texts) {
            list.addObject().put("translatedText", translate(t, to, mime.equals("text/html")));
        }
        send(x, 200, out);
    }

    private void v2(HttpExchange x, JsonNode body) throws IOException {
        String key = x.getRequestHeaders().getFirst("X-Goog-Api-Key");
        String query = x.getRequestURI().getQuery();
        if (key == null && query != null && query.startsWith("key=")) {
            key = query.substring(4);
        }
        if (!apiKey.equals(key)) {
            ObjectNode e = JSON.createObjectNode();
            ObjectNode err = e.putObject("error").put("code", 400).put("message", "API key not valid.");
            err.putArray("errors").addObject().put("reason", "keyInvalid");
            send(x, 400, e);
            return;
        }
        List<String> texts = strings(body.path("q"));
        String to = body.path("target").asText("");
        String format = body.path("format").asText("html");
        received.add(new Received("v2", "", body.path("source").asText(""), to, format, texts));
        if (failStatus != 0) {
            ObjectNode e = JSON.createObjectNode();
            ObjectNode err = e.putObject("error").put("code", failStatus).put("message", "fake failure");
            err.putArray("errors").addObject().put("reason", failStatus == 403 || failStatus == 429
                    ? "rateLimitExceeded" : "backendError");
            send(x, failStatus, e);
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putObject("data").putArray("translations");
        for (String t : texts) {
            list.addObject().put("translatedText", translate(t, to, format.equals("html")));
        }
        send(x, 200, out);
    }

    private String translate(String text, String to, boolean html) {
        StringBuilder out = new StringBuilder("[" + to + "] ");
        if (!html) {
            out.append(text.toUpperCase(java.util.Locale.ROOT));
        } else {
            Matcher m = SPAN.matcher(text);
            int i = 0;
            while (m.find()) {
                out.append(upper(text.substring(i, m.start()))).append(m.group(1));
                i = m.end();
            }
            out.append(upper(text.substring(i)));
        }
        return rewrite.apply(out.toString());
    }

    /** Upper case outside character references, which stay as they are. */
    private static String upper(String s) {
        return s.toUpperCase(java.util.Locale.ROOT).replace("&AMP;", "&amp;").replace("&LT;", "&lt;")
                .replace("&GT;", "&gt;").replace("&QUOT;", "&quot;").replace("&#39;", "&#39;");
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        }
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void error(HttpExchange x, int code, String status, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("code", code).put("message", message).put("status", status);
        send(x, code, e);
    }

    private static void send(HttpExchange x, int code, JsonNode body) throws IOException {
        byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        x.sendResponseHeaders(code, b.length);
        x.getResponseBody().write(b);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
