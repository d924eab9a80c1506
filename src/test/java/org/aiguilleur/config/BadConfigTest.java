package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case of {@code config-fixtures/bad-cases.yaml} breaks one thing in a copy of the shipped
 * configuration and names every error the loader must report for it: no fewer, no more.
 */
class BadConfigTest {

    static Stream<ConfigCase> badCases() throws IOException {
        return ConfigCase.read("bad-cases.yaml").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badConfiguration_isRejectedWithExactlyItsErrors(ConfigCase c, @TempDir Path tmp) {
        assertFalse(c.errors() == null || c.errors().isEmpty(), "the case names its errors");
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp);
        c.applyTo(fixture);
        List<String> actual = fixture.errors();
        assertEquals(c.errors().stream().sorted().toList(), actual.stream().sorted().toList());
    }
}
