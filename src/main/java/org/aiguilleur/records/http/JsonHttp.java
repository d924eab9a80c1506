package org.aiguilleur.records.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.agents.AgentAuthenticator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** JSON requests and answers shared by the records handlers: bearer authentication, bounded bodies, errors. */
final class JsonHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BODY = 64 * 1024;

    /** An answer that ends the request with an HTTP error. */
    static final class HttpError extends Exception {
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private JsonHttp() {
    }

    /** The agent id of the request's {@code Authorization: Bearer} token. */
    static String agent(Request request, AgentAuthenticator auth) throws HttpError {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new HttpError(401, "a bearer token is required (Authorization: Bearer TOKEN)");
        }
        Optional<String> agent;
        try {
            agent = auth.agentFor(header.substring(7).strip());
        } catch (RuntimeException e) {
            agent = Optional.empty();
        }
        return agent.orElseThrow(() -> new HttpError(401, "unknown or expired token"));
    }

    /** The request body as JSON, at most {@link #MAX_BODY} bytes. */
    static JsonNode body(Request request) throws HttpError, IOException {
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            throw new HttpError(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new HttpError(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw new HttpError(400, "a JSON body is required");
        }
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new HttpError(400, "the body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "the body is not valid JSON");
        }
    }

    static void send(Response response, Callback callback, int status, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            text = "{\"error\":\"internal error\"}";
        }
        send(response, callback, status, "application/json; charset=utf-8", text);
    }

    static void send(Response response, Callback callback, int status, String contentType, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static void error(Response response, Callback callback, HttpError e) {
        if (e.status == 413) {
            // The rest of the body is not read: the connection cannot carry another request.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (e.status == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        send(response, callback, e.status, Map.of("error", e.getMessage()));
    }

    /** The path below {@code prefix}, whether the handler is mounted in a context or not. */
    static String below(Request request, String prefix) {
        String path = Request.getPathInContext(request);
        if (path.startsWith(prefix)) {
            path = path.substring(prefix.length());
        }
        return path.isEmpty() ? "/" : path;
    }
}
