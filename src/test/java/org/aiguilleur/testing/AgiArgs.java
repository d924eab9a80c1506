package org.aiguilleur.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Asterisk's parsing of an AGI command line: spaces separate, double quotes group, a backslash escapes. */
final class AgiArgs {
    private AgiArgs() {
    }

    private static final List<String> VERBS = List.of("STREAM FILE", "GET DATA", "WAIT FOR DIGIT", "RECORD FILE",
            "CHANNEL STATUS", "SET VARIABLE", "GET FULL VARIABLE", "GET VARIABLE", "ANSWER", "VERBOSE", "EXEC");

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    static String verb(List<String> args) {
        String joined = String.join(" ", args.subList(0, Math.min(3, args.size()))).toUpperCase(Locale.ROOT) + " ";
        for (String v : VERBS) {
            if (joined.startsWith(v + " ")) {
                return v;
            }
        }
        return "";
    }

    static int words(String verb) {
        return verb.isEmpty() ? 0 : verb.split(" ").length;
    }

    static boolean isMedia(List<String> args) {
        String v = verb(args);
        return v.equals("STREAM FILE") || v.equals("GET DATA") || v.equals("WAIT FOR DIGIT")
                || v.equals("RECORD FILE");
    }
}
