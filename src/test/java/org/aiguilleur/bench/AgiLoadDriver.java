package org.aiguilleur.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.aiguilleur.testing.FakeAsterisk;
import org.aiguilleur.testing.FakeAsterisk.Call;
import org.aiguilleur.testing.FakeCaller;

/**
 * Holds N concurrent simulated calls against a running FastAGI server on loopback (see
 * {@code bench/agi-load.sh}, which starts the server). Each call is the fake Asterisk of the tests
 * with a caller who stays silent: every menu plays to its end and times out, so a call gives about
 * 40 commands; each command that plays or listens takes {@code --pace} ms, as a prompt would.
 * Calls start over {@code --ramp} seconds and overlap. Reports refused calls, the peak of calls in
 * progress, the server's response time per command (from the fake's reply to the server's next
 * command) and, with {@code --server-pid}, the server's resident memory per call.
 *
 * <p>Arguments: {@code --port P --calls N --pace MS --ramp S [--server-pid PID]}.
 */
public final class AgiLoadDriver {
    private AgiLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int port = 4573;
        int calls = 2000;
        int paceMs = 400;
        int rampS = 10;
        long serverPid = -1;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--pace" -> paceMs = Integer.parseInt(args[i + 1]);
                case "--ramp" -> rampS = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> serverPid = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        FakeAsterisk asterisk = new FakeAsterisk(port).pace(Duration.ofMillis(paceMs)).readTimeout(Duration.ofSeconds(60));
        // Warm the server up (class loading, JIT) with calls that are not counted.
        for (int i = 0; i < 300; i++) {
            new FakeAsterisk(port).call(FakeAsterisk.Env.standard(), FakeCaller.caller().press("1").press("1"));
        }
        long rssIdle = rssKb(serverPid);
        long cpuBefore = cpuTicks(serverPid);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> gaps = new ConcurrentLinkedQueue<>();
        long[] rssPeak = {rssIdle};
        CountDownLatch done = new CountDownLatch(calls);
        long start = System.nanoTime();
        long stepNanos = Duration.ofSeconds(rampS).toNanos() / calls;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long due = start + i * stepNanos;
            Thread t = new Thread(null, () -> {
                try {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    peak.accumulateAndGet(active.incrementAndGet(), Math::max);
                    Call c = asterisk.call(FakeAsterisk.Env.standard().callerId("+15145550100"), FakeCaller.caller());
                    if (c.commands.isEmpty()) {
                        refused.incrementAndGet();
                    } else if (c.variable("AIGUILLEUR_OUTCOME") == null || !c.violations.isEmpty()) {
                        failed.incrementAndGet();
                    } else {
                        completed.incrementAndGet();
                    }
                    // The first gap includes the server's accept and engine set-up: count it too.
                    gaps.add(c.gaps.stream().mapToLong(Long::longValue).toArray());
                } catch (RuntimeException | Error e) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    active.decrementAndGet();
                    done.countDown();
                }
            }, "caller-" + i, 256 * 1024);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        // Sample the server's memory while calls are in progress.
        while (done.getCount() > 0) {
            Thread.sleep(250);
            if (active.get() >= peak.get() * 0.95) {
                rssPeak[0] = Math.max(rssPeak[0], rssKb(serverPid));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = cpuTicks(serverPid) - cpuBefore;
        long[] all = gaps.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "calls %d: completed %d, refused %d, failed %d in %.1f s; peak in progress %d%n",
                calls, completed.get(), refused.get(), failed.get(), seconds, peak.get());
        System.out.printf(Locale.ROOT, "commands %d; server response per command: p50 %.3f ms, p99 %.3f ms,"
                        + " p99.9 %.3f ms, max %.3f ms%n", all.length, ms(all, 0.50), ms(all, 0.99), ms(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        if (serverPid > 0) {
            System.out.printf(Locale.ROOT, "server RSS: %d MiB idle, %d MiB at peak: %.1f KiB per call in progress%n",
                    rssIdle / 1024, rssPeak[0] / 1024, (rssPeak[0] - rssIdle) / (double) Math.max(1, peak.get()));
            // Clock ticks are 1/100 s on Linux: CPU per command does not depend on what else runs.
            System.out.printf(Locale.ROOT, "server CPU: %.1f s for %d commands: %.1f µs per command%n",
                    cpu / 100.0, all.length, all.length == 0 ? 0 : cpu * 10_000.0 / all.length);
        }
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    /** User plus system time of a process, in clock ticks ({@code /proc/PID/stat} fields 14 and 15). */
    private static long cpuTicks(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rssKb(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
