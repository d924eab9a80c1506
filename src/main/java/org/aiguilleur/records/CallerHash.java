package org.aiguilleur.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aiguilleur.routing.CallerNumber;

/**
 * Turns a caller number into a keyed hash (HMAC-SHA256, hex) so that repeat callers can be counted
 * without storing who they are. The number is normalised first ({@code +1 514 555-0100},
 * {@code 15145550100} and {@code 5145550100} hash the same); withheld and unknown numbers hash to
 * null. Without the secret the hash cannot be reversed by trying every number. Thread-safe.
 */
public final class CallerHash {
    private final SecretKeySpec key;

    public CallerHash(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the caller hash secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The hash of a caller number as the network gave it, or null when it is withheld or empty. */
    public String hash(String rawCallerId) {
        CallerNumber n = CallerNumber.parse(rawCallerId);
        if (n.kind() == CallerNumber.Kind.WITHHELD || n.digits().isEmpty()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(n.digits().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * The secret from the environment variable {@code envName}, else from {@code file}; when neither
     * exists the file is created with 32 random bytes (hex), readable by its owner only.
     */
    public static CallerHash load(Map<String, String> env, String envName, Path file) throws IOException {
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new CallerHash(fromEnv.strip().getBytes(StandardCharsets.UTF_8));
        }
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's permissions apply.
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return new CallerHash(text.getBytes(StandardCharsets.UTF_8));
    }
}
