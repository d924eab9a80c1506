package org.aiguilleur.translate;

/** A translation request that failed; {@link #quota()} when the service refused it for quota. */
public final class TranslationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean quota;

    public TranslationException(String message, boolean quota, Throwable cause) {
        super(message, cause);
        this.quota = quota;
    }

    public boolean quota() {
        return quota;
    }
}
