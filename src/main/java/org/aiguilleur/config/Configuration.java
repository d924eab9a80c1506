package org.aiguilleur.config;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aiguilleur.agents.roster.Roster;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.flow.FlowDefinition;
import org.aiguilleur.flow.PromptCatalog;
import org.aiguilleur.interpreter.BridgePrompts;
import org.aiguilleur.interpreter.InterpreterBridge;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.languages.CatalogueNaming;
import org.aiguilleur.languages.LanguageCatalogue;
import org.aiguilleur.records.CallEvents;
import org.aiguilleur.routing.Centre;
import org.aiguilleur.routing.HolidayCalendar;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.routing.RegionDirectory;
import org.aiguilleur.routing.Router;

/**
 * A complete, validated configuration. Immutable; obtained only from {@link ConfigLoader}.
 *
 * @param dir          the folder it was read from
 * @param agents       the agents of {@code agents.yaml} ({@link Roster#EMPTY} when {@code files.agents} is not set)
 * @param interpreters the interpreter services ({@link Interpreters#NONE} without {@code interpreters.yaml})
 */
public record Configuration(Path dir, Settings settings, RegionDirectory regions, List<Centre> centres,
                            Map<String, HolidayCalendar> calendars, FlowDefinition flow, PromptStore prompts,
                            Roster agents, Interpreters interpreters) {

    public Configuration {
        centres = List.copyOf(centres);
        calendars = Map.copyOf(calendars);
        agents = agents == null ? Roster.EMPTY : agents;
    }

    public Router router() {
        return new Router(centres, settings.defaultCentre(), settings.zone(), settings.interpreterQueueLanguage());
    }

    /** An engine for new calls on this configuration. */
    public Engine engine(InstantSource clock, LiveStaffing staffing) {
        return new Engine(flow, prompts, regions, router(), clock, staffing, settings.defaultQueue(),
                new CatalogueNaming(LanguageCatalogue.standard()));
    }

    /** Interpreted calls on this configuration: its providers and prompts, reporting attempts to {@code events}. */
    public InterpreterBridge interpreterBridge(InstantSource clock, CallEvents events) {
        return new InterpreterBridge(interpreters, bridgePrompts(), clock, events);
    }

    /** The interpreter bridge's prompts on this configuration (the agent hears the interpreter queue's language). */
    public BridgePrompts bridgePrompts() {
        return new BridgePrompts(prompts, flow.promptFallback(),
                BridgePrompts.agentTag(settings.interpreterQueueLanguage(), flow.promptFallback()),
                LanguageCatalogue.standard());
    }

    /**
     * An engine for new calls that looks prompts up in {@code catalog} (the stored texts seen through
     * run-time translation) instead of the stored texts alone.
     */
    public Engine engine(InstantSource clock, LiveStaffing staffing, PromptCatalog catalog) {
        return new Engine(flow, catalog, regions, router(), clock, staffing, settings.defaultQueue(),
                new CatalogueNaming(LanguageCatalogue.standard()));
    }

    /** Every queue, {@code <centre>-<language>}, in configuration order. */
    public List<String> queues() {
        List<String> out = new ArrayList<>();
        for (Centre c : centres) {
            for (String l : c.languages()) {
                out.add(c.queue(l));
            }
        }
        return out;
    }
}
