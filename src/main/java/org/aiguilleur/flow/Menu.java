package org.aiguilleur.flow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A point where the caller is asked something. Every menu repeats once (or {@code attempts - 1}
 * times) after a timeout or an unknown key, then takes its default: no dead ends.
 *
 * @param id        the step's name ({@code language}, {@code need})
 * @param prompts   what is said first
 * @param options   the choices, in the order they are announced (empty for free entry)
 * @param maxDigits keys that end the entry (1 for a menu, 3 for a postal code)
 * @param timeout   the wait for input after the prompts
 * @param attempts  tries before the default is taken (2: ask, repeat once)
 * @param defaultValue the value taken after the last failed attempt
 * @param speech    whether speech is listened for where the door can
 * @param noInput   said before repeating after a timeout
 * @param invalid   said before repeating after an unknown key
 * @param optionPrompt the line announcing generated options (the region choice), with {@code {key}}
 *                  and {@code {name}} placeholders
 */
public record Menu(String id, List<PromptRef> prompts, List<MenuOption> options, int maxDigits,
                   Duration timeout, int attempts, String defaultValue, boolean speech,
                   List<PromptRef> noInput, List<PromptRef> invalid, Optional<PromptRef> optionPrompt) {
    public Menu {
        Objects.requireNonNull(id, "id");
        prompts = List.copyOf(prompts);
        options = List.copyOf(options);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(defaultValue, "defaultValue");
        noInput = List.copyOf(noInput);
        invalid = List.copyOf(invalid);
        Objects.requireNonNull(optionPrompt, "optionPrompt");
        if (attempts < 1) {
            throw new IllegalArgumentException(id + ": attempts " + attempts);
        }
    }

    public Optional<MenuOption> option(String key) {
        for (MenuOption o : options) {
            if (o.key().equals(key)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The keys that mean something here, for barge-in; all keys for free entry. */
    public String keys() {
        if (options.isEmpty()) {
            return "0123456789*#";
        }
        StringBuilder keys = new StringBuilder();
        for (MenuOption o : options) {
            keys.append(o.key());
        }
        return keys.toString();
    }
}
