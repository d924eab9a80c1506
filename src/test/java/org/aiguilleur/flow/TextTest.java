package org.aiguilleur.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void fill_replacesKnownPlaceholdersAndKeepsUnknownOnes() {
        assertEquals("Pour Laval, faites le 2. {other}", Text.fill("Pour {name}, faites le {key}. {other}",
                Map.of("name", "Laval", "key", "2")));
    }

    @Test
    void fill_doesNotDoubleASentencePeriod() {
        assertEquals("Open until 8:00 p.m.", Text.fill("Open until {to}.", Map.of("to", "8:00 p.m.")));
    }

    @Test
    void fold_removesAccentsCaseAndPunctuation() {
        assertEquals(" creole haitien s il vous plait ", Text.fold("Créole HAÏTIEN, s'il vous plaît!"));
    }
}
