package org.aiguilleur.agi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.Settings;
import org.aiguilleur.records.CallEvent;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.testing.FakeAsterisk;
import org.aiguilleur.testing.Fixtures;

/** The real Asterisk door on a free loopback port, on the shipped configuration at a fixed Québec time. */
final class RunningDoor implements AutoCloseable {
    static final String SOUNDS = "/snd";
    static final String RECORDINGS = "/var/spool/asterisk/aiguilleur";

    final AgiFrontDoor door;
    final int port;
    final List<CallEvent> events = new CopyOnWriteArrayList<>();

    private RunningDoor(InstantSource clock, int maxCalls) throws Exception {
        this.port = freePort();
        Configuration shipped = Fixtures.shipped();
        Settings s = shipped.settings();
        Settings settings = s.withAgi(new Settings.Listener("127.0.0.1", port))
                .withAgiDoor(new Settings.AgiDoor(maxCalls, s.agiDoor().sounds(), Optional.of(SOUNDS), RECORDINGS));
        Configuration cfg = new Configuration(shipped.dir(), settings, shipped.regions(), shipped.centres(),
                shipped.calendars(), shipped.flow(), shipped.prompts(), shipped.agents(), shipped.interpreters());
        LiveConfig live = new LiveConfig(cfg, clock, LiveStaffing.UNKNOWN);
        this.door = new AgiFrontDoor(live, events::add);
        door.start();
    }

    static RunningDoor at(Instant at) throws Exception {
        return new RunningDoor(Clock.fixed(at, Fixtures.QUEBEC), Settings.AgiDoor.DEFAULT_MAX_CALLS);
    }

    static RunningDoor at(Instant at, int maxCalls) throws Exception {
        return new RunningDoor(Clock.fixed(at, Fixtures.QUEBEC), maxCalls);
    }

    /** On a clock the test moves (a TestClock), for waits and handle times. */
    static RunningDoor on(InstantSource clock) throws Exception {
        return new RunningDoor(clock, Settings.AgiDoor.DEFAULT_MAX_CALLS);
    }

    FakeAsterisk asterisk() {
        return new FakeAsterisk(port);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        door.close();
    }
}
