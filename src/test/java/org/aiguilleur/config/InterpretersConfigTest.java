package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aiguilleur.interpreter.Dial;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** interpreters.yaml as read: providers in order, their codes, and secrets from the environment or a file. */
class InterpretersConfigTest {
    private static final String ENABLE_FIRST = "name: Interprète Plus (EXAMPLE, fictional)\n    enabled: false";
    private static final String ENABLE_SECOND = "name: Langues Secours (EXAMPLE, fictional backup)\n    enabled: false";

    @Test
    void shipped_hasTwoExampleProviders_bothDisabled_soNoFictionalNumberIsEverDialled() throws ConfigException {
        Interpreters i = ConfigLoader.load(ConfigFixture.SHIPPED, Map.of()).interpreters();
        assertEquals(List.of("interprete-plus", "langues-secours"), i.providers().stream().map(Provider::id).toList());
        assertEquals(List.of(), i.enabled());
        assertEquals(List.of(), i.plan("pa"));
        Provider first = i.providers().get(0);
        assertEquals("+15145550199", first.number());
        assertEquals(Duration.ofSeconds(45), first.connectTimeout());
        assertEquals(2, first.attempts());
        assertEquals("0", first.identifyCode());
        assertEquals("110", first.codeFor("pa"));
    }

    @Test
    void enabledProviders_withSecretsFromTheEnvironment_renderTheirKeysInOrder(@TempDir Path tmp) {
        Interpreters i = ConfigFixture.copyOfShipped(tmp)
                .replace("config/interpreters.yaml", ENABLE_FIRST, ENABLE_FIRST.replace("false", "true"))
                .replace("config/interpreters.yaml", ENABLE_SECOND, ENABLE_SECOND.replace("false", "true"))
                .environment(Map.of("INTERPRETE_PLUS_ACCOUNT", "4455", "INTERPRETE_PLUS_PIN", "9876",
                        "LANGUES_SECOURS_PIN", "1234"))
                .loadsCleanly().interpreters();
        assertEquals(List.of("ww4455#w9876#ww110#", "ww4455#w9876#ww110#", "ww1234#ww18"),
                i.plan("pa").stream().map(Dial::dtmf).toList());
        assertEquals(List.of(Duration.ofSeconds(45), Duration.ofSeconds(45), Duration.ofSeconds(60)),
                i.plan("pa").stream().map(Dial::timeout).toList());
        // Atikamekw: only the backup lists it; the primary is then asked to identify it.
        assertEquals(List.of("ww1234#ww41", "ww4455#w9876#ww0#", "ww4455#w9876#ww0#"),
                i.plan("atj").stream().map(Dial::dtmf).toList());
    }

    @Test
    void secretsFile_fillsWhatTheEnvironmentLacks_andTheEnvironmentWins(@TempDir Path tmp) {
        Interpreters i = ConfigFixture.copyOfShipped(tmp)
                .replace("config/interpreters.yaml", "providers:\n  - id: interprete-plus\n    " + ENABLE_FIRST,
                        "secrets-file: test.secrets\nproviders:\n  - id: interprete-plus\n    "
                                + ENABLE_FIRST.replace("false", "true"))
                .write("config/test.secrets", "# interpreter secrets\nINTERPRETE_PLUS_ACCOUNT = 1111\nINTERPRETE_PLUS_PIN=2222\n")
                .environment(Map.of("INTERPRETE_PLUS_PIN", "9876"))
                .loadsCleanly().interpreters();
        assertEquals("ww1111#w9876#ww102#", i.plan("es").get(0).dtmf());
    }

    @Test
    void errorsAboutSecrets_neverShowTheirValues(@TempDir Path tmp) {
        List<String> errors = ConfigFixture.copyOfShipped(tmp)
                .replace("config/interpreters.yaml", ENABLE_FIRST, ENABLE_FIRST.replace("false", "true"))
                .environment(Map.of("INTERPRETE_PLUS_ACCOUNT", "44-55", "INTERPRETE_PLUS_PIN", "secret-pin"))
                .errors();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().noneMatch(e -> e.contains("44-55") || e.contains("secret-pin")), errors.toString());
    }

    @Test
    void noSecretsFileIsShipped() {
        assertFalse(ConfigFixture.PROJECT.resolve("config/interpreters.secrets").toFile().exists(),
                "no secrets file is shipped");
    }
}
