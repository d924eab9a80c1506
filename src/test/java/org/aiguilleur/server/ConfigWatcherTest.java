package org.aiguilleur.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.routing.LiveStaffing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Operators edit files of a running server: good edits are taken, bad ones refused. */
class ConfigWatcherTest {
    @TempDir
    Path tmp;

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }

    @Test
    @Timeout(60)
    void editedHours_reachNewCalls_andABadEditIsRefused() throws Exception {
        for (String d : new String[] {"config", "dialplans", "prompts"}) {
            copyTree(Path.of(d), tmp.resolve(d));
        }
        Configuration initial = ConfigLoader.load(tmp.resolve("config"));
        LiveConfig live = new LiveConfig(initial, Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), initial.settings().zone()),
                LiveStaffing.UNKNOWN);
        Path centres = tmp.resolve("config/centres.yaml");
        try (ConfigWatcher watcher = new ConfigWatcher(live)) {
            Engine before = live.engine();
            String text = Files.readString(centres);
            Files.writeString(centres, text.replace("name: 211 Québec régions", "name: 211 Québec et régions"));
            await(() -> live.config() != initial);
            assertEquals("211 Québec et régions", live.config().centres().get(1).name());
            assertTrue(live.engine() != before, "new calls get a new engine");

            Configuration good = live.config();
            int attempts = watcher.reloads();
            Files.writeString(centres, text.replace("\"08:30-16:30\"", "\"8h30-16h30\""));
            await(() -> watcher.reloads() > attempts);
            assertSame(good, live.config(), "a configuration with an error never replaces the running one");
        }
    }
}
