package org.aiguilleur.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.simulate.Simulator;

/** The shipped configuration and helpers to run calls on it at a chosen Québec time. */
public final class Fixtures {
    public static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
    private static Configuration shipped;

    private Fixtures() {
    }

    /** The repository's own config/ (the default Québec deployment), loaded once. */
    public static synchronized Configuration shipped() {
        if (shipped == null) {
            try {
                shipped = ConfigLoader.load(Path.of("config"));
            } catch (ConfigException e) {
                throw new AssertionError("the shipped configuration must load:\n" + e.getMessage(), e);
            }
        }
        return shipped;
    }

    /** A local Québec wall-clock time as an instant. */
    public static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(QUEBEC).toInstant();
    }

    public static Engine engineAt(Instant at) {
        return shipped().engine(Clock.fixed(at, QUEBEC), LiveStaffing.UNKNOWN);
    }

    public static Engine engineAt(Instant at, LiveStaffing staffing) {
        return shipped().engine(Clock.fixed(at, QUEBEC), staffing);
    }

    public static Simulator.Run call(String from, Instant at, String... inputs) {
        return Simulator.run(engineAt(at), new CallStart("test-call", "test", from, "211"), List.of(inputs));
    }
}
