package org.aiguilleur.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.dialplan.QueuesConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aiguilleur dialplan}: writes Asterisk configuration generated from Aiguilleur's. */
@Command(name = "dialplan", mixinStandardHelpOptions = true,
        description = "Writes Asterisk configuration files generated from the configuration.",
        subcommands = DialplanCommand.Queues.class)
final class DialplanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code aiguilleur dialplan queues}: queues_aiguilleur.conf. */
    @Command(name = "queues", mixinStandardHelpOptions = true,
            description = {"Writes queues_aiguilleur.conf: one Asterisk queue per centre and language (<centre>-<language>),",
                "with the asterisk.queues settings of aiguilleur.yaml. Prints it unless --output is given."})
    static final class Queues implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--output", paramLabel = "FILE",
                description = "Write to FILE (folders are created) instead of standard output.")
        Path output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<Configuration> loaded = config.load(spec.commandLine().getErr());
            if (loaded.isEmpty()) {
                return 1;
            }
            String text = QueuesConf.render(loaded.get());
            if (output == null) {
                out.print(text);
                out.flush();
                return 0;
            }
            try {
                Path parent = output.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot write " + output + ": " + e.getMessage());
                return 1;
            }
            out.println("wrote " + output + " (" + loaded.get().queues().size() + " queues)");
            out.flush();
            return 0;
        }
    }
}
