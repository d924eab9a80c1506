package org.aiguilleur.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The caller journey as operators configure it: menus, prompts, transfers and time limits.
 * Immutable; a call keeps the definition it started with, so a reload never changes a call midway.
 *
 * @param language       the first menu: language choice (options name languages, or open {@code otherLanguages})
 * @param otherLanguages the second language menu (frequent languages; speech names any language)
 * @param postalCode     the entry of a postal code's first three characters (no options)
 * @param regionChoice   the short choice when keys fit several regions (options are generated)
 * @param need           the needs menu; options name needs or transfer targets
 * @param afterHours     said when no centre is open; option value {@code callback} records a message
 * @param allBusy        said when the queues failed; option value {@code callback} records a message
 * @param transfers      transfer targets by id
 * @param queued         said before the caller joins a queue
 * @param interpreter    said before an interpreted call is queued
 * @param recordIntro    said before a call-back message is recorded
 * @param recorded       said after the message
 * @param goodbye        said before the engine hangs up
 * @param recordMaxLength the longest call-back message
 * @param promptFallback languages tried, in order, for a prompt missing in the caller's language
 */
public record FlowDefinition(Menu language, Menu otherLanguages, Menu postalCode, Menu regionChoice,
                             Menu need, Menu afterHours, Menu allBusy, Map<String, TransferTarget> transfers,
                             List<PromptRef> queued, List<PromptRef> interpreter, List<PromptRef> recordIntro,
                             List<PromptRef> recorded, List<PromptRef> goodbye, Duration recordMaxLength,
                             List<String> promptFallback) {
    public FlowDefinition {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(otherLanguages, "otherLanguages");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(regionChoice, "regionChoice");
        Objects.requireNonNull(need, "need");
        Objects.requireNonNull(afterHours, "afterHours");
        Objects.requireNonNull(allBusy, "allBusy");
        transfers = Map.copyOf(transfers);
        queued = List.copyOf(queued);
        interpreter = List.copyOf(interpreter);
        recordIntro = List.copyOf(recordIntro);
        recorded = List.copyOf(recorded);
        goodbye = List.copyOf(goodbye);
        Objects.requireNonNull(recordMaxLength, "recordMaxLength");
        promptFallback = List.copyOf(promptFallback);
    }
}
