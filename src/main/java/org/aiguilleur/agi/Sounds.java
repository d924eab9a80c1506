package org.aiguilleur.agi;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.aiguilleur.audio.SoundFiles;
import org.aiguilleur.flow.Prompt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paths Asterisk streams prompts from ({@code <prefix>/<language>/<id>-<hash>}, no extension),
 * and a note in the log the first time a file turns out to be missing. Shared by all calls.
 */
final class Sounds {
    private static final Logger LOG = LoggerFactory.getLogger(Sounds.class);
    private static final int MAX_REPORTED = 1000;
    /** Paths by prompt: a configuration gives a few hundred prompts, each hashed once. */
    private static final int MAX_CACHED = 20_000;

    private final String prefix;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Map<Prompt, String> paths = new ConcurrentHashMap<>();

    Sounds(String prefix) {
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    String prefix() {
        return prefix;
    }

    String path(Prompt prompt) {
        String p = paths.get(prompt);
        if (p == null) {
            p = prefix + "/" + SoundFiles.relative(prompt);
            if (paths.size() < MAX_CACHED) {
                paths.put(prompt, p);
            }
        }
        return p;
    }

    String silence() {
        return prefix + "/" + SoundFiles.SILENCE;
    }

    void missing(String path) {
        if (reported.size() < MAX_REPORTED && reported.add(path)) {
            LOG.warn("Asterisk has no sound file {} (run `aiguilleur audio render`); input is still taken", path);
        }
    }
}
