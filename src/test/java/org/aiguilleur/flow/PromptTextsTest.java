package org.aiguilleur.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.aiguilleur.simulate.Simulator;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Every prompt a call gets is among {@link PromptTexts#all}: rendered audio never lacks a text. */
class PromptTextsTest {
    static final List<String> FROM = List.of("+15145550100", "4185230100", "anonymous", "unknown", "", "+14165550100",
            "8195550100");
    static final List<Instant> AT = List.of(Fixtures.local("2026-11-24T10:00"), Fixtures.local("2026-11-24T18:00"),
            Fixtures.local("2026-11-24T21:00"), Fixtures.local("2026-12-25T12:00"));
    static final List<String> INPUTS = List.of("1", "2", "3", "4", "9", "5", "6", "8", "0", "7", "#", "*", "timeout",
            "412", "415", "417", "429", "111", "speech:russe", "speech:logement");

    @Test
    void randomCalls_onlyGetPromptsOfTheRenderedSet() {
        Set<Prompt> all = PromptTexts.all(Fixtures.engineAt(AT.get(0)), Fixtures.shipped().prompts().languages());
        Random random = new Random(211);
        for (int call = 0; call < 600; call++) {
            Instant at = AT.get(random.nextInt(AT.size()));
            List<String> inputs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inputs.add(INPUTS.get(random.nextInt(INPUTS.size())));
            }
            Simulator.Run run = Simulator.run(Fixtures.engineAt(at),
                    new CallStart("c" + call, "test", FROM.get(random.nextInt(FROM.size())), "211"), inputs);
            for (Prompt p : run.result().prompts()) {
                assertTrue(all.contains(p), () -> p + " is not rendered; inputs " + inputs + " at " + at);
            }
        }
    }
}
