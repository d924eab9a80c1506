package org.aiguilleur.flow;

import static org.aiguilleur.testing.Fixtures.call;
import static org.aiguilleur.testing.Fixtures.local;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.aiguilleur.simulate.Simulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Caller journeys through the default Québec flow, table-driven: every menu branch, timeouts and
 * invalid keys, every routing rule branch. Expected values use the simulator's JSON names; "-"
 * means the field stays empty.
 */
class JourneyTest {
    // Tuesday 24 November 2026: both centres open at 10:00; only Grand Montréal at 18:00; none at 21:00.
    static final Instant OPEN = local("2026-11-24T10:00");
    static final Instant EVENING = local("2026-11-24T18:00");
    static final Instant NIGHT = local("2026-11-24T21:00");

    static final String MONTREAL = "+15145550100";   // 514 exchange not in the table: Montréal by area code
    static final String QUEBEC_CITY = "4185230100";  // 418-523, Québec rate centre
    static final String GRANBY = "14503720100";      // 450-372, Granby: Estrie since 2021
    static final String SEPT_ILES = "+13672230100";  // 367-223, Côte-Nord
    static final String ILE_PERROT = "4382400100";   // 438-240, Ile-Perrot: Montérégie though 438
    static final String AKWESASNE = "+16135750100";  // 613-575, St-Regis: listed with province QC
    static final String EASTERN_UNLISTED = "4185550100"; // 418-555 not in the table
    static final String WESTERN_UNLISTED = "8195550100"; // 819-555 not in the table
    static final String TORONTO = "+14165550100";
    static final String PARIS = "+33142685300";

    record Journey(String name, String from, Instant at, String[] inputs, String outcome, String queue,
                   String language, String region, String need, String interpreter, String transferTo,
                   String callback) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Journey j(String name, String from, Instant at, String inputs, String outcome, String queue,
                     String language, String region, String need, String interpreter, String transferTo,
                     String callback) {
        String[] in = inputs.isEmpty() ? new String[0] : inputs.split(" ");
        return new Journey(name, from, at, in, outcome, queue, language, region, need, interpreter, transferTo, callback);
    }

    static Stream<Journey> journeys() {
        return Stream.of(
            // language menu
            j("french, housing, Montréal number", MONTREAL, OPEN, "1 1", "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "-", "-", "-"),
            j("english, food", MONTREAL, OPEN, "2 2", "queued", "grand-montreal-en", "en-CA", "montreal", "food", "-", "-", "-"),
            j("spanish, health", MONTREAL, OPEN, "3 3", "queued", "grand-montreal-es", "es", "montreal", "health-social", "-", "-", "-"),
            j("arabic, employment", MONTREAL, OPEN, "4 4", "queued", "grand-montreal-ar", "ar", "montreal", "employment", "-", "-", "-"),
            j("two language timeouts choose french", MONTREAL, OPEN, "timeout timeout 5", "queued", "grand-montreal-fr", "fr-CA", "montreal", "transport", "-", "-", "-"),
            j("unknown key then english", MONTREAL, OPEN, "7 2 6", "queued", "grand-montreal-en", "en-CA", "montreal", "home-help", "-", "-", "-"),
            j("two unknown keys choose french", MONTREAL, OPEN, "7 8 7", "queued", "grand-montreal-fr", "fr-CA", "montreal", "government", "-", "-", "-"),
            j("no input at all: french, need other", MONTREAL, OPEN, "", "queued", "grand-montreal-fr", "fr-CA", "montreal", "other", "-", "-", "-"),
            // other languages
            j("mandarin from second menu", MONTREAL, OPEN, "9 1 1", "interpreter", "grand-montreal-fr", "zh", "montreal", "housing", "zh", "-", "-"),
            j("haitian creole", QUEBEC_CITY, OPEN, "9 2 2", "interpreter", "quebec-regions-fr", "ht", "capitale-nationale", "food", "ht", "-", "-"),
            j("punjabi", MONTREAL, OPEN, "9 6 0", "interpreter", "grand-montreal-fr", "pa", "montreal", "other", "pa", "-", "-"),
            j("no choice in second menu: undetermined, no more questions", MONTREAL, OPEN, "9 timeout timeout", "interpreter", "grand-montreal-fr", "und", "montreal", "other", "und", "-", "-"),
            j("undetermined with withheld number: region unknown, not asked", "anonymous", OPEN, "9 8 8", "interpreter", "grand-montreal-fr", "und", "unknown", "other", "und", "-", "-"),
            // needs
            j("need 8 transfers to 811", MONTREAL, OPEN, "1 8", "transferred", "-", "fr-CA", "montreal", "health-social", "-", "811", "-"),
            j("need 0: an agent now", MONTREAL, OPEN, "2 0", "queued", "grand-montreal-en", "en-CA", "montreal", "other", "-", "-", "-"),
            j("need 811 at night is still transferred", MONTREAL, NIGHT, "1 8", "transferred", "-", "fr-CA", "montreal", "health-social", "-", "811", "-"),
            j("need: invalid then housing", MONTREAL, OPEN, "1 9 1", "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "-", "-", "-"),
            j("need: two failures give other", MONTREAL, OPEN, "1 * timeout", "queued", "grand-montreal-fr", "fr-CA", "montreal", "other", "-", "-", "-"),
            // region from the number
            j("québec city number goes to québec régions", QUEBEC_CITY, OPEN, "1 1", "queued", "quebec-regions-fr", "fr-CA", "capitale-nationale", "housing", "-", "-", "-"),
            j("granby is estrie, grand montréal", GRANBY, OPEN, "2 1", "queued", "grand-montreal-en", "en-CA", "estrie", "housing", "-", "-", "-"),
            j("sept-îles 367 is côte-nord", SEPT_ILES, OPEN, "1 2", "queued", "quebec-regions-fr", "fr-CA", "cote-nord", "food", "-", "-", "-"),
            j("île-perrot 438 is montérégie", ILE_PERROT, OPEN, "1 1", "queued", "grand-montreal-fr", "fr-CA", "monteregie", "housing", "-", "-", "-"),
            j("akwesasne 613 with province QC", AKWESASNE, OPEN, "2 1", "queued", "grand-montreal-en", "en-CA", "monteregie", "housing", "-", "-", "-"),
            // region from the postal code
            j("withheld number keys H2X", "anonymous", OPEN, "1 429 1", "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "-", "-", "-"),
            j("unknown number keys 417 (G1R or H1R): choice 1, québec", "unknown", OPEN, "1 417 1 1", "queued", "quebec-regions-fr", "fr-CA", "capitale-nationale", "housing", "-", "-", "-"),
            j("empty caller id keys G5L (Rimouski)", "", OPEN, "1 455 1", "queued", "quebec-regions-fr", "fr-CA", "bas-saint-laurent", "housing", "-", "-", "-"),
            j("toronto number keys J8Y (Gatineau)", TORONTO, OPEN, "2 589 1", "queued", "grand-montreal-en", "en-CA", "outaouais", "housing", "-", "-", "-"),
            j("international number keys H3A", PARIS, OPEN, "1 432 2 1", "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "-", "-", "-"),
            j("ambiguous keys: 418 area code prefers capitale-nationale", EASTERN_UNLISTED, OPEN, "1 412 1", "queued", "quebec-regions-fr", "fr-CA", "capitale-nationale", "housing", "-", "-", "-"),
            j("ambiguous keys, 819 area code fits neither: choose 1", WESTERN_UNLISTED, OPEN, "1 412 1 1", "queued", "quebec-regions-fr", "fr-CA", "capitale-nationale", "housing", "-", "-", "-"),
            j("ambiguous keys, withheld: choice 2 is the other region", "anonymous", OPEN, "1 415 2 1", "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "-", "-", "-"),
            j("ambiguous keys, choice times out twice: unknown region", "anonymous", OPEN, "1 412 timeout timeout 1", "queued", "grand-montreal-fr", "fr-CA", "unknown", "housing", "-", "-", "-"),
            j("postal code unknown twice: grand montréal rules", "anonymous", OPEN, "1 111 000 1", "queued", "grand-montreal-fr", "fr-CA", "unknown", "housing", "-", "-", "-"),
            j("postal code times out twice", "anonymous", OPEN, "2 timeout timeout 1", "queued", "grand-montreal-en", "en-CA", "unknown", "housing", "-", "-", "-"),
            j("postal code too short then right", "anonymous", OPEN, "1 42 429 1", "queued", "grand-montreal-fr", "fr-CA", "montreal", "housing", "-", "-", "-"),
            // routing rule branches
            j("home closed, other centre speaks french", QUEBEC_CITY, EVENING, "1 1", "queued", "grand-montreal-fr", "fr-CA", "capitale-nationale", "housing", "-", "-", "-"),
            j("home open but no spanish: the other centre", QUEBEC_CITY, OPEN, "3 1", "queued", "grand-montreal-es", "es", "capitale-nationale", "housing", "-", "-", "-"),
            j("nobody speaks the language: interpreter on home french queue", QUEBEC_CITY, OPEN, "9 3 1", "interpreter", "quebec-regions-fr", "pt", "capitale-nationale", "housing", "pt", "-", "-"),
            j("home closed, nobody speaks it: first open centre", QUEBEC_CITY, EVENING, "9 4 1", "interpreter", "grand-montreal-fr", "vi", "capitale-nationale", "housing", "vi", "-", "-"),
            j("all closed: after hours, no message", MONTREAL, NIGHT, "1 1 timeout timeout", "after-hours", "-", "fr-CA", "montreal", "housing", "-", "-", "false"),
            j("all closed: after hours with call-back", QUEBEC_CITY, NIGHT, "2 1 1 #", "after-hours", "-", "en-CA", "capitale-nationale", "housing", "-", "-", "true"),
            j("after hours: unknown key twice means goodbye", MONTREAL, NIGHT, "1 1 5 5", "after-hours", "-", "fr-CA", "montreal", "housing", "-", "-", "false"),
            j("after hours for an interpreter language", MONTREAL, NIGHT, "9 5 1", "after-hours", "-", "fa", "montreal", "housing", "-", "-", "false")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("journeys")
    void journey(Journey j) {
        Simulator.Run run = call(j.from(), j.at(), j.inputs());
        CallResult r = run.result();
        assertAll(j.name() + " " + Arrays.toString(j.inputs()) + " path " + r.path(),
            () -> assertEquals(j.outcome(), r.outcome().map(Outcome::id).orElse("-"), "outcome"),
            () -> assertEquals(j.queue(), r.queue().orElse("-"), "queue"),
            () -> assertEquals(j.language(), r.language().orElse("-"), "language"),
            () -> assertEquals(j.region(), r.region().orElse("-"), "region"),
            () -> assertEquals(j.need(), r.need().orElse("-"), "need"),
            () -> assertEquals(j.interpreter(), r.interpreterLanguage().orElse("-"), "interpreter language"),
            () -> assertEquals(j.transferTo(), r.transferTo().orElse("-"), "transfer"),
            () -> assertEquals(j.callback(), r.callback().map(String::valueOf).orElse("-"), "callback"));
    }
}
