package org.aiguilleur.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.junit.jupiter.api.Test;

class AgiCommandsTest {
    private static final List<String> TEXTS = Arrays.asList("/var/lib/aiguilleur/sounds/fr/need-menu-3fa1", "",
            null, "say \"hi\"", "back\\slash", "two\nlines", "\\\"\n\\", "é à ç 你好", "1234567890*#", "$1 \\$2");

    @Test
    void everyCommand_buildsTheSameWireTextAsAsteriskJava() {
        for (String a : TEXTS) {
            for (String b : TEXTS) {
                assertEquals(new StreamFileCommand(a, b).buildCommand(), new AgiCommands.StreamFile(a, b).buildCommand());
                assertEquals(new SetVariableCommand(a, b).buildCommand(), new AgiCommands.SetVariable(a, b).buildCommand());
                assertEquals(new RecordFileCommand(a, "wav", b, 120_000, 0, true, 5).buildCommand(),
                        new AgiCommands.RecordFile(a, "wav", b, 120_000, 0, true, 5).buildCommand());
            }
            assertEquals(new GetDataCommand(a, 5000, 3).buildCommand(), new AgiCommands.GetData(a, 5000, 3).buildCommand());
        }
        assertEquals(new WaitForDigitCommand(5000).buildCommand(), new AgiCommands.WaitForDigit(5000).buildCommand());
    }

    @Test
    void quote_escapesQuotesAndBackslashesAndDropsNewlines() {
        assertEquals("\"a\\\\b\\\"c\"", AgiCommands.quote("a\\b\"c\n"));
        assertEquals("\"\"", AgiCommands.quote(null));
    }
}
