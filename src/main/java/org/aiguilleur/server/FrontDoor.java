package org.aiguilleur.server;

/**
 * A way calls come in (Asterisk FastAGI, Twilio webhooks). Each door takes a new engine from
 * {@link LiveConfig#engine()} for every new call, so a reload reaches new calls only.
 */
public interface FrontDoor extends AutoCloseable {

    /** A short name for logs and the start-up summary ({@code asterisk-fastagi}). */
    String name();

    /** Starts listening; returns once the door accepts calls. */
    void start() throws Exception;

    /** Where the door listens, for the start-up summary. */
    String address();

    /** Stops taking new calls and lets calls in progress end. */
    @Override
    void close() throws Exception;
}
