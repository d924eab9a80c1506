package org.aiguilleur.routing;

/** The letter groups of a telephone keypad (ITU E.161), used to key in postal codes. */
public final class Keypad {
    private Keypad() {
    }

    /** The key that carries {@code c}: a digit is its own key, a letter the key of its group. */
    public static char keyOf(char c) {
        char u = Character.toUpperCase(c);
        if (u >= '0' && u <= '9') {
            return u;
        }
        if (u >= 'A' && u <= 'C') return '2';
        if (u >= 'D' && u <= 'F') return '3';
        if (u >= 'G' && u <= 'I') return '4';
        if (u >= 'J' && u <= 'L') return '5';
        if (u >= 'M' && u <= 'O') return '6';
        if (u >= 'P' && u <= 'S') return '7';
        if (u >= 'T' && u <= 'V') return '8';
        if (u >= 'W' && u <= 'Z') return '9';
        throw new IllegalArgumentException("no key carries " + c);
    }

    /** The keys a caller presses to spell {@code text} (letters and digits only). */
    public static String keysOf(String text) {
        StringBuilder keys = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            keys.append(keyOf(text.charAt(i)));
        }
        return keys.toString();
    }
}
