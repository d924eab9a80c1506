package org.aiguilleur.routing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The 211 routing rule for region R, language L and time T.
 *
 * <ol>
 *   <li>The home centre serves R (an unknown region takes the default centre); the candidates are
 *       the home centre first, then the others in configuration order.</li>
 *   <li>The first candidate open at T whose agents speak L gets the call on {@code <centre>-<L>}.</li>
 *   <li>Otherwise the first open candidate takes it on its interpreter queue with an interpreter.</li>
 *   <li>Otherwise the call is closed: after-hours.</li>
 * </ol>
 * A language whose queue is known to have no logged-in agent counts as not spoken.
 */
public final class Router {
    private final List<Centre> centres;
    private final Centre defaultCentre;
    private final ZoneId zone;
    private final String interpreterLanguage;

    /**
     * @param centres             every centre, in the order they take each other's calls
     * @param defaultCentre       the home centre when the region is unknown
     * @param zone                the zone of opening hours and holidays
     * @param interpreterLanguage the primary language of the queue that takes interpreted calls
     */
    public Router(List<Centre> centres, String defaultCentre, ZoneId zone, String interpreterLanguage) {
        this.centres = List.copyOf(centres);
        this.defaultCentre = centres.stream().filter(c -> c.id().equals(defaultCentre)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no centre " + defaultCentre));
        this.zone = Objects.requireNonNull(zone, "zone");
        this.interpreterLanguage = Objects.requireNonNull(interpreterLanguage, "interpreterLanguage");
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Centre> centres() {
        return centres;
    }

    /** The centre serving a region, or the default centre. */
    public Centre homeCentre(String regionId) {
        for (Centre c : centres) {
            if (c.serves(regionId)) {
                return c;
            }
        }
        return defaultCentre;
    }

    /** Routes a call; {@code excluded} centres (a queue that just failed) are passed over. */
    public RouteDecision route(String regionId, String languageTag, Instant at, LiveStaffing staffing,
                               Set<String> excluded) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        String language = primary(languageTag);
        Centre home = homeCentre(regionId);
        List<Centre> candidates = new ArrayList<>(centres.size());
        candidates.add(home);
        for (Centre c : centres) {
            if (c != home) {
                candidates.add(c);
            }
        }
        Centre firstOpen = null;
        for (Centre c : candidates) {
            if (excluded.contains(c.id()) || !c.isOpen(local)) {
                continue;
            }
            if (firstOpen == null) {
                firstOpen = c;
            }
            if (speaks(c, language, staffing)) {
                return new RouteDecision.Queue(c, c.queue(language), language);
            }
        }
        if (firstOpen != null) {
            return new RouteDecision.Interpreter(firstOpen, firstOpen.queue(interpreterLanguage),
                    languageTag == null || languageTag.isBlank() ? "und" : languageTag);
        }
        return new RouteDecision.Closed(home);
    }

    private static boolean speaks(Centre c, String language, LiveStaffing staffing) {
        return c.languages().contains(language) && staffing.hasAgents(c.queue(language)).orElse(true);
    }

    /** The primary subtag of a BCP 47 tag, lower case: {@code fr-CA} gives {@code fr}. */
    public static String primary(String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return "und";
        }
        int dash = languageTag.indexOf('-');
        return (dash < 0 ? languageTag : languageTag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }
}
