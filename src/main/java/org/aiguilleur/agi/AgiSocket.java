package org.aiguilleur.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One call's connection, as Asterisk-Java's channel reads and writes it: lines ending in
 * {@code \n}, UTF-8, {@code null} at the end of the stream. Asterisk-Java's own connection gives
 * each call about 50 KiB of reader and writer buffers; an AGI call's lines are short (the
 * environment, about 1 KiB in all, is the longest exchange), so this one reads through a 512-byte
 * buffer and writes each command in one system call at {@link #flush}.
 */
final class AgiSocket implements SocketConnectionFacade {
    private static final int READ_BUFFER = 512;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[READ_BUFFER];
    private int position;
    private int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private final StringBuilder pending = new StringBuilder(128);

    AgiSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public String readLine() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                int n = in.read(buffer);
                if (n < 0) {
                    // A last line without its newline still counts, as Asterisk-Java's scanner has it.
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                position = 0;
                limit = n;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (position < limit) {
                position++; // the newline
                return line.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public void write(String s) {
        pending.append(s);
    }

    @Override
    public void flush() throws IOException {
        if (pending.length() > 0) {
            out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
            pending.setLength(0);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }
}
