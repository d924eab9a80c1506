package org.aiguilleur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aiguilleur.agents.roster.AgentTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agents' tokens file is checked with the rest of the configuration (check, start, reload). */
class AgentTokensConfigTest {
    private static final String TOKEN = "luc-token-1f3e5d7c9b1a3f5e7d9c1b3a5f7e9d1c3b5a";

    @Test
    void badTokensFile_isReportedWithTheOtherErrors_entryByEntry_withoutTheSecret(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp).environment(Map.of())
                .replace("config/agents.yaml", "tokens-file: /etc/aiguilleur/agent-tokens", "tokens-file: agent-tokens")
                .write("config/agent-tokens", "# team\nluc-bouchard " + AgentTokens.hashOf(TOKEN) + "\nluc-bouchard\n"
                        + "lucie " + AgentTokens.hashOf(TOKEN) + "\n")
                .replace("config/aiguilleur.yaml", "timezone: America/Toronto", "timezone: Eastern");
        String file = f.configDir().resolve("agent-tokens").toString();
        List<String> errors = f.errors();
        assertEquals(List.of("aiguilleur.yaml: timezone: \"Eastern\" is not a time zone like America/Toronto",
                file + ": entry 3: expected \"agent-id sha256:<64 hex digits>\"",
                file + ": entry 4: \"lucie\" is not an agent of agents.yaml (remove an agent's token line when removing the agent)"),
                errors);
        assertFalse(errors.toString().contains(AgentTokens.hashOf(TOKEN).substring(7)));
    }

    @Test
    void tokensFromTheEnvironment_areCheckedToo(@TempDir Path tmp) {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp)
                .environment(Map.of(AgentTokens.ENV_TOKENS, "luc-bouchard sha256:12"));
        assertEquals(List.of(AgentTokens.ENV_TOKENS + ": entry 1: expected \"agent-id sha256:<64 hex digits>\""), f.errors());
    }

    @Test
    void absentTokensFile_isNoError_nobodyCanSignIn(@TempDir Path tmp) throws ConfigException {
        ConfigFixture f = ConfigFixture.copyOfShipped(tmp).environment(Map.of())
                .replace("config/agents.yaml", "tokens-file: /etc/aiguilleur/agent-tokens", "tokens-file: agent-tokens");
        assertEquals(0, AgentTokens.forRoster(f.load().agents(), Map.of()).size());
    }
}
