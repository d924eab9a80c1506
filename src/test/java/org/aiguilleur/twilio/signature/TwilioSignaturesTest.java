package org.aiguilleur.twilio.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aiguilleur.testing.TwilioWebhookClient;
import org.junit.jupiter.api.Test;

/**
 * The signature check accepts exactly what the SDK's {@link RequestValidator} accepts: the one-HMAC
 * check of the URL as given signs as the SDK does, and everything else is the SDK's decision.
 */
class TwilioSignaturesTest {
    private static final String TOKEN = "12345678901234567890123456789012";
    private static final RequestValidator SDK = new RequestValidator(TOKEN);
    private static final List<String> BASES = List.of("https://public.example", "https://public.example:443",
            "https://public.example:8443/ivr", "http://public.example", "http://public.example:80");
    private static final List<String> PATHS = List.of("/twilio/voice", "/twilio/gather?s=MS5tZXQ6ZDE",
            "/twilio/record?s=abc&empty=1", "/twilio/queue-wait?lang=fr-CA");

    private static List<Map<String, String>> forms() {
        Map<String, String> twilio = new LinkedHashMap<>();
        twilio.put("CallSid", "CA0123");
        twilio.put("From", "+15145550100");
        twilio.put("To", "+15145550211");
        twilio.put("Digits", "1");
        twilio.put("AccountSid", "AC00");
        twilio.put("SpeechResult", "français, s'il vous plaît — Montréal");
        twilio.put("caller", "lower case sorts after upper case");
        return List.of(Map.of(), Map.of("CallSid", "CA1"), twilio);
    }

    @Test
    void signatureAsTwilioMakesIt_isWhatTheSdkAccepts() {
        for (String base : BASES) {
            TwilioSignatures s = new TwilioSignatures(base, TOKEN);
            for (String path : PATHS) {
                for (Map<String, String> form : forms()) {
                    String url = base + path;
                    String ours = s.sign(url, form);
                    assertEquals(TwilioWebhookClient.sign(TOKEN, url, form), ours, url);
                    assertTrue(SDK.validate(url, form, ours), url);
                    assertTrue(s.valid(path, form, ours), url);
                }
            }
        }
    }

    @Test
    void signatureWithThePortTheSdkAddsOrRemoves_isAcceptedThroughTheSdk() {
        TwilioSignatures plain = new TwilioSignatures("https://public.example", TOKEN);
        TwilioSignatures ported = new TwilioSignatures("https://public.example:443", TOKEN);
        Map<String, String> form = Map.of("CallSid", "CA1", "Digits", "2");
        String withPort = TwilioWebhookClient.sign(TOKEN, "https://public.example:443/twilio/voice", form);
        String withoutPort = TwilioWebhookClient.sign(TOKEN, "https://public.example/twilio/voice", form);
        assertFalse(plain.matchesAsGiven("https://public.example/twilio/voice", form, withPort));
        assertTrue(plain.valid("/twilio/voice", form, withPort));
        assertTrue(ported.valid("/twilio/voice", form, withoutPort));
    }

    @Test
    void wrongTokenAlteredUrlAlteredFieldOrGarbage_areRefusedAsTheSdkRefusesThem() {
        TwilioSignatures s = new TwilioSignatures("https://public.example/", TOKEN);
        Map<String, String> form = forms().get(2);
        String url = "https://public.example/twilio/gather?s=abc";
        String good = TwilioWebhookClient.sign(TOKEN, url, form);
        Map<String, String> altered = new LinkedHashMap<>(form);
        altered.put("Digits", "9");
        List<String[]> cases = List.of(
                new String[] {"/twilio/gather?s=abc", TwilioWebhookClient.sign("another-token", url, form)},
                new String[] {"/twilio/gather?s=abd", good},
                new String[] {"/twilio/gather?s=abc", good.substring(1)},
                new String[] {"/twilio/gather?s=abc", "not base64 at all é"},
                new String[] {"/twilio/gather?s=abc", good.toLowerCase(java.util.Locale.ROOT)});
        for (String[] c : cases) {
            assertFalse(s.valid(c[0], form, c[1]), c[0] + " " + c[1]);
            assertFalse(SDK.validate("https://public.example" + c[0], form, c[1]), c[1]);
        }
        assertFalse(s.valid("/twilio/gather?s=abc", altered, good));
        assertFalse(s.valid("/twilio/gather?s=abc", form, null));
        assertFalse(s.valid("/twilio/gather?s=abc", form, ""));
        assertTrue(s.valid("/twilio/gather?s=abc", form, good));
    }

    @Test
    void oneCheckerSharedByManyThreads_givesEachRequestItsOwnAnswer() throws Exception {
        TwilioSignatures s = new TwilioSignatures("https://public.example", TOKEN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                Map<String, String> form = Map.of("CallSid", "CA" + i, "Digits", Integer.toString(i % 10));
                String path = "/twilio/gather?s=" + i;
                String signature = TwilioWebhookClient.sign(TOKEN, "https://public.example" + path, form);
                boolean forged = i % 3 == 0;
                answers.add(pool.submit(() -> s.valid(path, form, forged ? signature.replace('A', 'B')
                        .replace('C', 'D') + "x" : signature) != forged));
            }
            for (Future<Boolean> a : answers) {
                assertTrue(a.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
