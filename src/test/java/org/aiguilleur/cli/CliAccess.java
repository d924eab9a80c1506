package org.aiguilleur.cli;

import java.io.PrintWriter;

/** Runs the command line from tests in other packages, with its output captured. */
public final class CliAccess {
    private CliAccess() {
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Main.run(out, err, args);
    }
}
