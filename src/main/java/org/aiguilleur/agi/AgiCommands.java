package org.aiguilleur.agi;

import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;

/**
 * The Asterisk-Java commands the door sends, with the same wire text but quoted without regular
 * expressions. Asterisk-Java quotes each argument with three {@code String.replaceAll} calls (each
 * compiles a pattern) and a {@code String.format}: under load that was half of the door's
 * allocation per command. {@link #quote} follows the same rules: a backslash is doubled, a double
 * quote escaped, a newline dropped, {@code null} is {@code ""}, and the result is in double quotes.
 */
final class AgiCommands {
    private AgiCommands() {
    }

    /** Asterisk-Java's {@code escapeAndQuote(String)}, without regular expressions. */
    static String quote(String s) {
        if (s == null) {
            return "\"\"";
        }
        StringBuilder b = new StringBuilder(s.length() + 4).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> {
                    // dropped: a newline would end the command
                }
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static final class StreamFile extends StreamFileCommand {
        private static final long serialVersionUID = 1L;

        StreamFile(String file, String escapeDigits) {
            super(file, escapeDigits);
        }

        @Override
        protected String escapeAndQuote(String s) {
            return quote(s);
        }
    }

    static final class GetData extends GetDataCommand {
        private static final long serialVersionUID = 1L;

        GetData(String file, long timeout, int maxDigits) {
            super(file, timeout, maxDigits);
        }

        @Override
        protected String escapeAndQuote(String s) {
            return quote(s);
        }
    }

    static final class WaitForDigit extends WaitForDigitCommand {
        private static final long serialVersionUID = 1L;

        WaitForDigit(long timeout) {
            super(timeout);
        }

        @Override
        protected String escapeAndQuote(String s) {
            return quote(s);
        }
    }

    static final class RecordFile extends RecordFileCommand {
        private static final long serialVersionUID = 1L;

        RecordFile(String file, String format, String escapeDigits, int timeout, int offset, boolean beep,
                int maxSilence) {
            super(file, format, escapeDigits, timeout, offset, beep, maxSilence);
        }

        @Override
        protected String escapeAndQuote(String s) {
            return quote(s);
        }
    }

    static final class SetVariable extends SetVariableCommand {
        private static final long serialVersionUID = 1L;

        SetVariable(String name, String value) {
            super(name, value);
        }

        @Override
        protected String escapeAndQuote(String s) {
            return quote(s);
        }
    }
}
