package org.aiguilleur.agents.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.config.ConfigError;
import org.aiguilleur.config.ConfigException;

/**
 * The agents' bearer tokens, kept only as SHA-256 hashes. Read from a secrets file (one
 * {@code agent-id sha256:HEX} per line, {@code #} comments) or from the environment
 * ({@link #ENV_TOKENS}, the same entries separated by {@code ;}), never from the committed
 * configuration. Tokens must be long random strings (32 bytes or more): an unsalted hash is then as
 * strong as the token. Immutable and thread-safe.
 */
public final class AgentTokens implements AgentAuthenticator {
    /** Overrides the configured secrets file's path. */
    public static final String ENV_FILE = "AIGUILLEUR_AGENT_TOKENS_FILE";
    /** Token hashes given directly, {@code id sha256:HEX; id sha256:HEX}. */
    public static final String ENV_TOKENS = "AIGUILLEUR_AGENT_TOKENS";

    private final List<Map.Entry<String, byte[]>> hashes;

    private AgentTokens(List<Map.Entry<String, byte[]>> hashes) {
        this.hashes = List.copyOf(hashes);
    }

    /** No tokens: nobody can sign in. */
    public static AgentTokens none() {
        return new AgentTokens(List.of());
    }

    /**
     * Reads the hashes from the environment's entries, else its file, else {@code configured}; a file
     * that does not exist gives no tokens (nobody can sign in).
     *
     * @throws IllegalArgumentException a line is malformed, names an agent not in {@code agentIds}, or the file cannot be read
     */
    public static AgentTokens load(Optional<Path> configured, Map<String, String> env, Set<String> agentIds) {
        try {
            return read(configured, env, agentIds);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.errors().stream().map(ConfigError::toString)
                    .collect(java.util.stream.Collectors.joining("\n")), e);
        }
    }

    /**
     * As {@link #load}, every problem reported at once as a configuration error: the file (or
     * {@link #ENV_TOKENS}), {@code entry N} and what is wrong, never the secret.
     *
     * @throws ConfigException a line is malformed, names an agent not in {@code agentIds}, or the file cannot be read
     */
    public static AgentTokens read(Optional<Path> configured, Map<String, String> env, Set<String> agentIds)
            throws ConfigException {
        String direct = env.get(ENV_TOKENS);
        if (direct != null && !direct.isBlank()) {
            return parse(ENV_TOKENS, List.of(direct.split("[;\n]")), agentIds);
        }
        Optional<Path> file = file(configured, env);
        if (file.isEmpty() || !Files.exists(file.get())) {
            return none();
        }
        try {
            return parse(file.get().toString(), Files.readAllLines(file.get(), StandardCharsets.UTF_8), agentIds);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(file.get().toString(), "",
                    "the agent tokens file cannot be read: " + e.getMessage())));
        }
    }

    /** The tokens of a roster's agents, from the environment or the roster's {@code tokens-file} (without Twilio). */
    public static AgentTokens forRoster(Roster roster, Map<String, String> env) {
        return load(roster.tokensFile(), env, ids(roster));
    }

    /**
     * As {@link #forRoster}, every problem reported as a configuration error (what a configuration
     * load and a reload check).
     */
    public static AgentTokens readForRoster(Roster roster, Map<String, String> env) throws ConfigException {
        return read(roster.tokensFile(), env, ids(roster));
    }

    /** The secrets file tokens are read from when {@link #ENV_TOKENS} is not set: the environment's, else the configured one. */
    public static Optional<Path> file(Optional<Path> configured, Map<String, String> env) {
        return Optional.ofNullable(env.get(ENV_FILE)).filter(s -> !s.isBlank()).map(Path::of).or(() -> configured);
    }

    private static Set<String> ids(Roster roster) {
        Set<String> ids = new java.util.HashSet<>();
        roster.agents().forEach(a -> ids.add(a.id()));
        return ids;
    }

    /** Parses entries; errors name the source and entry, never the secret. */
    static AgentTokens parse(String source, List<String> lines, Set<String> agentIds) throws ConfigException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<ConfigError> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = "entry " + (i + 1);
            if (parts.length != 2 || !parts[1].matches("sha256:[0-9a-fA-F]{64}")) {
                errors.add(new ConfigError(source, where, "expected \"agent-id sha256:<64 hex digits>\""));
            } else if (!agentIds.contains(parts[0])) {
                errors.add(new ConfigError(source, where, "\"" + parts[0] + "\" is not an agent of agents.yaml"
                        + " (remove an agent's token line when removing the agent)"));
            } else if (out.put(parts[0], HexFormat.of().parseHex(parts[1].substring(7).toLowerCase())) != null) {
                errors.add(new ConfigError(source, where, "\"" + parts[0] + "\" has a second token"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new AgentTokens(new ArrayList<>(out.entrySet()));
    }

    /** The hash to store for a token, {@code sha256:HEX}: what operators put in the secrets file. */
    public static String hashOf(String token) {
        return "sha256:" + HexFormat.of().formatHex(sha256(token));
    }

    /** How many agents have a token. */
    public int size() {
        return hashes.size();
    }

    @Override
    public Optional<String> agentFor(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 512) {
            return Optional.empty();
        }
        byte[] presented = sha256(bearerToken);
        String found = null;
        // Compare with every entry, each in constant time, so the timing tells nothing about which matched.
        for (Map.Entry<String, byte[]> e : hashes) {
            if (MessageDigest.isEqual(e.getValue(), presented) && found == null) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
