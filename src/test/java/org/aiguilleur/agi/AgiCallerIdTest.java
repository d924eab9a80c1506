package org.aiguilleur.agi;

import static org.aiguilleur.testing.FakeCaller.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aiguilleur.records.CallEvent;
import org.aiguilleur.testing.AgiTranscript;
import org.aiguilleur.testing.FakeAsterisk.Call;
import org.aiguilleur.testing.FakeAsterisk.Env;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Caller ID as Asterisk gives it: a number in any form is used for the region; {@code unknown},
 * {@code anonymous} and nothing make the journey ask for the postal code. The environments are the
 * captured ones where a capture exists.
 */
class AgiCallerIdTest {
    static RunningDoor door;

    @BeforeAll
    static void start() throws Exception {
        door = RunningDoor.at(AgiJourneyTest.OPEN);
    }

    @AfterAll
    static void stop() throws Exception {
        door.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "06a-callerid-e164      | +15145550100",
        "06b-callerid-national  | 5145550100",
        "06e-url-query-and-args | +15145550100",
        "01-normal-call         | +15145550100",
    })
    void capturedNumber_locatesTheCallerWithoutAskingThePostalCode(String transcript, String number) {
        AgiTranscript t = AgiTranscript.load(transcript);
        // 06e was captured on exten 212; its query string and arguments stay.
        String query = t.env("agi_network_script").replaceFirst("^[^?]*", "");
        Env env = Env.of(t.environment()).script("211" + query);
        Call call = door.asterisk().call(env, caller().press("1").press("1"));
        assertEquals("montreal", call.variable("AIGUILLEUR_REGION"), call.toString());
        assertTrue(call.commands.stream().noneMatch(c -> c.contains("/postal-code-")), "not asked");
        assertEquals(number, started(env).callerId(), "the number is passed through as given");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "06c-callerid-anonymous | anonymous",
        "06d-callerid-none      | unknown",
    })
    void capturedWithheldNumber_asksThePostalCode(String transcript, String raw) {
        Env env = Env.of(AgiTranscript.load(transcript).environment());
        Call call = door.asterisk().call(env, caller().press("1").press("429").press("1"));
        assertEquals("montreal", call.variable("AIGUILLEUR_REGION"), call.toString());
        assertEquals("queued", call.variable("AIGUILLEUR_OUTCOME"));
        assertEquals(raw, started(env).callerId());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "15145550100 | montreal | false",
        "4185230100  | capitale-nationale | false",
        "''          | montreal | true",
    })
    void otherForms(String number, String region, boolean asked) {
        Env env = Env.standard().callerId(number);
        Call call = door.asterisk().call(env, asked ? caller().press("1").press("429").press("1")
                : caller().press("1").press("1"));
        assertEquals(region, call.variable("AIGUILLEUR_REGION"), call.toString());
        assertEquals(asked, call.commands.stream().anyMatch(c -> c.contains("/postal-code-")));
        assertEquals(number, started(env).callerId());
    }

    static org.aiguilleur.flow.CallStart started(Env env) {
        for (int i = 0; i < 200; i++) {
            for (CallEvent e : door.events) {
                if (e instanceof CallEvent.IvrEnded ended && e.callId().equals(env.uniqueId())) {
                    return ended.start();
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no IvrEnded for " + env.uniqueId());
    }
}
