package org.aiguilleur.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One AMI packet as on the wire: {@code Key: Value} lines ended by an empty line. Keys keep their
 * order and may repeat ({@code Variable:} in an Originate); look-ups ignore case, as Asterisk does.
 */
public record AmiPacket(List<String[]> headers) {

    public AmiPacket {
        headers = List.copyOf(headers);
    }

    /** Builds a packet from alternating keys and values. */
    public static AmiPacket of(String... keysAndValues) {
        List<String[]> h = new ArrayList<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            h.add(new String[] {keysAndValues[i], keysAndValues[i + 1]});
        }
        return new AmiPacket(h);
    }

    /** Reads the next packet; empty at the end of the stream. Lines before the first header are skipped. */
    static Optional<AmiPacket> read(BufferedReader in) throws IOException {
        List<String[]> h = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (!h.isEmpty()) {
                    return Optional.of(new AmiPacket(h));
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
            }
        }
        return Optional.empty();
    }

    /** The first value of {@code key}, or empty text (Asterisk's astman_get_header). */
    public String get(String key) {
        return all(key).stream().findFirst().orElse("");
    }

    public List<String> all(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h[0].toLowerCase(Locale.ROOT).equals(k)).map(h -> h[1]).toList();
    }

    /** A copy with one more header. */
    public AmiPacket with(String key, String value) {
        List<String[]> h = new ArrayList<>(headers);
        h.add(new String[] {key, value});
        return new AmiPacket(h);
    }

    /** The wire form, CRLF line ends and the closing empty line. */
    public String wire() {
        StringBuilder b = new StringBuilder();
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    @Override
    public String toString() {
        return wire().replace("\r\n", " | ");
    }
}
