package org.aiguilleur.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code config-fixtures/good-cases.yaml} or {@code bad-cases.yaml}: one edit of the shipped
 * configuration (replace the one {@code find} in {@code file}, or {@code write} it, or {@code delete} it)
 * and, for a bad case, every error it must produce. {@code environment}, when given, replaces the
 * process environment (interpreter secrets). Unknown fields in a row fail the test.
 */
record ConfigCase(String name, String file, String find, String replace, String write, boolean delete,
                  List<String> errors, Map<String, String> environment) {

    static List<ConfigCase> read(String resource) throws IOException {
        try (InputStream in = ConfigCase.class.getResourceAsStream("/config-fixtures/" + resource)) {
            return Arrays.asList(new ObjectMapper(new YAMLFactory()).readValue(in, ConfigCase[].class));
        }
    }

    void applyTo(ConfigFixture fixture) {
        if (environment != null) {
            fixture.environment(environment);
        }
        if (delete) {
            fixture.delete(file);
        } else if (write != null) {
            fixture.write(file, write);
        } else {
            fixture.replace(file, find, replace);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
