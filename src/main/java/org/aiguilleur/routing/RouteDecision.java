package org.aiguilleur.routing;

/** The routing rule's answer for one call. */
public sealed interface RouteDecision {

    /** An open centre whose agents speak the caller's language takes the call. */
    record Queue(Centre centre, String queue, String language) implements RouteDecision {
    }

    /**
     * An open centre takes the call on {@code queue} (its interpreter-language queue) with an
     * interpreter for {@code language} ({@code und} when the language is undetermined).
     */
    record Interpreter(Centre centre, String queue, String language) implements RouteDecision {
    }

    /** No candidate centre is open: the caller hears the home centre's hours. */
    record Closed(Centre home) implements RouteDecision {
    }
}
