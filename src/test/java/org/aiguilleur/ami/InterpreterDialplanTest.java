package org.aiguilleur.ami;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped dialplan has every context and variable the AMI side of the bridge names. */
class InterpreterDialplanTest {
    private static final Path FILE = Path.of("dialplans/asterisk/interpreter_aiguilleur.conf");

    @Test
    void everyContextTheServerOriginatesIntoExists() throws Exception {
        String plan = Files.readString(FILE);
        for (String context : List.of(AmiInterpreters.DIAL_CONTEXT, AmiInterpreters.AGENT_CONTEXT,
                AmiInterpreters.ANNOUNCE_CONTEXT, AmiInterpreters.JOIN_CONTEXT, "aiguilleur-interpreter")) {
            assertTrue(plan.contains("\n[" + context + "]\n"), context);
        }
        assertTrue(plan.contains("exten => once,1,") && plan.contains("exten => loop,1,"), "announcement extensions");
    }

    @Test
    void theVariablesTheServerSetsAreTheOnesTheDialplanReads() throws Exception {
        String plan = Files.readString(FILE);
        for (String v : List.of("AIGUILLEUR_CONFERENCE", "AIGUILLEUR_DTMF", "AIGUILLEUR_RING", "AIGUILLEUR_WHISPER",
                "AIGUILLEUR_SOUNDS")) {
            assertTrue(plan.contains("${" + v + "}"), v);
        }
        assertTrue(plan.contains("D(${AIGUILLEUR_DTMF})"), "DTMF sent on answer by Dial's D() option");
    }
}
