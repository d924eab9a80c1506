package org.aiguilleur.flow;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One choice of a menu.
 *
 * @param key      the key that picks it
 * @param value    what it means to its menu: a language tag, a need id, {@code callback}
 * @param next     another menu this option opens instead ({@code other-languages})
 * @param transfer a transfer target this option hands the call to ({@code info-sante})
 * @param prompts  the lines that announce the option, if it has its own
 * @param words    words that pick it when the caller speaks (lower case, no accents needed)
 */
public record MenuOption(String key, String value, Optional<String> next, Optional<String> transfer,
                         List<PromptRef> prompts, List<String> words) {
    public MenuOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(transfer, "transfer");
        prompts = List.copyOf(prompts);
        words = List.copyOf(words);
    }
}
