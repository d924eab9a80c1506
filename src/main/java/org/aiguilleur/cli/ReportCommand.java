package org.aiguilleur.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.RecordsSettings;
import org.aiguilleur.records.Records;
import org.aiguilleur.records.report.Grouping;
import org.aiguilleur.records.report.Report;
import org.aiguilleur.records.report.ReportBuilder;
import org.aiguilleur.records.report.ReportFormat;
import org.aiguilleur.records.store.Centres;
import org.aiguilleur.records.store.Database;
import org.aiguilleur.records.store.RecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aiguilleur report}: the statistics of a period from the call records. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
            "Statistics of the calls that started between two Québec local dates",
            "(both included): volumes, average speed of answer, abandonment in the IVR",
            "and in the queue, service level, handle time, interpreters by language,",
            "unmet needs by region and need.",
            "Counts under 5 show as \"<5\", and so do rates and averages over fewer",
            "than 5 calls, rates of 1 to 4 calls, and a second count wherever a hidden",
            "one could be found from the total: no caller can be singled out.",
            "The embedded H2 file opens in one process at a time: while serve runs on",
            "it, use GET /api/reports instead."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (YYYY-MM-DD, Québec local).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, included (YYYY-MM-DD).")
    String to;

    @Option(names = "--by", paramLabel = "GROUP", description = "Group rows by region, language, need, centre or hour (local).")
    String by;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate fromDate;
        LocalDate toDate;
        Optional<Grouping> grouping = Optional.empty();
        ReportFormat fmt;
        try {
            fromDate = date("--from", from);
            toDate = date("--to", to);
            ReportBuilder.checkPeriod(fromDate, toDate);
            if (by != null) {
                grouping = Optional.of(Grouping.parse(by));
            }
            fmt = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        Optional<Configuration> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return 1;
        }
        Configuration cfg = loaded.get();
        RecordsSettings s = cfg.settings().records();
        try (Database db = Records.database(s, System.getenv())) {
            ReportBuilder reports = new ReportBuilder(new RecordStore(db, Centres.of(cfg)), cfg.settings().zone(),
                    s.serviceLevel());
            Report report = reports.build(fromDate, toDate, grouping);
            out.print(fmt.render(report));
            out.flush();
            return 0;
        } catch (SQLException e) {
            err.println("cannot read the records database " + s.safeUrl() + ": " + e.getMessage());
            if (s.embedded() && e.getMessage() != null && e.getMessage().contains("already in use")) {
                err.println("The embedded database is open in a running server: use GET /api/reports on it, or stop it.");
            }
            err.flush();
            return 1;
        } catch (java.io.IOException e) {
            err.println("cannot read the records database password: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": \"" + value + "\" is not a date like 2026-11-01");
        }
    }
}
