package org.aiguilleur.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * parsing, signature check, engine and TwiML. The hello server gets POSTs of the same size.
 *
 * <p>The driver is one thread with non-blocking sockets (like wrk), so that it takes as little of
 * the two cores from the servers as it can; each connection sends its next request as soon as the
 * previous answer is in (closed loop). Latency is from the request's first byte written to the
 * answer's last byte read.
 *
 * <p>Usage: {@code bench/webhook-load.sh [connections] [seconds] [warm-up seconds] [rounds]} (50 10 5 1);
 * rounds alternate hello and webhooks. Each row also gives the driver's own CPU and the rest of the
 * JVM's (the servers, JIT, GC) per request.
 * Bounded in time; loopback only.
 */
public final class WebhookLoadDriver {
    private static final String TOKEN = "bench-auth-token";
    private static final String PUBLIC = "https://public.example";
    private static final int MAX_SAMPLES = 4_000_000;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final ByteBuffer HELLO = request("/hello",
            "AccountSid=AC00000000000000000000000000000000&CallSid=CB0&CallStatus=in-progress"
                    + "&From=%2B15145550100&To=%2B15145550211&Digits=1",
            // The same headers as a webhook (hello ignores the signature): both servers parse alike.
            "Fq1n0Gk8u0aD7cZ3JrQpP2YwLxE=").asReadOnlyBuffer();
    /** Keyed once and cloned per request, as the server does: signing must not make the driver the bottleneck. */
    private static final Mac SIGNER = signer();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static long calls;

    private static Mac signer() {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String ACCOUNT = "AC00000000000000000000000000000000";
    private static final String FROM = "+15145550100";
    private static final String TO = "+15145550211";

    /** Twilio's signature of a signing string (URL, then each field's name and value by name), on the keyed Mac. */
    static String signature(String data) {
        try {
            Mac mac = (Mac) SIGNER.clone();
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer request(String target, String formBody, String signature) {
        byte[] b = formBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(512).append("POST ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(b.length).append("\r\n");
        if (signature != null) {
            h.append("X-Twilio-Signature: ").append(signature).append("\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(head.length + b.length).put(head).put(b).flip();
    }

    private WebhookLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        // The driver's hand-ordered signing string must be Twilio's: check it against the test client's.
        Map<String, String> sample = Map.of("AccountSid", ACCOUNT, "CallSid", "CB1", "CallStatus", "in-progress",
                "Digits", "1", "From", FROM, "To", TO);
        String expected = TwilioWebhookClient.sign(TOKEN, PUBLIC + "/twilio/gather?s=x", sample);
        if (!expected.equals(signature(PUBLIC + "/twilio/gather?s=xAccountSid" + ACCOUNT + "CallSidCB1CallStatusin-progress"
                + "Digits1From" + FROM + "To" + TO))) {
            throw new IllegalStateException("the driver signs differently from Twilio");
        }

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
            // Rounds alternate, so that the other work on a shared machine weighs on both alike.
            List<Result> hellos = new ArrayList<>();
            List<Result> hooks2 = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                hellos.add(run("hello", helloPort, false, connections, seconds));
                hooks2.add(run("webhooks", door.port(), true, connections, seconds));
            }
            System.out.println();
            System.out.println("| round | target | requests/s | p50 ms | p99 ms | p99.9 ms | errors | driver CPU (of one core)"
                    + " | driver µs/request | server µs/request | ratio |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            for (int i = 0; i < rounds; i++) {
                Result h = hellos.get(i);
                Result w = hooks2.get(i);
                System.out.println("| " + (i + 1) + " " + h.row() + " |");
                System.out.printf("| %d %s %.2f |%n", i + 1, w.row(), w.perSecond() / h.perSecond());
            }
            double ratio = hooks2.stream().mapToDouble(Result::perSecond).sum()
                    / hellos.stream().mapToDouble(Result::perSecond).sum();
            System.out.printf("%nwebhooks / hello throughput: %.2f over %d rounds (%d connections, %d s each, Java %s, %d cores;"
                            + " hello on %s)%n",
                    ratio, rounds, connections, seconds, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Boolean.getBoolean("hello.jettyDefaults")
                            ? "Jetty's default connector" : "the door's connector, " + org.aiguilleur.server.HttpFrontDoor.selectors()
                            + " selectors");
        } finally {
            door.close();
            hello.stop();
        }
    }

    private static Server helloServer() throws Exception {
        Server server = new Server();
        // The same connector as the HTTP door's (its selectors), unless asked for Jetty's defaults.
        ServerConnector c = Boolean.getBoolean("hello.jettyDefaults") ? new ServerConnector(server)
                : new ServerConnector(server, -1, org.aiguilleur.server.HttpFrontDoor.selectors());
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

    /**
     * {@code driverCpu}: this thread's CPU time in the run (the load driver's own share of the cores);
     * {@code processCpu}: the whole JVM's (servers, driver, JIT and GC).
     */
    record Result(String name, long requests, long errors, double seconds, int[] micros, double driverCpu,
                  double processCpu) {
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
            return String.format("| %s | %.0f | %.2f | %.2f | %.2f | %d | %.0f%% | %.1f | %.1f |", name, perSecond(),
                    percentile(0.50), percentile(0.99), percentile(0.999), errors, 100 * driverCpu / seconds,
                    driverCpu * 1e6 / Math.max(1, requests), (processCpu - driverCpu) * 1e6 / Math.max(1, requests));
        }
    }

    private static Result run(String name, int port, boolean webhooks, int connections, int seconds) throws IOException {
        int[] samples = new int[MAX_SAMPLES];
        int n = 0;
        long errors = 0;
        try (Selector selector = Selector.open()) {
            Conn[] conns = new Conn[connections];
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                conns[i] = new Conn(ch, webhooks);
                conns[i].key = ch.register(selector, 0, conns[i]);
            }
            long cpu0 = CPU.getCurrentThreadCpuTime();
            long process0 = PROCESS.getProcessCpuTime();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (Conn c : conns) {
                c.next();
            }
            int open = connections;
            while (open > 0) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    Conn c = (Conn) k.attachment();
                    if (k.isWritable()) {
                        c.write();
                    }
                    if (k.isValid() && k.isReadable()) {
                        int status = c.read();
                        if (status == 0) {
                            continue;
                        }
                        if (n < samples.length) {
                            samples[n++] = (int) ((System.nanoTime() - c.sentAt) / 1000);
                        }
                        if (!c.took(status)) {
                            errors++;
                        }
                        if (System.nanoTime() < end && n < samples.length) {
                            c.next();
                        } else {
                            c.channel.close();
                            open--;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            double took = (System.nanoTime() - start) / 1e9;
            double driverCpu = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double processCpu = (PROCESS.getProcessCpuTime() - process0) / 1e9;
            int[] all = Arrays.copyOf(samples, n);
            Arrays.sort(all);
            Result r = new Result(name, n, errors, took, all, driverCpu, processCpu);
            System.out.println(r.row());
            return r;
        }
    }

    /** One keep-alive connection and, for webhooks, the call it is playing. */
    private static final class Conn {
        final SocketChannel channel;
        final boolean webhooks;
        SelectionKey key;
        ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long sentAt;
        int step = 4;
        String path;
        String callSid;
        /** The answer's first callback path (its {@code action} URL without the public base), or null. */
        String action;

        Conn(SocketChannel channel, boolean webhooks) {
            this.channel = channel;
            this.webhooks = webhooks;
        }

        /** Builds and starts sending the next request. */
        void next() throws IOException {
            if (!webhooks) {
                // The same request every time, built once: the driver spends its time on the server's answers.
                out = HELLO.duplicate();
                sentAt = System.nanoTime();
                write();
                return;
            }
            String status = "in-progress";
            String digits = null;
            if (step == 4) {
                step = 0;
                callSid = "CB" + (++calls);
                path = "/twilio/voice";
            } else if (step == 3) {
                // The caller hangs up: Twilio's status callback.
                status = "completed";
                path = "/twilio/status";
            } else {
                path = action;
                digits = "1";
            }
            // The fields Twilio sends, in the order it signs them (sorted by name), built without maps:
            // the driver shares the cores with the servers it measures.
            StringBuilder encoded = new StringBuilder(160).append("AccountSid=").append(ACCOUNT)
                    .append("&CallSid=").append(callSid).append("&CallStatus=").append(status);
            StringBuilder signed = new StringBuilder(256).append(PUBLIC).append(path).append("AccountSid").append(ACCOUNT)
                    .append("CallSid").append(callSid).append("CallStatus").append(status);
            if (digits != null) {
                encoded.append("&Digits=").append(digits);
                signed.append("Digits").append(digits);
            }
            encoded.append("&From=").append(URLEncoder.encode(FROM, StandardCharsets.UTF_8))
                    .append("&To=").append(URLEncoder.encode(TO, StandardCharsets.UTF_8));
            signed.append("From").append(FROM).append("To").append(TO);
            send(path, encoded.toString(), signature(signed.toString()));
        }

        /** Whether the answer is what this step expects; moves the call on. */
        boolean took(int status) {
            if (!webhooks) {
                return status == 200;
            }
            boolean ok = status == 200 && (step >= 2 || action != null);
            step = ok ? step + 1 : 4;
            return ok;
        }

        private void send(String target, String formBody, String signature) throws IOException {
            out = request(target, formBody, signature);
            sentAt = System.nanoTime();
            write();
        }

        void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
        }

        /** Reads what came; the HTTP status once a whole answer is in, else 0. */
        int read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("connection closed");
            }
            byte[] a = in.array();
            int len = in.position();
            int headEnd = -1;
            for (int i = 0; i + 3 < len; i++) {
                if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                    headEnd = i;
                    break;
                }
            }
            if (headEnd < 0) {
                return 0;
            }
            int length = contentLength(a, headEnd);
            if (len < headEnd + 4 + length) {
                return 0;
            }
            // Only a call needs the answer: its next callback URL, found in the bytes (ASCII) without
            // decoding the whole TwiML.
            action = webhooks ? action(a, headEnd + 4, headEnd + 4 + length) : null;
            int rest = len - (headEnd + 4 + length);
            System.arraycopy(a, headEnd + 4 + length, a, 0, rest);
            in.position(rest);
            return (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
        }

        private static final byte[] ACTION = ("action=\"" + PUBLIC).getBytes(StandardCharsets.US_ASCII);

        private static String action(byte[] a, int from, int to) {
            outer:
            for (int i = from; i + ACTION.length < to; i++) {
                for (int j = 0; j < ACTION.length; j++) {
                    if (a[i + j] != ACTION[j]) {
                        continue outer;
                    }
                }
                int start = i + ACTION.length;
                int end = start;
                while (end < to && a[end] != '"') {
                    end++;
                }
                return new String(a, start, end - start, StandardCharsets.US_ASCII).replace("&amp;", "&");
            }
            return null;
        }

        private static int contentLength(byte[] a, int headEnd) {
            for (int i = 0; i + 16 < headEnd; i++) {
                if (a[i] == '\n' && (a[i + 1] | 0x20) == 'c' && (a[i + 9] | 0x20) == 'l' && a[i + 15] == ':'
                        && new String(a, i + 1, 15, StandardCharsets.US_ASCII).equalsIgnoreCase("Content-Length:")) {
                    int v = 0;
                    for (int j = i + 16; j < headEnd && a[j] != '\r'; j++) {
                        if (a[j] >= '0' && a[j] <= '9') {
                            v = v * 10 + (a[j] - '0');
                        }
                    }
                    return v;
                }
            }
            return 0;
        }
    }
}
