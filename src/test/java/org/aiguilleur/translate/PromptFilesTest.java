package org.aiguilleur.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aiguilleur.config.PromptStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending machine texts to a prompt file without disturbing what people wrote. */
class PromptFilesTest {
    @TempDir
    Path dir;

    static Map<String, PromptStore.Entry> one(String id, String text) {
        Map<String, PromptStore.Entry> m = new LinkedHashMap<>();
        m.put(id, new PromptStore.Entry(text, "machine", false, "google-v3"));
        return m;
    }

    @Test
    void appendsAtTheEndOfThePromptsBlock_beforeTrailingCommentsAndTheNextKey() throws IOException {
        Path f = dir.resolve("xx.yaml");
        Files.writeString(f, "# head\nprompts:\n    a: \"A\"\n    # about b\n    b: \"B\"\n\n# tail\nlater: 1\n");
        PromptFiles.append(f, "xx", "fr-CA", one("c", "Dit \"oui\" \\ non"));
        assertEquals("# head\nprompts:\n    a: \"A\"\n    # about b\n    b: \"B\"\n"
                + "    c: { text: \"Dit \\\"oui\\\" \\\\ non\", source: machine, reviewed: false, origin: google-v3 }\n"
                + "\n# tail\nlater: 1\n", Files.readString(f));
    }

    @Test
    void createsAMissingFileWithItsHeaderAndDefaults() throws IOException {
        Path f = dir.resolve("de.yaml");
        PromptFiles.append(f, "de", "fr-CA", one("goodbye", "Auf Wiederhören."));
        String s = Files.readString(f);
        assertTrue(s.startsWith("# Prompts in de, machine-translated from fr-CA"), s);
        assertTrue(s.contains("defaults: { source: machine, reviewed: false }\nprompts:\n  goodbye: { text: "), s);
    }

    @Test
    void inlinePromptsMapping_isRefused() throws IOException {
        Path f = dir.resolve("xx.yaml");
        Files.writeString(f, "prompts: { a: \"A\" }\n");
        IOException e = assertThrows(IOException.class, () -> PromptFiles.append(f, "xx", "fr-CA", one("b", "B")));
        assertTrue(e.getMessage().contains("inline"), e.getMessage());
        assertEquals("prompts: { a: \"A\" }\n", Files.readString(f));
    }
}
