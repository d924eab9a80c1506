package org.aiguilleur.agents.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTokensTest {
    private static final Set<String> AGENTS = Set.of("amelie-roy", "luc-bouchard");
    private static final String AMELIE = "a-long-random-token-for-amelie-0123456789";
    private static final String LUC = "a-long-random-token-for-luc-9876543210abc";

    @Test
    void tokensFile_givesEachTokenItsAgent_andNothingElse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent-tokens");
        Files.writeString(file, "# agent tokens\namelie-roy " + AgentTokens.hashOf(AMELIE) + "\n\nluc-bouchard "
                + AgentTokens.hashOf(LUC).toUpperCase().replace("SHA256", "sha256") + "\n");
        AgentTokens tokens = AgentTokens.load(Optional.of(file), Map.of(), AGENTS);
        assertEquals(Optional.of("amelie-roy"), tokens.agentFor(AMELIE));
        assertEquals(Optional.of("luc-bouchard"), tokens.agentFor(LUC));
        assertEquals(Optional.empty(), tokens.agentFor(AMELIE + " "));
        assertEquals(Optional.empty(), tokens.agentFor(AgentTokens.hashOf(AMELIE)));
        assertEquals(Optional.empty(), tokens.agentFor(""));
        assertEquals(Optional.empty(), tokens.agentFor(null));
        assertFalse(Files.readString(file).contains(AMELIE), "the file holds only hashes");
    }

    @Test
    void environment_overridesTheConfiguredFile(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other");
        Files.writeString(other, "luc-bouchard " + AgentTokens.hashOf(LUC) + "\n");
        AgentTokens fromEnvFile = AgentTokens.load(Optional.of(dir.resolve("absent")), Map.of(AgentTokens.ENV_FILE, other.toString()), AGENTS);
        assertEquals(Optional.of("luc-bouchard"), fromEnvFile.agentFor(LUC));
        AgentTokens direct = AgentTokens.load(Optional.of(other),
                Map.of(AgentTokens.ENV_TOKENS, "amelie-roy " + AgentTokens.hashOf(AMELIE) + " ; "), AGENTS);
        assertEquals(Optional.of("amelie-roy"), direct.agentFor(AMELIE));
        assertEquals(Optional.empty(), direct.agentFor(LUC));
    }

    @Test
    void shippedRoster_readsItsTokensFromTheEnvironment() {
        AgentTokens tokens = AgentTokens.forRoster(org.aiguilleur.testing.Fixtures.shipped().agents(),
                Map.of(AgentTokens.ENV_TOKENS, "marie-gagnon " + AgentTokens.hashOf(AMELIE)));
        assertEquals(Optional.of("marie-gagnon"), tokens.agentFor(AMELIE));
    }

    @Test
    void missingFile_meansNobodyCanSignIn(@TempDir Path dir) {
        assertEquals(0, AgentTokens.load(Optional.of(dir.resolve("absent")), Map.of(), AGENTS).size());
        assertEquals(Optional.empty(), AgentTokens.load(Optional.empty(), Map.of(), AGENTS).agentFor(AMELIE));
    }

    @Test
    void malformedEntries_areAllReported_withoutTheSecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentTokens.load(Optional.empty(),
                Map.of(AgentTokens.ENV_TOKENS, "amelie-roy " + AMELIE + "; nobody " + AgentTokens.hashOf(LUC)
                        + "; luc-bouchard " + AgentTokens.hashOf(LUC) + "; luc-bouchard " + AgentTokens.hashOf(AMELIE)), AGENTS));
        String m = e.getMessage();
        assertTrue(m.contains("entry 1: expected \"agent-id sha256:<64 hex digits>\""), m);
        assertTrue(m.contains("entry 2: \"nobody\" is not an agent of agents.yaml"), m);
        assertTrue(m.contains("entry 4: \"luc-bouchard\" has a second token"), m);
        assertFalse(m.contains(AMELIE), m);
    }
}
