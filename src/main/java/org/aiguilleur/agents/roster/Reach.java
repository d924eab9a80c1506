package org.aiguilleur.agents.roster;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Twilio reaches an agent: the noun inside {@code <Dial>}.
 */
public sealed interface Reach {
    Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    Pattern CLIENT = Pattern.compile("[A-Za-z0-9_.-]{1,120}");
    Pattern SIP = Pattern.compile("sips?:[^\\s<>\"]+@[^\\s<>\"]+");

    /** A phone number in E.164 ({@code +15145550101}): {@code <Number>}. */
    record Phone(String number) implements Reach {
        public Phone {
            Objects.requireNonNull(number, "number");
        }
    }

    /** A Twilio Voice SDK client identity ({@code client:amelie}): {@code <Client>}. */
    record Client(String identity) implements Reach {
        public Client {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /** A SIP URI ({@code sip:amelie@pbx.example.org}): {@code <Sip>}. */
    record Sip(String uri) implements Reach {
        public Sip {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** Reads {@code +15145550101}, {@code client:NAME} or {@code sip:USER@HOST}; empty if it is none of them. */
    static Optional<Reach> parse(String text) {
        String s = text.strip();
        if (E164.matcher(s).matches()) {
            return Optional.of(new Phone(s));
        }
        if (s.startsWith("client:") && CLIENT.matcher(s.substring(7)).matches()) {
            return Optional.of(new Client(s.substring(7)));
        }
        if (SIP.matcher(s).matches()) {
            return Optional.of(new Sip(s));
        }
        return Optional.empty();
    }
}
