package org.aiguilleur.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Reads the Asterisk door's own keys of {@code server.agi}: limits and where sound files are. */
final class AgiDoorReader {
    /** The keys of {@code server.agi} besides {@code bind} and {@code port}. */
    static final Set<String> KEYS = Set.of("max-calls", "sounds", "sound-prefix", "recordings");

    private AgiDoorReader() {
    }

    static Settings.AgiDoor read(Node agi, Path base) {
        int maxCalls = agi.integer("max-calls", false, 1, 1_000_000).orElse(Settings.AgiDoor.DEFAULT_MAX_CALLS);
        Path sounds = agi.string("sounds", false).map(s -> base.resolve(s).normalize())
                .orElse(base.resolve("../sounds").normalize());
        Optional<String> prefix = agi.string("sound-prefix", false);
        prefix.ifPresent(p -> {
            if (p.isBlank() || p.chars().anyMatch(Character::isWhitespace) || p.contains("\"")) {
                agi.child("sound-prefix").error("\"" + p + "\" is not a path without spaces or quotes, like "
                        + "/var/lib/asterisk/sounds/aiguilleur");
            }
        });
        String recordings = agi.string("recordings", false).orElse(Settings.AgiDoor.DEFAULT_RECORDINGS);
        if (!recordings.startsWith("/") || recordings.chars().anyMatch(Character::isWhitespace)
                || recordings.contains("\"")) {
            agi.child("recordings").error("\"" + recordings + "\" is not an absolute path without spaces, like "
                    + Settings.AgiDoor.DEFAULT_RECORDINGS + " (Asterisk writes the messages there)");
        }
        if (sounds.toString().chars().anyMatch(Character::isWhitespace) && prefix.isEmpty()) {
            agi.child("sounds").error("\"" + sounds + "\" has a space, which Asterisk cannot stream from;"
                    + " move it or set sound-prefix");
        }
        return new Settings.AgiDoor(maxCalls, sounds, prefix, recordings);
    }
}
