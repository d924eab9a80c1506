package org.aiguilleur.audio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.aiguilleur.flow.Prompt;

/**
 * Where a prompt's audio lives: {@code <language>/<prompt id>-<hash of the text>}. The hash makes a
 * changed text a new file, so the server never plays an outdated recording and the renderer knows
 * what is missing. Asterisk takes the path without its extension ({@code .wav} on disk).
 */
public final class SoundFiles {
    /** The file GET DATA plays while it waits for more keys: a short silence at the sounds root. */
    public static final String SILENCE = "silence";

    private SoundFiles() {
    }

    /** {@code fr-CA/welcome-3f2a9c1b}: the path below the sounds folder, without extension. */
    public static String relative(Prompt prompt) {
        return safe(prompt.language()) + "/" + safe(prompt.id()) + "-" + hash(prompt.text());
    }

    /** The first 8 hex digits of the text's SHA-256. */
    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String safe(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    ? c : '_');
        }
        return out.toString();
    }
}
