package org.aiguilleur.records.http;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.records.CallRecorder;
import org.aiguilleur.records.report.Grouping;
import org.aiguilleur.records.report.Report;
import org.aiguilleur.records.report.ReportBuilder;
import org.aiguilleur.records.report.ReportFormat;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/reports?from=DATE&to=DATE[&by=region|language|need|centre|hour][&format=json|csv|table]}:
 * the same report as {@code aiguilleur report}, for managers only (agent ids listed in
 * {@code records.managers}). {@code GET /api/reports/recorder}: the recorder's
 * {@link CallRecorder.Stats} as JSON (is the database up, is the journal up, what could not be
 * journaled, what was dropped), for the same managers. A blocking handler.
 */
public final class ReportsHandler extends Handler.Abstract {
    /** Where this handler is mounted. */
    public static final String PREFIX = "/api/reports";
    private static final Logger LOG = LoggerFactory.getLogger(ReportsHandler.class);
    private static final Set<String> PARAMETERS = Set.of("from", "to", "by", "format");

    private final ReportBuilder reports;
    private final AgentAuthenticator auth;
    private final Set<String> managers;
    private final Supplier<Optional<CallRecorder.Stats>> recorder;

    /** Without a recorder: {@code /api/reports/recorder} answers 404. */
    public ReportsHandler(ReportBuilder reports, AgentAuthenticator auth, Set<String> managers) {
        this(reports, auth, managers, Optional::empty);
    }

    public ReportsHandler(ReportBuilder reports, AgentAuthenticator auth, Set<String> managers,
                          Supplier<Optional<CallRecorder.Stats>> recorder) {
        this.reports = reports;
        this.auth = auth;
        this.managers = Set.copyOf(managers);
        this.recorder = recorder;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            String agent = JsonHttp.agent(request, auth);
            if (!managers.contains(agent)) {
                throw new JsonHttp.HttpError(403, "reports are for managers (records.managers)");
            }
            String rest = JsonHttp.below(request, PREFIX);
            boolean stats = rest.equals("/recorder") && recorder.get().isPresent();
            if (!rest.equals("/") && !stats) {
                throw new JsonHttp.HttpError(404, "no such report");
            }
            if (!"GET".equals(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET");
                throw new JsonHttp.HttpError(405, request.getMethod() + " is not allowed here (use GET)");
            }
            if (stats) {
                JsonHttp.send(response, callback, 200, recorder.get().orElseThrow());
                return true;
            }
            Fields q = Request.extractQueryParameters(request);
            for (String name : q.getNames()) {
                if (!PARAMETERS.contains(name)) {
                    throw new JsonHttp.HttpError(400, name + ": unknown parameter (expected by, format, from, to)");
                }
            }
            LocalDate from = date(q, "from");
            LocalDate to = date(q, "to");
            Optional<Grouping> by = Optional.empty();
            ReportFormat format = ReportFormat.JSON;
            try {
                if (q.getValue("by") != null) {
                    by = Optional.of(Grouping.parse(q.getValue("by")));
                }
                if (q.getValue("format") != null) {
                    format = ReportFormat.parse(q.getValue("format"));
                }
                ReportBuilder.checkPeriod(from, to);
            } catch (IllegalArgumentException e) {
                throw new JsonHttp.HttpError(400, e.getMessage());
            }
            Report report = reports.build(from, to, by);
            JsonHttp.send(response, callback, 200, format.contentType(), format.render(report));
        } catch (JsonHttp.HttpError e) {
            JsonHttp.error(response, callback, e);
        } catch (SQLException e) {
            LOG.warn("reports API: database unavailable ({})", e.getMessage());
            JsonHttp.send(response, callback, 503, Map.of("error", "the records database is unavailable; try again shortly"));
        } catch (Exception e) {
            LOG.error("reports API: unexpected {}", e.getClass().getSimpleName(), e);
            JsonHttp.send(response, callback, 500, Map.of("error", "internal error"));
        }
        return true;
    }

    private static LocalDate date(Fields q, String name) throws JsonHttp.HttpError {
        String v = q.getValue(name);
        if (v == null) {
            throw new JsonHttp.HttpError(400, name + ": a date like 2026-11-01 is required");
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new JsonHttp.HttpError(400, name + ": \"" + v + "\" is not a date like 2026-11-01");
        }
    }
}
