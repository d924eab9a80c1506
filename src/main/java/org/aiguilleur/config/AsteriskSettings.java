package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code asterisk} block of {@code aiguilleur.yaml}: how the generated queues behave and the
 * optional AMI connection. Absent keys take the defaults of {@link Queues#DEFAULTS}; an absent
 * {@code ami} block means no AMI (staffing comes from the configuration).
 *
 * @param queues the settings of every generated queue
 * @param ami    the Asterisk Manager connection, if any
 */
public record AsteriskSettings(Queues queues, Optional<Ami> ami) {

    /** No AMI, default queues. */
    public static final AsteriskSettings DEFAULTS = new AsteriskSettings(Queues.DEFAULTS, Optional.empty());

    /**
     * What {@code aiguilleur dialplan queues} writes into every queue.
     *
     * @param musicOnHold           the music-on-hold class callers hear ({@code musicclass})
     * @param strategy              how members are rung ({@code rrmemory}, {@code ringall}, …)
     * @param ringTimeout           how long one member's phone rings before the next is tried
     * @param announceEvery         how often position and hold time are announced
     * @param periodicAnnounceEvery how often "all our agents are busy, please hold" is said
     * @param soundLanguages        languages whose Asterisk sounds ({@code queue-youarenext}, …) are
     *                              installed; queues of other languages announce nothing
     * @param maxWait               the longest a caller waits in one queue ({@code Queue()}'s timeout,
     *                              passed by the server): then the engine routes the call again
     */
    public record Queues(String musicOnHold, String strategy, Duration ringTimeout, Duration announceEvery,
                         Duration periodicAnnounceEvery, List<String> soundLanguages, Duration maxWait) {

        /** Asterisk's own sounds exist in these languages (asterisk-core-sounds). */
        public static final Queues DEFAULTS = new Queues("default", "rrmemory", Duration.ofSeconds(15),
                Duration.ofSeconds(60), Duration.ofSeconds(90), List.of("en", "fr", "es"), Duration.ofMinutes(15));

        public Queues {
            soundLanguages = List.copyOf(soundLanguages);
        }
    }

    /**
     * An Asterisk Manager (AMI) account. The secret is never in the configuration: it comes from
     * the environment variable {@value #SECRET_ENV} or from {@code secretFile}.
     *
     * @param host       the Asterisk host
     * @param port       the AMI port (manager.conf {@code port}, 5038 by default)
     * @param username   the manager.conf user
     * @param secretFile a file holding the secret (its first line), resolved against the config folder
     */
    public record Ami(String host, int port, String username, Optional<Path> secretFile) {
        /** The environment variable holding the AMI secret. */
        public static final String SECRET_ENV = "AIGUILLEUR_AMI_SECRET";

        @Override
        public String toString() {
            return username + "@" + host + ":" + port;
        }
    }
}
