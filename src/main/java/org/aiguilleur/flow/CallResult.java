package org.aiguilleur.flow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the engine decided for a call and what it learned on the way. Fields are empty while
 * unknown; a hang-up keeps what was known.
 *
 * @param outcome             empty until decided
 * @param queue               the queue given to the call (queued, interpreter)
 * @param language            the caller's language (BCP 47), {@code und} when undetermined
 * @param region              the region id, {@code unknown} when it could not be found
 * @param regionSource        how the region was found: {@code number}, {@code postal-code}, {@code choice}
 * @param need                the need id
 * @param interpreterLanguage the language the interpreter is needed for
 * @param transferTo          the transfer destination
 * @param callback            for after-hours (and all-busy): whether a message was left
 * @param recording           where the call-back message is
 * @param closedReason        why the home centre was closed, for after-hours; {@code all-busy} when the
 *                            centres were open but every queue failed (the call-back offer)
 * @param path                the menu path: {@code step=input} entries, in order
 * @param prompts             every prompt the caller was given, in order
 * @param decidedAt           when the routing decision was made
 * @param error               set when an internal error sent the call to the default queue
 */
public record CallResult(Optional<Outcome> outcome, Optional<String> queue, Optional<String> language,
                         Optional<String> region, Optional<String> regionSource, Optional<String> need,
                         Optional<String> interpreterLanguage, Optional<String> transferTo,
                         Optional<Boolean> callback, Optional<String> recording, Optional<String> closedReason,
                         List<String> path, List<Prompt> prompts, Optional<Instant> decidedAt,
                         Optional<String> error) {
    public CallResult {
        path = List.copyOf(path);
        prompts = List.copyOf(prompts);
    }
}
