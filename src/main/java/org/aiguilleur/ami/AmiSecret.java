package org.aiguilleur.ami;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.aiguilleur.config.AsteriskSettings;

/**
 * The AMI secret, which is never in the configuration: the environment variable
 * {@value AsteriskSettings.Ami#SECRET_ENV} first, else the first line of {@code secret-file}.
 */
public final class AmiSecret {
    private AmiSecret() {
    }

    /** Why no secret could be found; the message says what to set. */
    public static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }

    public static String resolve(AsteriskSettings.Ami ami, Map<String, String> env) throws Missing {
        String fromEnv = env.get(AsteriskSettings.Ami.SECRET_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (ami.secretFile().isEmpty()) {
            throw new Missing("no AMI secret: set " + AsteriskSettings.Ami.SECRET_ENV
                    + " or asterisk.ami.secret-file in aiguilleur.yaml");
        }
        try {
            List<String> lines = Files.readAllLines(ami.secretFile().get(), StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).strip().isEmpty()) {
                throw new Missing("the AMI secret file " + ami.secretFile().get() + " is empty");
            }
            return lines.get(0).strip();
        } catch (IOException e) {
            throw new Missing("cannot read the AMI secret file " + ami.secretFile().get() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); set " + AsteriskSettings.Ami.SECRET_ENV
                    + " or fix asterisk.ami.secret-file");
        }
    }
}
