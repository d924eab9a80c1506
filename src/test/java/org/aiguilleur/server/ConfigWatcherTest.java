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
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.aiguilleur.agents.roster.AgentTokens;
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

    @Test
    @Timeout(60)
    void editedTokensFile_inItsOwnSecretsFolder_isReloaded_andABadOneRefused() throws Exception {
        for (String d : new String[] {"config", "dialplans", "prompts"}) {
            copyTree(Path.of(d), tmp.resolve(d));
        }
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Path tokensFile = secrets.resolve("agent-tokens");
        String oldToken = "old-token-0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4";
        String newToken = "new-token-a1b2c3d4e5f60718293a4b5c6d7e8f90f1e2d3c4";
        Files.writeString(tokensFile, "luc-bouchard " + AgentTokens.hashOf(oldToken) + "\n");
        Path agents = tmp.resolve("config/agents.yaml");
        Files.writeString(agents, Files.readString(agents).replace("tokens-file: /etc/aiguilleur/agent-tokens",
                "tokens-file: " + tokensFile));
        Configuration initial = ConfigLoader.load(tmp.resolve("config"));
        LiveConfig live = new LiveConfig(initial, Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), initial.settings().zone()),
                LiveStaffing.UNKNOWN);
        LiveAgentTokens tokens = LiveAgentTokens.follow(live, Map.of());
        assertEquals(Optional.of("luc-bouchard"), tokens.agentFor(oldToken));
        try (ConfigWatcher watcher = new ConfigWatcher(live, Map.of())) {
            Files.writeString(tokensFile, "luc-bouchard " + AgentTokens.hashOf(newToken) + "\n");
            await(() -> tokens.agentFor(newToken).isPresent());
            assertEquals(Optional.empty(), tokens.agentFor(oldToken), "the old token is refused");

            Configuration good = live.config();
            int attempts = watcher.reloads();
            Files.writeString(tokensFile, "luc-bouchard sha256:not-a-hash\n");
            await(() -> watcher.reloads() > attempts);
            assertSame(good, live.config(), "a bad tokens file never replaces the running configuration");
            assertEquals(Optional.of("luc-bouchard"), tokens.agentFor(newToken), "nor the running tokens");
        }
    }
}
