package org.aiguilleur.agi;

import java.net.InetAddress;
import org.aiguilleur.config.Settings;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.server.FrontDoor;
import org.aiguilleur.server.LiveConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Asterisk front door: a FastAGI server (Asterisk-Java) on {@code server.agi} (default
 * 127.0.0.1:4573) serving the script {@code 211}. Each call takes the engine in force when it
 * starts; at its end the door sets the {@code AIGUILLEUR_*} channel variables and the dialplan
 * ({@code dialplans/asterisk/extensions_aiguilleur.conf}) acts on them.
 */
public final class AgiFrontDoor implements FrontDoor {
    private static final Logger LOG = LoggerFactory.getLogger(AgiFrontDoor.class);
    private static final long START_TIMEOUT_MS = 10_000;
    private static final long STOP_GRACE_MS = 5_000;

    private final Settings.Listener listener;
    private final CallServer server;
    private Thread acceptor;
    private volatile Exception startFailure;

    public AgiFrontDoor(LiveConfig live, CallEvents events) {
        this(live, events, InterpreterStarter.NONE);
    }

    /** @param interpreters starts the interpreter bridge of interpreted calls (over AMI) */
    public AgiFrontDoor(LiveConfig live, CallEvents events, InterpreterStarter interpreters) {
        Settings settings = live.config().settings();
        this.listener = settings.agi();
        int maxCalls = settings.agiDoor().maxCalls();
        this.server = new CallServer(new ScriptMapping(new CallScript(live, events, new ParkedCalls(maxCalls),
                interpreters)), maxCalls);
    }

    public AgiFrontDoor(LiveConfig live) {
        this(live, CallEvents.NONE);
    }

    @Override
    public String name() {
        return "asterisk-fastagi";
    }

    @Override
    public void start() throws Exception {
        server.setAddress(InetAddress.getByName(listener.bind()));
        server.setPort(listener.port());
        acceptor = new Thread(() -> {
            try {
                server.startup();
            } catch (Exception e) {
                startFailure = e;
            }
        }, "agi-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        long until = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (!server.awaitBound(50)) {
            if (startFailure != null) {
                throw new IllegalStateException("FastAGI cannot listen on " + address() + ": "
                        + startFailure.getMessage(), startFailure);
            }
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("FastAGI did not start listening on " + address());
            }
        }
        LOG.info("FastAGI listening on {} ({} threads, up to {} calls)", address(),
                CallThreads.virtual() ? "virtual" : "platform", server.maxCalls());
    }

    @Override
    public String address() {
        return "agi://" + listener + "/" + ScriptMapping.CALL;
    }

    /** Calls in progress now. */
    public int activeCalls() {
        return server.activeCalls();
    }

    @Override
    public void close() throws Exception {
        server.shutdown();
        if (!server.awaitCalls(STOP_GRACE_MS)) {
            LOG.warn("FastAGI stopped with {} calls still in progress", server.activeCalls());
        }
        if (acceptor != null) {
            acceptor.join(STOP_GRACE_MS);
        }
    }
}
