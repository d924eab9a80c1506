package org.aiguilleur.records.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.records.store.CallbackRequest;
import org.aiguilleur.records.store.NeedCode;
import org.aiguilleur.records.store.RecordStore;
import org.aiguilleur.records.store.Referral;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' records API, mounted under {@link #PREFIX} (every request carries an agent's bearer token):
 * <ul>
 *   <li>{@code GET  /calls/{id}}: the call's record with its coding;</li>
 *   <li>{@code PUT  /calls/{id}/coding}: {@code {"needs":[{"need":"housing","taxonomy":"BH-1800","met":false,
 *       "reason":"waiting-list"}],"referrals":[{"need":"housing","to":"..."}]}} replaces the call's coding;</li>
 *   <li>{@code GET  /callbacks} (open ones; {@code ?all=true} for closed ones too);</li>
 *   <li>{@code POST /callbacks/{id}/close}: {@code {"outcome":"reached"}}.</li>
 * </ul>
 * Answers are JSON; errors are {@code {"error": "..."}} with 400, 401, 404, 405, 409, 413, or 503
 * while the database is away. A blocking handler: JDBC runs on Jetty's worker threads.
 */
public final class RecordsHandler extends Handler.Abstract {
    /** Where the Twilio door mounts this handler. */
    public static final String PREFIX = "/api/records";
    /** Why a need was not met. */
    public static final Set<String> REASONS = Set.of("no-resource", "waiting-list", "not-eligible", "cost", "distance",
            "language", "hours", "declined", "other");
    /** How a call-back ended. */
    public static final Set<String> CALLBACK_OUTCOMES = Set.of("reached", "no-answer", "message-left", "wrong-number",
            "not-needed");
    private static final Pattern TAXONOMY = Pattern.compile("[A-Z]{1,2}(-\\d{4}(\\.\\d{4}(-\\d{3}(\\.\\d{2,3})?)?)?)?");
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger LOG = LoggerFactory.getLogger(RecordsHandler.class);

    private final RecordStore store;
    private final AgentAuthenticator auth;
    private final Set<String> needs;
    private final InstantSource clock;

    /** @param needs the need ids agents may code (those of {@code dialplans/flow.yaml}) */
    public RecordsHandler(RecordStore store, AgentAuthenticator auth, Set<String> needs, InstantSource clock) {
        this.store = store;
        this.auth = auth;
        this.needs = Set.copyOf(needs);
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            String agent = JsonHttp.agent(request, auth);
            String[] parts = JsonHttp.below(request, PREFIX).substring(1).split("/", -1);
            String method = request.getMethod();
            if (parts.length == 2 && parts[0].equals("calls")) {
                allow(method, response, "GET");
                JsonHttp.send(response, callback, 200, forAgents(store.call(callId(parts[1]))
                        .orElseThrow(() -> new JsonHttp.HttpError(404, "no record of call " + parts[1]))));
            } else if (parts.length == 3 && parts[0].equals("calls") && parts[2].equals("coding")) {
                allow(method, response, "PUT");
                code(request, response, callback, callId(parts[1]), agent);
            } else if (parts.length == 1 && parts[0].equals("callbacks")) {
                allow(method, response, "GET");
                boolean all = "true".equals(Request.extractQueryParameters(request).getValue("all"));
                List<Map<String, Object>> list = new ArrayList<>();
                for (CallbackRequest c : store.callbacks(!all, 1000)) {
                    list.add(describe(c));
                }
                JsonHttp.send(response, callback, 200, Map.of("callbacks", list));
            } else if (parts.length == 3 && parts[0].equals("callbacks") && parts[2].equals("close")) {
                allow(method, response, "POST");
                close(request, response, callback, callId(parts[1]), agent);
            } else {
                throw new JsonHttp.HttpError(404, "no such records resource");
            }
        } catch (JsonHttp.HttpError e) {
            JsonHttp.error(response, callback, e);
        } catch (SQLException e) {
            LOG.warn("records API: database unavailable ({})", e.getMessage());
            JsonHttp.send(response, callback, 503, Map.of("error", "the records database is unavailable; try again shortly"));
        } catch (Exception e) {
            LOG.error("records API: unexpected {}", e.getClass().getSimpleName(), e);
            JsonHttp.send(response, callback, 500, Map.of("error", "internal error"));
        }
        return true;
    }

    private static void allow(String method, Response response, String allowed) throws JsonHttp.HttpError {
        if (!allowed.equals(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, allowed);
            throw new JsonHttp.HttpError(405, method + " is not allowed here (use " + allowed + ")");
        }
    }

    private static String callId(String s) throws JsonHttp.HttpError {
        if (!CALL_ID.matcher(s).matches()) {
            throw new JsonHttp.HttpError(404, "no such call");
        }
        return s;
    }

    private void code(Request request, Response response, Callback callback, String callId, String agent)
            throws Exception {
        JsonNode body = JsonHttp.body(request);
        only(body, "body", Set.of("needs", "referrals"));
        List<NeedCode> coded = new ArrayList<>();
        JsonNode list = body.path("needs");
        if (!list.isArray() || list.isEmpty() || list.size() > 20) {
            throw new JsonHttp.HttpError(400, "needs: give a list of 1 to 20 needs");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "needs[" + i + "]";
            only(n, where, Set.of("need", "taxonomy", "met", "reason"));
            String need = need(n.path("need"), where);
            Optional<String> taxonomy = Optional.empty();
            if (n.hasNonNull("taxonomy")) {
                String t = n.get("taxonomy").asText();
                if (!n.get("taxonomy").isTextual() || !TAXONOMY.matcher(t).matches()) {
                    throw new JsonHttp.HttpError(400, where + ".taxonomy: \"" + t + "\" is not a 211 taxonomy code like BH-1800.8500");
                }
                taxonomy = Optional.of(t);
            }
            if (!n.path("met").isBoolean()) {
                throw new JsonHttp.HttpError(400, where + ".met: true or false is required");
            }
            boolean met = n.get("met").asBoolean();
            Optional<String> reason = Optional.empty();
            if (!met) {
                String r = n.path("reason").asText("");
                if (!REASONS.contains(r)) {
                    throw new JsonHttp.HttpError(400, where + ".reason: an unmet need needs a reason, one of "
                            + String.join(", ", REASONS.stream().sorted().toList()));
                }
                reason = Optional.of(r);
            } else if (n.hasNonNull("reason")) {
                throw new JsonHttp.HttpError(400, where + ".reason: only an unmet need has a reason");
            }
            coded.add(new NeedCode(need, taxonomy, met, reason));
        }
        List<Referral> referrals = new ArrayList<>();
        JsonNode refs = body.path("referrals");
        if (!refs.isMissingNode() && !refs.isNull()) {
            if (!refs.isArray() || refs.size() > 50) {
                throw new JsonHttp.HttpError(400, "referrals: give a list of at most 50 referrals");
            }
            for (int i = 0; i < refs.size(); i++) {
                JsonNode r = refs.get(i);
                String where = "referrals[" + i + "]";
                only(r, where, Set.of("need", "to"));
                String need = need(r.path("need"), where);
                String to = r.path("to").asText("").strip();
                if (!r.path("to").isTextual() || to.isEmpty() || to.length() > 200) {
                    throw new JsonHttp.HttpError(400, where + ".to: the organisation or programme (1 to 200 characters)");
                }
                referrals.add(new Referral(need, to));
            }
        }
        if (!store.code(callId, coded, referrals, agent, clock.instant())) {
            throw new JsonHttp.HttpError(404, "no record of call " + callId + " (yet)");
        }
        JsonHttp.send(response, callback, 200, forAgents(store.call(callId).orElseThrow()));
    }

    private String need(JsonNode n, String where) throws JsonHttp.HttpError {
        String need = n.asText("");
        if (!n.isTextual() || !needs.contains(need)) {
            throw new JsonHttp.HttpError(400, where + ".need: \"" + need + "\" is not a need id (one of "
                    + String.join(", ", needs.stream().sorted().toList()) + ")");
        }
        return need;
    }

    private static void only(JsonNode n, String where, Set<String> keys) throws JsonHttp.HttpError {
        if (!n.isObject()) {
            throw new JsonHttp.HttpError(400, where + ": expected an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new JsonHttp.HttpError(400, where + "." + k + ": unknown field (expected one of "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private void close(Request request, Response response, Callback callback, String callId, String agent)
            throws Exception {
        JsonNode body = JsonHttp.body(request);
        only(body, "body", Set.of("outcome"));
        String outcome = body.path("outcome").asText("");
        if (!CALLBACK_OUTCOMES.contains(outcome)) {
            throw new JsonHttp.HttpError(400, "outcome: one of " + String.join(", ", CALLBACK_OUTCOMES.stream().sorted().toList()));
        }
        switch (store.closeCallback(callId, agent, outcome, clock.instant())) {
            case CLOSED -> JsonHttp.send(response, callback, 200, Map.of("callId", callId, "closed", true,
                    "outcome", outcome, "handledBy", agent));
            case NO_SUCH_CALL -> throw new JsonHttp.HttpError(404, "no record of call " + callId);
            case NOT_REQUESTED -> throw new JsonHttp.HttpError(409, "call " + callId + " asked for no call-back");
            case ALREADY_CLOSED -> throw new JsonHttp.HttpError(409, "the call-back of " + callId + " is already closed");
        }
    }

    /** A record as agents see it: without the caller hash, which is for statistics only. */
    private static Map<String, Object> forAgents(Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>(record);
        out.remove("caller_hash");
        return out;
    }

    private static Map<String, Object> describe(CallbackRequest c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callId", c.callId());
        m.put("requestedAt", c.requestedAt() == null ? null : c.requestedAt().toString());
        m.put("language", c.language().orElse(null));
        m.put("region", c.region().orElse(null));
        m.put("need", c.need().orElse(null));
        m.put("centre", c.centre().orElse(null));
        m.put("recording", c.recording().orElse(null));
        m.put("handledAt", c.handledAt().map(Object::toString).orElse(null));
        m.put("handledBy", c.handledBy().orElse(null));
        m.put("outcome", c.outcome().orElse(null));
        return m;
    }
}
