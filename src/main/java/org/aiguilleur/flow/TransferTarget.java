package org.aiguilleur.flow;

import java.util.List;

/**
 * A service calls are handed to (811 Info-Santé / Info-Social).
 *
 * @param id          the name used in menus and records ({@code info-sante})
 * @param destination what is dialled ({@code 811}); a door may map it through its own dial plan
 * @param prompts     what the caller hears before the transfer
 */
public record TransferTarget(String id, String destination, List<PromptRef> prompts) {
    public TransferTarget {
        prompts = List.copyOf(prompts);
    }
}
