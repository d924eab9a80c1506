package org.aiguilleur.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.Test;

/** The connection under Asterisk-Java's channel, over a real loopback socket. */
class AgiSocketTest {
    @Test
    void readsLinesSplitAcrossWritesAndLongerThanItsBuffer_thenNullAtTheEnd() throws Exception {
        AgiServerSocket server = new AgiServerSocket(0, InetAddress.getLoopbackAddress());
        try (Socket asterisk = new Socket(InetAddress.getLoopbackAddress(), localPort(server))) {
            SocketConnectionFacade conn = server.accept();
            OutputStream out = asterisk.getOutputStream();
            String longLine = "agi_callerid: " + "x".repeat(2000);
            byte[] accent = "agi_calleridname: Hélène\n".getBytes(StandardCharsets.UTF_8);
            out.write("agi_network: yes\nagi_re".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("agi_network: yes", conn.readLine());
            out.write(("quest: agi://127.0.0.1/211\n" + longLine + "\n").getBytes(StandardCharsets.US_ASCII));
            // The é split between two writes.
            int cut = "agi_calleridname: H".length() + 1;
            out.write(accent, 0, cut);
            out.flush();
            out.write(accent, cut, accent.length - cut);
            out.write("\n200 result=0 endpos=16000".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("agi_request: agi://127.0.0.1/211", conn.readLine());
            assertEquals(longLine, conn.readLine());
            assertEquals("agi_calleridname: Hélène", conn.readLine());
            assertEquals("", conn.readLine());
            asterisk.shutdownOutput();
            assertEquals("200 result=0 endpos=16000", conn.readLine()); // a last line without newline
            assertNull(conn.readLine());
            conn.close();
        } finally {
            server.close();
        }
    }

    @Test
    void writesNothingUntilFlush_thenTheWholeCommand() throws Exception {
        AgiServerSocket server = new AgiServerSocket(0, InetAddress.getLoopbackAddress());
        try (Socket asterisk = new Socket(InetAddress.getLoopbackAddress(), localPort(server))) {
            SocketConnectionFacade conn = server.accept();
            asterisk.setSoTimeout(200);
            InputStream in = asterisk.getInputStream();
            conn.write("STREAM FILE \"fr/é\" \"12\"");
            conn.write("\n");
            assertTrue(readsNothing(in));
            conn.flush();
            byte[] want = "STREAM FILE \"fr/é\" \"12\"\n".getBytes(StandardCharsets.UTF_8);
            assertEquals(new String(want, StandardCharsets.UTF_8), new String(in.readNBytes(want.length), StandardCharsets.UTF_8));
            conn.close();
        } finally {
            server.close();
        }
    }

    private static boolean readsNothing(InputStream in) throws Exception {
        try {
            in.read();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    private static int localPort(AgiServerSocket server) {
        return server.port();
    }
}
