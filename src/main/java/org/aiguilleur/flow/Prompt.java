package org.aiguilleur.flow;

import java.util.Objects;

/**
 * One prompt ready to play: its id (the sound file's name for Asterisk), the language of its text
 * (which may be a fallback language, not the caller's) and the text itself (for speech synthesis).
 */
public record Prompt(String id, String language, String text) {
    public Prompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
    }
}
