package org.aiguilleur.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aiguilleur}: the 211 call-routing server and its tools. */
@Command(name = "aiguilleur", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Aiguilleur routes 211 callers to a person who speaks their language and knows their region.",
            "Configuration is read from a folder (config/ by default): aiguilleur.yaml and the files it names."
        },
        subcommands = {CheckCommand.class, SimulateCommand.class, ServeCommand.class, CommandLine.HelpCommand.class,
            DialplanCommand.class, AudioCommand.class, ReportCommand.class, PromptsCommand.class,
            LanguagesCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line writing to {@code out} and {@code err} instead of the console (for tests). */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
