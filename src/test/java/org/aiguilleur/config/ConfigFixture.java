package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the shipped configuration ({@code config/}, {@code dialplans/}, {@code prompts/}) in a
 * temporary folder, with the same layout, so that a test can break one thing in it. File names are
 * relative to the copy's root: {@code config/centres.yaml}, {@code dialplans/flow.yaml}.
 */
public final class ConfigFixture {
    /** The project folder (Maven runs tests there). */
    public static final Path PROJECT = Path.of("").toAbsolutePath();
    /** The shipped configuration folder. */
    public static final Path SHIPPED = PROJECT.resolve("config");

    private final Path root;
    private Map<String, String> environment = System.getenv();

    private ConfigFixture(Path root) {
        this.root = root;
    }

    /** Copies the shipped configuration into {@code tempDir}. */
    public static ConfigFixture copyOfShipped(Path tempDir) {
        for (String d : List.of("config", "dialplans", "prompts")) {
            copyTree(PROJECT.resolve(d), tempDir.resolve(d));
        }
        return new ConfigFixture(tempDir);
    }

    /** The folder to give to the loader ({@code <root>/config}). */
    public Path configDir() {
        return root.resolve("config");
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    public String read(String name) {
        try {
            return Files.readString(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the one occurrence of {@code find}; fails the test if it occurs zero or several times. */
    public ConfigFixture replace(String name, String find, String replacement) {
        String text = read(name);
        int at = text.indexOf(find);
        if (at < 0 || text.indexOf(find, at + 1) >= 0) {
            fail(name + " must contain exactly one \"" + find + "\"");
        }
        return write(name, text.substring(0, at) + replacement + text.substring(at + find.length()));
    }

    /** Creates or overwrites a file. */
    public ConfigFixture write(String name, String content) {
        try {
            Files.createDirectories(file(name).getParent());
            Files.writeString(file(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ConfigFixture delete(String name) {
        try {
            Files.delete(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The environment the loader reads secrets from (the process environment unless set). */
    public ConfigFixture environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        return this;
    }

    public Configuration load() throws ConfigException {
        return ConfigLoader.load(configDir(), environment);
    }

    /** The errors of a configuration that must not load, as {@code file: path: message}. */
    public List<String> errors() {
        return exception().errors().stream().map(ConfigError::toString).toList();
    }

    public ConfigException exception() {
        try {
            ConfigLoader.load(configDir(), environment);
        } catch (ConfigException e) {
            return e;
        }
        return fail("the configuration loaded, but it should have been rejected");
    }

    /** Fails unless the configuration loads; shows every error if it does not. */
    public Configuration loadsCleanly() {
        try {
            return load();
        } catch (ConfigException e) {
            assertEquals("", e.getMessage(), "the configuration should load");
            throw new AssertionError(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
