package org.aiguilleur.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The FastAGI listening socket, handing out {@link AgiSocket}s. The accept queue holds
 * {@link #BACKLOG} connections (Asterisk-Java's own: 200), so a burst of calls arriving while the
 * acceptor is descheduled is queued, not refused. Accepted sockets send each command at once
 * ({@code TCP_NODELAY}): a command is one short write that waits for its reply.
 */
final class AgiServerSocket implements ServerSocketFacade {
    /** Connections the kernel queues before {@code accept}; Linux caps it at {@code net.core.somaxconn}. */
    static final int BACKLOG = 1024;
    /** Asterisk-Java's limit on a call's silence: three hours. */
    private static final int DEFAULT_READ_TIMEOUT_MS = 3 * 60 * 60 * 1000;

    private final ServerSocket socket;
    private volatile int readTimeoutMs = DEFAULT_READ_TIMEOUT_MS;

    AgiServerSocket(int port, InetAddress address) throws IOException {
        this.socket = new ServerSocket(port, BACKLOG, address);
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
        Socket s = socket.accept();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMs);
            return new AgiSocket(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The port listened on (the one asked for, or the one the system chose for 0). */
    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** As Asterisk-Java reads it: -1 is no limit, 0 its three-hour default. */
    @Override
    public void setSocketReadTimeout(int millis) {
        readTimeoutMs = millis == -1 ? 0 : millis == 0 ? DEFAULT_READ_TIMEOUT_MS : millis;
    }
}
