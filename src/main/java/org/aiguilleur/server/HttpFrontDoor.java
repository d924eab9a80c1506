package org.aiguilleur.server;

import java.util.List;
import org.aiguilleur.config.Settings;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server (embedded Jetty) that features mount their handlers on: the Twilio webhooks,
 * and the agents' and records' APIs. Unknown paths get 404; errors never show a stack trace.
 */
public final class HttpFrontDoor implements FrontDoor {
    private final Settings.Listener listener;
    private final Server server;
    private final ServerConnector connector;

    private final List<AutoCloseable> companions;

    /** A door on {@code listener} (port 0: any free port) serving {@code routes}. */
    public HttpFrontDoor(Settings.Listener listener, List<HttpRoute> routes) {
        this(listener, routes, List.of());
    }

    /**
     * A door serving {@code routes} that also closes {@code companions} (the features behind the routes,
     * such as agent delivery's threads) when it closes.
     */
    public HttpFrontDoor(Settings.Listener listener, List<HttpRoute> routes, List<AutoCloseable> companions) {
        this.listener = listener;
        this.companions = List.copyOf(companions);
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        // Idle pool threads end at once on stop instead of waiting out their idle time.
        threads.setStopTimeout(100);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Proxies forward X-Forwarded-*; signatures are checked against the configured public URL, not these.
        this.connector = new ServerConnector(server, -1, selectors(), new HttpConnectionFactory(http));
        connector.setHost(listener.bind());
        connector.setPort(listener.port());
        server.addConnector(connector);
        server.setHandler(new HttpRoutes(routes));
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        server.setStopTimeout(2_000);
    }

    /**
     * One selector (I/O thread) per core, up to 8, where Jetty's default is half the cores: the Twilio
     * webhooks run on these threads (see twilio.SignedWebhook), so they are the door's workers.
     */
    public static int selectors() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void start() throws Exception {
        server.start();
    }

    /** The port listened on (the real one when the listener asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public String address() {
        return listener.bind() + ":" + (server.isStarted() ? port() : listener.port());
    }

    @Override
    public void close() throws Exception {
        server.stop();
        for (AutoCloseable c : companions) {
            c.close();
        }
    }
}
