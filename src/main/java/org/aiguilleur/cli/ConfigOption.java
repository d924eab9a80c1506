package org.aiguilleur.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.aiguilleur.config.ConfigError;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import picocli.CommandLine.Option;

/** The {@code --config DIR} option shared by the commands. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "The configuration folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    /** Loads the configuration, or prints every error to {@code err} and returns empty. */
    Optional<Configuration> load(PrintWriter err) {
        try {
            return Optional.of(ConfigLoader.load(dir));
        } catch (ConfigException e) {
            err.println(dir + ": " + e.errors().size() + " configuration error" + (e.errors().size() == 1 ? "" : "s") + ":");
            for (ConfigError error : e.errors()) {
                err.println("  " + error);
            }
            err.flush();
            return Optional.empty();
        }
    }
}
