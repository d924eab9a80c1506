package org.aiguilleur.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * Sends each request to the handler of its route: an exact path first, else the longest matching
 * prefix; unmatched paths get 404. Handlers see the request unchanged (full path).
 *
 * <p>Non-blocking itself, so that Jetty may call it on its I/O thread: a route whose handler says it
 * does not block runs there (the Twilio webhooks, which hand themselves off when they must wait);
 * any other runs on Jetty's pool, as Jetty would run a blocking server.
 */
final class HttpRoutes extends Handler.AbstractContainer {
    private final Map<String, Handler> exact = new HashMap<>();
    private final List<Map.Entry<String, Handler>> prefixes = new ArrayList<>();
    private final List<Handler> all = new ArrayList<>();

    HttpRoutes(List<HttpRoute> routes) {
        for (HttpRoute r : routes) {
            String spec = r.pathSpec();
            if (spec.endsWith("/*")) {
                prefixes.add(Map.entry(spec.substring(0, spec.length() - 1), r.handler()));
                exact.putIfAbsent(spec.substring(0, spec.length() - 2), r.handler());
            } else if (exact.put(spec, r.handler()) != null) {
                throw new IllegalArgumentException("two routes for " + spec);
            }
            all.add(r.handler());
            addBean(r.handler());
        }
        prefixes.sort(Comparator.comparingInt((Map.Entry<String, Handler> e) -> e.getKey().length()).reversed());
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public List<Handler> getHandlers() {
        return List.copyOf(all);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        Handler h = exact.get(path);
        if (h == null) {
            for (Map.Entry<String, Handler> p : prefixes) {
                if (path.startsWith(p.getKey())) {
                    h = p.getValue();
                    break;
                }
            }
        }
        if (h == null) {
            Response.writeError(request, response, callback, 404);
        } else if (h.getInvocationType() == InvocationType.NON_BLOCKING) {
            run(h, request, response, callback);
        } else {
            Handler blocking = h;
            try {
                request.getComponents().getExecutor().execute(() -> run(blocking, request, response, callback));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                Response.writeError(request, response, callback, 503);
            }
        }
        return true;
    }

    private static void run(Handler h, Request request, Response response, Callback callback) {
        try {
            if (!h.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable t) {
            // Jetty's error page (no stack trace), as when a handler throws to Jetty itself.
            callback.failed(t);
        }
    }
}
