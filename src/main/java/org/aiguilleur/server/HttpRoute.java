package org.aiguilleur.server;

import java.util.Objects;
import org.eclipse.jetty.server.Handler;

/**
 * A Jetty handler mounted on the HTTP front door. {@code pathSpec} is a servlet-style path:
 * exact ({@code /twilio/voice}) or a prefix ending in {@code /*} ({@code /api/agents/*}); the most
 * specific match wins, so {@code /twilio/agent/*} can sit beside {@code /twilio/*}.
 *
 * <p>A handler that blocks (files, databases, engine work) must keep Jetty's default blocking
 * invocation type ({@link Handler.Abstract}); only handlers that never block may declare themselves
 * non-blocking.
 */
public record HttpRoute(String pathSpec, Handler handler) {
    public HttpRoute {
        Objects.requireNonNull(pathSpec, "pathSpec");
        Objects.requireNonNull(handler, "handler");
        if (!pathSpec.startsWith("/")) {
            throw new IllegalArgumentException("path spec must start with /: " + pathSpec);
        }
    }
}
