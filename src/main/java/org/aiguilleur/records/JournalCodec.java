package org.aiguilleur.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.flow.CallResult;
import org.aiguilleur.flow.CallStart;
import org.aiguilleur.flow.Event;
import org.aiguilleur.flow.Outcome;

/**
 * One {@link StoredEvent} as one line of JSON, for the journal. The line carries the caller hash,
 * never the caller number, and leaves out the prompts (records do not keep them).
 */
final class JournalCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalCodec() {
    }

    static String encode(StoredEvent stored) {
        CallEvent e = stored.event();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", stored.id());
        o.put("callId", e.callId());
        o.put("at", e.at().toString());
        if (e instanceof CallEvent.IvrEnded ivr) {
            o.put("type", "ivr-ended");
            o.put("door", ivr.start().door());
            o.put("startedAt", ivr.startedAt().toString());
            if (stored.callerHash() != null) {
                o.put("callerHash", stored.callerHash());
            }
            CallResult r = ivr.result();
            ObjectNode res = o.putObject("result");
            r.outcome().ifPresent(x -> res.put("outcome", x.name()));
            r.queue().ifPresent(x -> res.put("queue", x));
            r.language().ifPresent(x -> res.put("language", x));
            r.region().ifPresent(x -> res.put("region", x));
            r.regionSource().ifPresent(x -> res.put("regionSource", x));
            r.need().ifPresent(x -> res.put("need", x));
            r.interpreterLanguage().ifPresent(x -> res.put("interpreterLanguage", x));
            r.transferTo().ifPresent(x -> res.put("transferTo", x));
            r.callback().ifPresent(x -> res.put("callback", x));
            r.recording().ifPresent(x -> res.put("recording", x));
            r.closedReason().ifPresent(x -> res.put("closedReason", x));
            ArrayNode path = res.putArray("path");
            r.path().forEach(path::add);
            r.decidedAt().ifPresent(x -> res.put("decidedAt", x.toString()));
            r.error().ifPresent(x -> res.put("error", x));
        } else if (e instanceof CallEvent.QueueLeft q) {
            o.put("type", "queue-left");
            o.put("queue", q.queue());
            o.put("status", q.status().name());
            q.agent().ifPresent(a -> o.put("agent", a));
        } else if (e instanceof CallEvent.InterpreterAttempt i) {
            o.put("type", "interpreter-attempt");
            o.put("provider", i.provider());
            o.put("language", i.language());
            i.connectTime().ifPresent(d -> o.put("connectMs", d.toMillis()));
            o.put("interpretedMs", i.interpreted().toMillis());
            o.put("outcome", i.outcome());
        } else if (e instanceof CallEvent.CallEnded) {
            o.put("type", "call-ended");
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The event on a line; throws {@link IllegalArgumentException} for a line that is not one (a torn write). */
    static StoredEvent decode(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a journal line", e);
        }
        if (o == null || !o.hasNonNull("id") || !o.hasNonNull("type") || !o.hasNonNull("callId") || !o.hasNonNull("at")) {
            throw new IllegalArgumentException("not a journal line");
        }
        String id = o.get("id").asText();
        String callId = o.get("callId").asText();
        Instant at = Instant.parse(o.get("at").asText());
        switch (o.get("type").asText()) {
            case "ivr-ended" -> {
                JsonNode r = o.path("result");
                List<String> path = new ArrayList<>();
                r.path("path").forEach(p -> path.add(p.asText()));
                CallResult result = new CallResult(text(r, "outcome").map(Outcome::valueOf), text(r, "queue"),
                        text(r, "language"), text(r, "region"), text(r, "regionSource"), text(r, "need"),
                        text(r, "interpreterLanguage"), text(r, "transferTo"),
                        r.hasNonNull("callback") ? Optional.of(r.get("callback").asBoolean()) : Optional.empty(),
                        text(r, "recording"), text(r, "closedReason"), path, List.of(),
                        text(r, "decidedAt").map(Instant::parse), text(r, "error"));
                CallStart start = new CallStart(callId, o.path("door").asText("unknown"), "", "");
                return new StoredEvent(id, new CallEvent.IvrEnded(callId, at, start,
                        Instant.parse(o.get("startedAt").asText()), result), text(o, "callerHash").orElse(null));
            }
            case "queue-left" -> {
                return new StoredEvent(id, new CallEvent.QueueLeft(callId, at, o.path("queue").asText(null),
                        Event.QueueStatus.valueOf(o.get("status").asText()), text(o, "agent")), null);
            }
            case "interpreter-attempt" -> {
                Optional<Duration> connect = o.hasNonNull("connectMs")
                        ? Optional.of(Duration.ofMillis(o.get("connectMs").asLong())) : Optional.empty();
                return new StoredEvent(id, new CallEvent.InterpreterAttempt(callId, at, o.path("provider").asText(),
                        o.path("language").asText(), connect, Duration.ofMillis(o.path("interpretedMs").asLong()),
                        o.path("outcome").asText()), null);
            }
            case "call-ended" -> {
                return new StoredEvent(id, new CallEvent.CallEnded(callId, at), null);
            }
            default -> throw new IllegalArgumentException("unknown journal event type");
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
