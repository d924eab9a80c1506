package org.aiguilleur.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.aiguilleur.config.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aiguilleur check}: validates a configuration folder. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the configuration: every file (the agents' tokens file too), every reference between them,",
            "every prompt named.",
            "Exit 0 when it is valid; exit 1 with every error (file, path, value) on stderr otherwise."})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Configuration> c = config.load(spec.commandLine().getErr());
        if (c.isEmpty()) {
            return 1;
        }
        Configuration cfg = c.get();
        spec.commandLine().getOut().printf("%s: valid. %d centres, %d queues (%s), %d regions, %d prompt languages.%n",
                config.dir, cfg.centres().size(), cfg.queues().size(), String.join(", ", cfg.queues()),
                cfg.regions().regions().size(), cfg.prompts().languages().size());
        return 0;
    }
}
