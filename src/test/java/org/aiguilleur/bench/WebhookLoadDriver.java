package org.aiguilleur.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.aiguilleur.agents.CallerQueue;
import org.aiguilleur.config.Settings;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.HttpFrontDoor;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.Fixtures;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.aiguilleur.twilio.TwilioWebhooks;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Load on the Twilio webhook path against a plain Jetty "hello" handler, in one run on loopback.
 * Each connection plays whole calls: the incoming-call webhook, two signed Gather results
 * (language, need) ending in an Enqueue, and the final status callback; every request is form
 * parsing, signature check, engine and TwiML. The hello server gets POSTs of the same size on the same kind of connection.
 *
 * <p>Usage: {@code bench/webhook-load.sh [connections] [seconds] [warm-up seconds]} (50 10 5).
 * Bounded in time; loopback only.
 */
public final class WebhookLoadDriver {
    private static final String TOKEN = "bench-auth-token";
    private static final String PUBLIC = "https://public.example";
    /** Twilio's CallSids are unique: so are the driver's, across runs. */
    private static final AtomicLong CALLS = new AtomicLong();

    private WebhookLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        Server hello = helloServer();
        LiveConfig live = new LiveConfig(Fixtures.shipped(), Clock.fixed(Fixtures.local("2026-11-24T10:00"),
                Fixtures.QUEBEC), LiveStaffing.UNKNOWN);
        TwilioWebhooks hooks = TwilioWebhooks.create(live, Map.of(TwilioWebhooks.TOKEN_ENV, TOKEN,
                TwilioWebhooks.URL_ENV, PUBLIC), CallEvents.NONE, CallerQueue.NONE);
        HttpFrontDoor door = new HttpFrontDoor(new Settings.Listener("127.0.0.1", 0), hooks.routes());
        door.start();
        int helloPort = ((ServerConnector) hello.getConnectors()[0]).getLocalPort();
        try {
            run("warm-up hello", helloPort, false, connections, warmup);
            run("warm-up webhooks", door.port(), true, connections, warmup);
            Result h = run("hello", helloPort, false, connections, seconds);
            Result w = run("webhooks", door.port(), true, connections, seconds);
            System.out.println();
            System.out.println("| target | requests/s | p50 ms | p99 ms | p99.9 ms | errors |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.println(h.row());
            System.out.println(w.row());
            System.out.printf("%nwebhooks / hello throughput: %.2f (%d connections, %d s, Java %s, %d cores)%n",
                    w.perSecond() / h.perSecond(), connections, seconds, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
        } finally {
            door.close();
            hello.stop();
        }
    }

    private static Server helloServer() throws Exception {
        Server server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("Content-Type", "text/plain");
                response.getHeaders().put("Content-Length", body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    record Result(String name, long requests, long errors, double seconds, int[] micros) {
        double perSecond() {
            return requests / seconds;
        }

        double percentile(double p) {
            if (micros.length == 0) {
                return 0;
            }
            return micros[(int) Math.min(micros.length - 1, Math.ceil(p * micros.length) - 1)] / 1000.0;
        }

        String row() {
            return String.format("| %s | %.0f | %.2f | %.2f | %.2f | %d |", name, perSecond(), percentile(0.50),
                    percentile(0.99), percentile(0.999), errors);
        }
    }

    private static Result run(String name, int port, boolean webhooks, int connections, int seconds) throws Exception {
        AtomicLong end = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong errors = new AtomicLong();
        List<int[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(connections);
        long[] counts = new long[connections];
        for (int i = 0; i < connections; i++) {
            int id = i;
            int[] mine = new int[400_000];
            samples.add(mine);
            Thread t = new Thread(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setTcpNoDelay(true);
                    Connection conn = new Connection(s);
                    ready.countDown();
                    go.await();
                    long n = 0;
                    while (System.nanoTime() < end.get() && n < mine.length - 4) {
                        if (webhooks) {
                            n = call(conn, "CB" + CALLS.incrementAndGet(), mine, n, errors);
                        } else {
                            long t0 = System.nanoTime();
                            int status = conn.post("/hello", helloForm(), null);
                            mine[(int) n++] = (int) ((System.nanoTime() - t0) / 1000);
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                    counts[id] = n;
                } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println(name + ": connection " + id + " failed: " + e);
                    ready.countDown();
                }
            }, "load-" + i);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        ready.await();
        // Every connection is open: the clock starts now, for all of them at once.
        long start = System.nanoTime();
        end.set(start + seconds * 1_000_000_000L);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        int[] all = new int[(int) total];
        int at = 0;
        for (int i = 0; i < connections; i++) {
            System.arraycopy(samples.get(i), 0, all, at, (int) counts[i]);
            at += (int) counts[i];
        }
        Arrays.sort(all);
        Result r = new Result(name, total, errors.get(), took, all);
        System.out.println(r.row());
        return r;
    }

    /** One call: incoming call, French, housing, hang-up; four timed requests. */
    private static long call(Connection conn, String sid, int[] out, long n, AtomicLong errors) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", "AC00000000000000000000000000000000");
        form.put("CallSid", sid);
        form.put("CallStatus", "in-progress");
        form.put("From", "+15145550100");
        form.put("To", "+15145550211");
        String path = "/twilio/voice";
        for (int step = 0; step < 3; step++) {
            long t0 = System.nanoTime();
            String sig = TwilioWebhookClient.sign(TOKEN, PUBLIC + path, form);
            int status = conn.post(path, encode(form), sig);
            out[(int) n++] = (int) ((System.nanoTime() - t0) / 1000);
            String body = conn.body();
            int a = body.indexOf("action=\"" + PUBLIC);
            if (status != 200 || (step < 2 && a < 0)) {
                errors.incrementAndGet();
                return n;
            }
            if (step < 2) {
                int from = a + "action=\"".length() + PUBLIC.length();
                path = body.substring(from, body.indexOf('"', from)).replace("&amp;", "&");
                form.put("Digits", "1");
            }
        }
        // The caller hangs up: Twilio's status callback.
        form.remove("Digits");
        form.put("CallStatus", "completed");
        long t0 = System.nanoTime();
        int status = conn.post("/twilio/status", encode(form), TwilioWebhookClient.sign(TOKEN, PUBLIC + "/twilio/status", form));
        out[(int) n++] = (int) ((System.nanoTime() - t0) / 1000);
        conn.body();
        if (status != 200) {
            errors.incrementAndGet();
        }
        return n;
    }

    private static String helloForm() {
        return "AccountSid=AC00000000000000000000000000000000&CallSid=CB0&CallStatus=in-progress"
                + "&From=%2B15145550100&To=%2B15145550211&Digits=1";
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A keep-alive HTTP/1.1 connection that reads responses with a Content-Length, with few copies. */
    private static final class Connection {
        private final InputStream in;
        private final OutputStream out;
        private byte[] buf = new byte[32 * 1024];
        private int start;
        private int end;
        private String body = "";

        Connection(Socket s) throws IOException {
            this.in = s.getInputStream();
            this.out = new java.io.BufferedOutputStream(s.getOutputStream(), 8 * 1024);
        }

        int post(String path, String form, String signature) throws IOException {
            byte[] b = form.getBytes(StandardCharsets.UTF_8);
            StringBuilder h = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    .append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(b.length).append("\r\n");
            if (signature != null) {
                h.append("X-Twilio-Signature: ").append(signature).append("\r\n");
            }
            h.append("\r\n");
            out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            return read();
        }

        String body() {
            return body;
        }

        private int read() throws IOException {
            int headEnd;
            while ((headEnd = find()) < 0) {
                fill();
            }
            String headers = new String(buf, start, headEnd - start, StandardCharsets.US_ASCII);
            int status = Integer.parseInt(headers.substring(9, 12));
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            start = headEnd + 4;
            while (end - start < length) {
                fill();
            }
            body = new String(buf, start, length, StandardCharsets.UTF_8);
            start += length;
            return status;
        }

        private int find() {
            for (int i = start; i + 3 < end; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            end += n;
        }
    }
}
