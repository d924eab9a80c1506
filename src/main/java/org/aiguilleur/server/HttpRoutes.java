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

/**
 * Sends each request to the handler of its route: an exact path first, else the longest matching
 * prefix; unmatched paths get 404. Handlers see the request unchanged (full path).
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
        if (h == null || !h.handle(request, response, callback)) {
            Response.writeError(request, response, callback, 404);
        }
        return true;
    }
}
