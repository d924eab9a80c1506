package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case of {@code config-fixtures/good-cases.yaml} is an allowed variation that must load. */
class GoodConfigTest {

    static Stream<ConfigCase> goodCases() throws IOException {
        return ConfigCase.read("good-cases.yaml").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodCases")
    void allowedVariation_loads(ConfigCase c, @TempDir Path tmp) {
        assertNull(c.errors(), "a good case names no errors");
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp);
        String before = Files.exists(fixture.file(c.file())) ? fixture.read(c.file()) : "";
        c.applyTo(fixture);
        assertNotEquals(before, fixture.read(c.file()), "the case changes its file");
        assertEquals(2, fixture.loadsCleanly().centres().size());
    }
}
