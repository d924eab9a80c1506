package org.aiguilleur.records.store;

import java.util.List;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.routing.Centre;

/**
 * Which centre a call belongs to, for reports: the centre of its queue ({@code <centre>-<language>}),
 * else the centre serving its region (after-hours and hang-ups), else the default centre.
 */
public final class Centres {
    private final List<Centre> centres;
    private final String defaultCentre;

    public Centres(List<Centre> centres, String defaultCentre) {
        this.centres = List.copyOf(centres);
        this.defaultCentre = defaultCentre;
    }

    public static Centres of(Configuration cfg) {
        return new Centres(cfg.centres(), cfg.settings().defaultCentre());
    }

    /** The centre for a queue and a region, either of which may be null. */
    public String centre(String queue, String region) {
        if (queue != null) {
            for (Centre c : centres) {
                for (String l : c.languages()) {
                    if (c.queue(l).equals(queue)) {
                        return c.id();
                    }
                }
            }
        }
        if (region != null) {
            for (Centre c : centres) {
                if (c.serves(region)) {
                    return c.id();
                }
            }
        }
        return defaultCentre;
    }
}
