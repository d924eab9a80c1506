package org.aiguilleur.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import org.aiguilleur.testing.FakeAsterisk;
import org.aiguilleur.testing.FakeCaller;

/**
 * Holds N concurrent simulated calls against a running FastAGI server on loopback (see
 * {@code bench/agi-load.sh}, which starts the server), from ONE thread with NIO, so the driver
 * neither competes with the server for the 2 cores with thousands of threads nor measures its own
 * threads' scheduling delays as the server's. Each call is the tests' fake Asterisk
 * ({@link FakeAsterisk.Channel}) with a caller who stays silent: every menu plays to its end and
 * times out, about 35 commands a call; a command that plays or listens is answered {@code --pace}
 * ms after it arrived, as a prompt would take; other commands at once. When a call ends, its slot
 * places a new call, so N calls stay in progress.
 *
 * <p>Phases: 200 quick warm-up calls (20 at a time, no pace: class loading and JIT) and the server's
 * idle memory; then the N calls, started over {@code --ramp} s; {@code --warmup} s more uncounted;
 * then {@code --duration} s measured. The server's response time is from the moment a reply was
 * written to the moment the server's next command was read. Since replies are sent on the driver's
 * own schedule (a reply never waits for another call's command), a slow server does not slow the
 * offered load: no coordinated omission. The driver's own lateness (a reply written after it was
 * due) is reported apart, so it can be told from the server's time.
 *
 * <p>Arguments: {@code --port P --calls N --pace MS --ramp S --warmup S --duration S [--server-pid PID]}.
 */
public final class AgiLoadDriver {
    private final InetSocketAddress server;
    private final FakeAsterisk asterisk;
    private final long paceNanos;
    private final Selector selector;
    private final PriorityQueue<Due> timers = new PriorityQueue<>();
    private final Samples response = new Samples();
    private final Samples answer = new Samples();
    private final Samples lateness = new Samples();
    private long measureFrom = Long.MAX_VALUE;
    private long measureUntil = Long.MAX_VALUE;
    private boolean placing = true;
    private int active;
    private int peak;
    private int completed;
    private int refused;
    private int failed;

    private AgiLoadDriver(int port, long paceMillis) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.asterisk = new FakeAsterisk(port).pace(Duration.ofMillis(paceMillis));
        this.paceNanos = Duration.ofMillis(paceMillis).toNanos();
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        int port = 4573;
        int calls = 2000;
        int paceMs = 400;
        int rampS = 10;
        int warmupS = 20;
        int durationS = 60;
        long serverPid = -1;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--pace" -> paceMs = Integer.parseInt(args[i + 1]);
                case "--ramp" -> rampS = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmupS = Integer.parseInt(args[i + 1]);
                case "--duration" -> durationS = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> serverPid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        long pid = serverPid;
        // Warm-up: class loading and JIT of both sides, not counted.
        AgiLoadDriver warm = new AgiLoadDriver(port, 0);
        warm.run(20, 0, Duration.ofSeconds(1), Duration.ZERO, 200);
        long rssIdle = rssKb(pid);

        AgiLoadDriver d = new AgiLoadDriver(port, paceMs);
        long[] cpu = new long[2];
        long[] rssPeak = {rssIdle};
        d.onMeasureStart = () -> {
            cpu[0] = cpuTicks(pid);
            cpu[1] = cpuTicks(ProcessHandle.current().pid());
        };
        d.onSecond = () -> rssPeak[0] = Math.max(rssPeak[0], rssKb(pid));
        Duration ramp = Duration.ofSeconds(rampS);
        d.run(calls, ramp.toNanos() / calls, ramp.plusSeconds(warmupS), Duration.ofSeconds(durationS), -1);
        long serverCpu = cpuTicks(serverPid) - cpu[0];
        long driverCpu = cpuTicks(ProcessHandle.current().pid()) - cpu[1];
        d.report(calls, durationS, serverPid > 0, rssIdle, rssPeak[0], serverCpu, driverCpu);
    }

    private Runnable onMeasureStart = () -> { };
    private Runnable onSecond = () -> { };

    /**
     * Keeps {@code calls} calls in progress (the i-th started {@code i * stepNanos} in), measures from
     * {@code warmup} for {@code duration}, then lets the calls in progress end. With {@code total >= 0},
     * places that many calls in all instead and measures nothing.
     */
    private void run(int calls, long stepNanos, Duration warmup, Duration duration, int total) throws IOException {
        long start = System.nanoTime();
        int[] left = {total};
        for (int i = 0; i < calls; i++) {
            timers.add(new Due(start + i * stepNanos, null));
        }
        if (total < 0) {
            measureFrom = start + warmup.toNanos();
            measureUntil = measureFrom + duration.toNanos();
        }
        boolean measuring = false;
        long nextSecond = start;
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= measureFrom) {
                measuring = true;
                peak = active;
                onMeasureStart.run();
            }
            if (now >= measureUntil) {
                placing = false;
            }
            if (measuring && placing && now >= nextSecond) {
                onSecond.run();
                nextSecond = now + 1_000_000_000L;
            }
            while (!timers.isEmpty() && timers.peek().at <= now) {
                Due due = timers.poll();
                if (due.call == null) {
                    if (placing && left[0] != 0) {
                        left[0]--;
                        place();
                    }
                } else {
                    due.call.reply(due.at);
                }
            }
            if (left[0] == 0 && active == 0) {
                placing = false;
            }
            if (!placing && active == 0) {
                return;
            }
            long wait = timers.isEmpty() ? 100 : Math.max(0, (timers.peek().at - System.nanoTime()) / 1_000_000);
            if (wait == 0) {
                selector.selectNow();
            } else {
                selector.select(Math.min(wait, 100));
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                ((Call) key.attachment()).ready(key);
            }
        }
    }

    private void place() throws IOException {
        SocketChannel socket = SocketChannel.open();
        socket.configureBlocking(false);
        socket.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        Call call = new Call(socket, asterisk.channel(FakeAsterisk.Env.standard().callerId("+15145550100"),
                FakeCaller.caller()));
        active++;
        peak = Math.max(peak, active);
        try {
            if (socket.connect(server)) {
                call.connected();
            } else {
                socket.register(selector, SelectionKey.OP_CONNECT, call);
            }
        } catch (IOException e) {
            call.end(true);
        }
    }

    /** A time something is due: a call to place ({@code call == null}) or a reply to write. */
    private record Due(long at, Call call) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            return Long.compare(at, o.at);
        }
    }

    /** One call's socket and fake channel. */
    private final class Call {
        private final SocketChannel socket;
        private final FakeAsterisk.Channel channel;
        private final ByteBuffer in = ByteBuffer.allocate(4096);
        private final StringBuilder line = new StringBuilder();
        private ByteBuffer out = ByteBuffer.allocate(0);
        private List<String> pending;
        private long written;
        private boolean first = true;
        private boolean ended;

        Call(SocketChannel socket, FakeAsterisk.Channel channel) {
            this.socket = socket;
            this.channel = channel;
        }

        void connected() throws IOException {
            written = System.nanoTime();
            send(channel.environment());
        }

        void ready(SelectionKey key) {
            try {
                if (key.isConnectable()) {
                    socket.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                    connected();
                    return;
                }
                if (key.isWritable()) {
                    flush();
                }
                if (key.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                end(channel.call.commands.isEmpty());
            }
        }

        private void read() throws IOException {
            in.clear();
            int n = socket.read(in);
            long now = System.nanoTime();
            if (n < 0) {
                try {
                    send(channel.closed());
                } catch (IOException gone) {
                    // The server closed fully and never reads it.
                }
                end(channel.call.commands.isEmpty());
                return;
            }
            in.flip();
            while (in.hasRemaining()) {
                char c = (char) (in.get() & 0xff); // AGI commands are ASCII
                if (c != '\n') {
                    line.append(c);
                    continue;
                }
                String command = line.toString();
                line.setLength(0);
                if (now >= measureFrom && now < measureUntil) {
                    (first ? answer : response).add(now - written);
                }
                first = false;
                if (channel.isMedia(command) && in.hasRemaining()) {
                    send(channel.cutShort(command));
                } else if (channel.paced(command)) {
                    pending = channel.reply(command);
                    timers.add(new Due(now + paceNanos, this));
                } else {
                    written = System.nanoTime();
                    send(channel.reply(command));
                }
            }
        }

        /** The paced reply is due (at {@code due}): write it. */
        void reply(long due) throws IOException {
            if (ended) {
                return;
            }
            written = System.nanoTime();
            if (written >= measureFrom && written < measureUntil) {
                lateness.add(written - due);
            }
            List<String> lines = pending;
            pending = null;
            try {
                send(lines);
            } catch (IOException e) {
                end(false);
            }
        }

        private void send(List<String> lines) throws IOException {
            if (lines.isEmpty()) {
                return;
            }
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l).append('\n'));
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer more = ByteBuffer.allocate(out.remaining() + bytes.length);
            more.put(out).put(bytes).flip();
            out = more;
            flush();
        }

        private void flush() throws IOException {
            socket.write(out);
            SelectionKey key = socket.keyFor(selector);
            int ops = SelectionKey.OP_READ | (out.hasRemaining() ? SelectionKey.OP_WRITE : 0);
            if (key == null) {
                socket.register(selector, ops, this);
            } else if (key.isValid()) {
                key.interestOps(ops);
            }
        }

        void end(boolean wasRefused) {
            if (ended) {
                return;
            }
            ended = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            active--;
            FakeAsterisk.Call c = channel.call;
            if (wasRefused) {
                refused++;
            } else if (c.variable("AIGUILLEUR_OUTCOME") == null || !c.violations.isEmpty()) {
                failed++;
            } else {
                completed++;
            }
            if (placing) {
                timers.add(new Due(System.nanoTime(), null)); // the slot's next call
            }
        }
    }

    private void report(int calls, int seconds, boolean server, long rssIdle, long rssPeak, long serverCpu,
            long driverCpu) {
        System.out.printf(Locale.ROOT, "calls held %d for %d s (after warm-up): completed %d, refused %d, failed %d;"
                + " peak in progress %d%n", calls, seconds, completed, refused, failed, peak);
        System.out.printf(Locale.ROOT, "commands %d: %.0f a second%n", response.size + answer.size,
                (response.size + answer.size) / (double) seconds);
        System.out.println("server response per command: " + response.summary());
        System.out.println("answer (connect to first command): " + answer.summary());
        System.out.println("driver lateness of paced replies: " + lateness.summary());
        long commands = Math.max(1, response.size + answer.size);
        if (server) {
            System.out.printf(Locale.ROOT, "server RSS: %d MiB idle, %d MiB at peak: %.1f KiB per call in progress%n",
                    rssIdle / 1024, rssPeak / 1024, (rssPeak - rssIdle) / (double) Math.max(1, peak));
            // Clock ticks are 1/100 s on Linux: CPU per command does not depend on what else runs.
            System.out.printf(Locale.ROOT, "server CPU: %.1f s (%.0f%% of one core): %.1f µs per command%n",
                    serverCpu / 100.0, serverCpu / (double) seconds, serverCpu * 10_000.0 / commands);
        }
        System.out.printf(Locale.ROOT, "driver CPU: %.1f s (%.0f%% of one core): %.1f µs per command%n",
                driverCpu / 100.0, driverCpu / (double) seconds, driverCpu * 10_000.0 / commands);
    }

    /** Nanosecond samples, kept whole and sorted for the quantiles. */
    private static final class Samples {
        private long[] values = new long[1 << 16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        String summary() {
            long[] s = Arrays.copyOf(values, size);
            Arrays.sort(s);
            return String.format(Locale.ROOT, "n %d, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
                    size, q(s, 0.5), q(s, 0.9), q(s, 0.99), q(s, 0.999), size == 0 ? 0 : s[size - 1] / 1e6);
        }

        private static double q(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
        }
    }

    /** User plus system time of a process, in clock ticks ({@code /proc/PID/stat} fields 14 and 15). */
    private static long cpuTicks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long rssKb(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
