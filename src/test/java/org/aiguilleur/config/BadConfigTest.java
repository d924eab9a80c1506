package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case of {@code config-fixtures/bad-cases.yaml} breaks one thing in a copy of the shipped
 * configuration and names every error the loader must report for it.
 */
class BadConfigTest {

    /** One row of the table. */
    record BadCase(String name, String file, String find, String replace, String write, boolean delete,
                   List<String> errors) {
        @Override
        public String toString() {
            return name;
        }

        void applyTo(ConfigFixture fixture) {
            if (delete) {
                fixture.delete(file);
            } else if (write != null) {
                fixture.write(file, write);
            } else {
                fixture.replace(file, find, replace);
            }
        }
    }

    static List<BadCase> cases(String resource) throws IOException {
        try (InputStream in = BadConfigTest.class.getResourceAsStream("/config-fixtures/" + resource)) {
            return Arrays.asList(new ObjectMapper(new YAMLFactory()).readValue(in, BadCase[].class));
        }
    }

    static Stream<BadCase> badCases() throws IOException {
        return cases("bad-cases.yaml").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badConfiguration_isRejectedWithExactlyItsErrors(BadCase c, @TempDir Path tmp) {
        ConfigFixture fixture = ConfigFixture.copyOfShipped(tmp);
        c.applyTo(fixture);
        List<String> actual = fixture.errors();
        assertFalse(c.errors().isEmpty(), "the case names its errors");
        assertEquals(c.errors().stream().sorted().toList(), actual.stream().sorted().toList());
    }
}
