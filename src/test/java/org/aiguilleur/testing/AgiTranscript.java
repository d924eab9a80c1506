package org.aiguilleur.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A literal AGI conversation captured from a real Asterisk 22 ({@code src/test/resources/agi-transcripts/}):
 * {@code A: } lines from Asterisk, {@code S: } lines from the server, {@code #} comments. The text
 * after the 3-character prefix is the exact line, trailing spaces included.
 */
public record AgiTranscript(String name, List<String> environment, List<Line> lines) {

    /** One line on the wire; {@code fromAsterisk} tells the direction. */
    public record Line(boolean fromAsterisk, String text) {
        @Override
        public String toString() {
            return (fromAsterisk ? "A: " : "S: ") + text;
        }
    }

    public static AgiTranscript load(String name) {
        String resource = "/agi-transcripts/" + name + (name.endsWith(".txt") ? "" : ".txt");
        try (InputStream in = AgiTranscript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> env = new ArrayList<>();
            List<Line> lines = new ArrayList<>();
            boolean inEnv = true;
            for (String raw : text.split("\n", -1)) {
                if (raw.startsWith("#") || raw.isEmpty()) {
                    continue;
                }
                boolean a = raw.startsWith("A: ");
                if (!a && !raw.startsWith("S: ")) {
                    throw new IllegalStateException(name + ": not a transcript line: " + raw);
                }
                String line = raw.substring(3);
                if (inEnv && a) {
                    if (line.isEmpty()) {
                        inEnv = false;
                    } else {
                        env.add(line);
                    }
                    continue;
                }
                lines.add(new Line(a, line));
            }
            return new AgiTranscript(name, List.copyOf(env), List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment as a map value: {@code agi_callerid} gives {@code +15145550100}. */
    public String env(String key) {
        for (String l : environment) {
            if (l.startsWith(key + ": ")) {
                return l.substring(key.length() + 2);
            }
        }
        return null;
    }
}
