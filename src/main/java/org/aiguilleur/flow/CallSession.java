package org.aiguilleur.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.routing.CallerNumber;
import org.aiguilleur.routing.Region;
import org.aiguilleur.routing.RegionDirectory;
import org.aiguilleur.routing.RegionDirectory.NumberLocation;
import org.aiguilleur.routing.RegionDirectory.PostalLocation;
import org.aiguilleur.routing.RouteDecision;

/**
 * One call going through the 211 journey: language, region, need, routing, after-hours.
 *
 * <p>Single-threaded per call: a front door feeds one event at a time, in order. Every answer is a
 * turn of actions; the engine never throws to its door: an internal error sends the caller to the
 * default queue.
 */
public final class CallSession {

    /** {@link CallResult#closedReason()} when every open centre's queue failed (the all-busy offer). */
    public static final String ALL_BUSY = "all-busy";

    private enum Step { NEW, LANGUAGE, OTHER_LANGUAGE, POSTAL_CODE, REGION_CHOICE, NEED, AFTER_HOURS, ALL_BUSY, RECORD, HANDED_OVER, ENDED }

    private final Engine engine;
    private final CallStart start;
    private final FlowDefinition flow;

    private Step step = Step.NEW;
    private int attempt;
    private Outcome outcome;
    private String queue;
    private String language;
    private String region;
    private String regionSource;
    private String need;
    private String interpreterLanguage;
    private String transferTo;
    private Boolean callback;
    private String recording;
    private String closedReason;
    private Instant decidedAt;
    private String error;
    private String homeCentre;
    private Set<String> areaRegions = Set.of();
    private List<Region> regionChoices = List.of();
    private final Set<String> failedCentres = new HashSet<>();
    private final List<String> path = new ArrayList<>();
    private final List<Prompt> played = new ArrayList<>();

    CallSession(Engine engine, CallStart start) {
        this.engine = engine;
        this.start = start;
        this.flow = engine.flow;
    }

    public CallStart start() {
        return start;
    }

    /** The first turn: the welcome and the language menu. */
    public List<Action> begin() {
        if (step != Step.NEW) {
            throw new IllegalStateException("call already begun");
        }
        return guarded(() -> ask(Step.LANGUAGE, flow.language(), List.of()));
    }

    /** The next turn after an event. Events after the call was handed over only update the result. */
    public List<Action> handle(Event event) {
        return guarded(() -> dispatch(event));
    }

    /** Whether the engine has nothing more to ask (the call was handed over or ended). */
    public boolean finished() {
        return step == Step.HANDED_OVER || step == Step.ENDED;
    }

    /** What is known and decided so far. */
    public CallResult result() {
        return new CallResult(Optional.ofNullable(outcome), Optional.ofNullable(queue), Optional.ofNullable(language),
                Optional.ofNullable(region), Optional.ofNullable(regionSource), Optional.ofNullable(need),
                Optional.ofNullable(interpreterLanguage), Optional.ofNullable(transferTo), Optional.ofNullable(callback),
                Optional.ofNullable(recording), Optional.ofNullable(closedReason), path, played,
                Optional.ofNullable(decidedAt), Optional.ofNullable(error));
    }

    private interface Turn {
        List<Action> run();
    }

    private List<Action> guarded(Turn turn) {
        try {
            return turn.run();
        } catch (RuntimeException e) {
            // Never drop a call: whatever failed in here, a human at the default queue takes it.
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (step == Step.ENDED) {
                return List.of();
            }
            outcome = Outcome.QUEUED;
            queue = engine.defaultQueue;
            decidedAt = engine.clock.instant();
            step = Step.HANDED_OVER;
            return List.of(new Action.Enqueue(engine.defaultQueue, language == null ? "fr-CA" : language));
        }
    }

    private List<Action> dispatch(Event event) {
        if (event instanceof Event.Hangup) {
            return hangUp();
        }
        switch (step) {
            case LANGUAGE:
                return onMenu(flow.language(), event, this::languageChosen);
            case OTHER_LANGUAGE:
                return onOtherLanguage(event);
            case POSTAL_CODE:
                return onPostalCode(event);
            case REGION_CHOICE:
                return onRegionChoice(event);
            case NEED:
                return onMenu(flow.need(), event, this::needChosen);
            case AFTER_HOURS:
                return onMenu(flow.afterHours(), event, this::callbackChosen);
            case ALL_BUSY:
                return onMenu(flow.allBusy(), event, this::callbackChosen);
            case RECORD:
                return onRecording(event);
            case HANDED_OVER:
                return afterHandOver(event);
            case NEW:
                throw new IllegalStateException("event before begin()");
            case ENDED:
            default:
                return List.of();
        }
    }

    // ---- hang-up and events after the hand-over ----

    private List<Action> hangUp() {
        if (outcome == null) {
            outcome = Outcome.HANGUP;
            path.add("hangup@" + stepName());
        }
        step = Step.ENDED;
        return List.of();
    }

    private List<Action> afterHandOver(Event event) {
        if (event instanceof Event.TransferFailed) {
            // 811 could not be reached: a 211 agent takes the caller instead.
            path.add("transfer-failed");
            outcome = null;
            return route();
        }
        if (event instanceof Event.QueueEnded q && queue != null) {
            switch (q.status()) {
                case ANSWERED, ABANDONED -> {
                    step = Step.ENDED;
                    return List.of();
                }
                default -> {
                    // Overflow: the next open centre takes the call, else a call-back offer.
                    path.add("queue-" + Engine.lower(q.status().name()) + "@" + queue);
                    failedCentres.add(centreOf(queue));
                    return route();
                }
            }
        }
        return List.of();
    }

    private String centreOf(String queueName) {
        for (var c : engine.router.centres()) {
            if (queueName.startsWith(c.id() + "-")) {
                return c.id();
            }
        }
        return "";
    }

    // ---- menus ----

    private interface Chosen {
        List<Action> on(MenuOption option);
    }

    private List<Action> ask(Step next, Menu menu, List<Prompt> before) {
        step = next;
        attempt = 0;
        return List.of(collect(menu, before));
    }

    private Action.Collect collect(Menu menu, List<Prompt> before) {
        Map<String, String> vars = vars();
        List<Prompt> out = new ArrayList<>(before);
        for (PromptRef p : menu.prompts()) {
            engine.render(p, callerLanguage(), vars).ifPresent(out::add);
        }
        for (MenuOption o : menu.options()) {
            Map<String, String> ov = vars;
            if (menu.optionPrompt().isPresent() && o.prompts().isEmpty()) {
                ov = new HashMap<>(vars);
                ov.put("key", o.key());
                ov.put("name", engine.regions.region(o.value()).map(Region::name).orElse(o.value()));
                engine.render(menu.optionPrompt().get(), callerLanguage(), ov).ifPresent(out::add);
            }
            for (PromptRef p : o.prompts()) {
                engine.render(p, callerLanguage(), vars).ifPresent(out::add);
            }
        }
        played.addAll(out);
        return new Action.Collect(menu.id(), out, menu.maxDigits(), menu.keys(), menu.timeout(),
                menu.speech(), callerLanguage(), engine.hints(menu));
    }

    private List<Action> onMenu(Menu menu, Event event, Chosen chosen) {
        Optional<MenuOption> picked = Optional.empty();
        if (event instanceof Event.Digits d) {
            picked = menu.option(d.digits());
            path.add(menu.id() + "=" + d.digits());
        } else if (event instanceof Event.Speech s && menu.speech()) {
            picked = bySpeech(menu, s.text());
            path.add(menu.id() + "=speech");
        } else {
            path.add(menu.id() + "=" + failureName(event));
        }
        if (picked.isPresent()) {
            return chosen.on(picked.get());
        }
        return retryOrDefault(menu, event, () -> {
            MenuOption fallback = menu.options().stream().filter(o -> o.value().equals(menu.defaultValue()))
                    .filter(o -> o.next().isEmpty()).findFirst()
                    .orElse(new MenuOption("", menu.defaultValue(), Optional.empty(), Optional.empty(),
                            List.of(), List.of()));
            return chosen.on(fallback);
        });
    }

    private List<Action> retryOrDefault(Menu menu, Event event, Turn fallback) {
        attempt++;
        if (attempt < menu.attempts()) {
            boolean timeout = event instanceof Event.Timeout;
            List<Prompt> before = new ArrayList<>();
            for (PromptRef p : timeout ? menu.noInput() : menu.invalid()) {
                engine.render(p, callerLanguage(), vars()).ifPresent(before::add);
            }
            return List.of(collect(menu, before));
        }
        path.add(menu.id() + "=default");
        return fallback.run();
    }

    private Optional<MenuOption> bySpeech(Menu menu, String text) {
        String folded = Text.fold(text);
        for (MenuOption o : menu.options()) {
            for (String w : engine.words(menu, o)) {
                if (w.length() > 2 && folded.contains(" " + w + " ")) {
                    return Optional.of(o);
                }
            }
        }
        return Optional.empty();
    }

    private static String failureName(Event event) {
        if (event instanceof Event.Timeout) {
            return "timeout";
        }
        if (event instanceof Event.Speech) {
            return "speech";
        }
        return "invalid";
    }

    // ---- language ----

    private List<Action> languageChosen(MenuOption option) {
        if (option.next().isPresent()) {
            return ask(Step.OTHER_LANGUAGE, flow.otherLanguages(), List.of());
        }
        language = option.value();
        return afterLanguage();
    }

    private List<Action> onOtherLanguage(Event event) {
        if (event instanceof Event.Speech s) {
            Optional<MenuOption> option = bySpeech(flow.otherLanguages(), s.text());
            Optional<String> named = option.map(MenuOption::value).or(() -> engine.languageNames.find(s.text()));
            if (named.isPresent()) {
                path.add(flow.otherLanguages().id() + "=speech");
                language = named.get();
                return afterLanguage();
            }
        }
        return onMenu(flow.otherLanguages(), event, o -> {
            language = o.value();
            return afterLanguage();
        });
    }

    private List<Action> afterLanguage() {
        NumberLocation where = engine.regions.locate(CallerNumber.parse(start.callerId()));
        if (where instanceof NumberLocation.Found f) {
            region = f.region().id();
            regionSource = "number";
            return askNeed();
        }
        areaRegions = ((NumberLocation.NotFound) where).areaRegions();
        if (!canAsk(flow.postalCode())) {
            region = Region.UNKNOWN;
            return askNeed();
        }
        return ask(Step.POSTAL_CODE, flow.postalCode(), List.of());
    }

    /**
     * A caller whose language is undetermined understands none of our prompts: no more questions,
     * an interpreter identifies the language with an agent.
     */
    private boolean canAsk(Menu menu) {
        return !"und".equals(language);
    }

    // ---- region ----

    private List<Action> onPostalCode(Event event) {
        Menu menu = flow.postalCode();
        PostalLocation found = null;
        if (event instanceof Event.Digits d) {
            path.add(menu.id() + "=" + d.digits());
            if (d.digits().length() == 3) {
                found = engine.regions.locateKeys(d.digits(), areaRegions);
            }
        } else if (event instanceof Event.Speech s) {
            path.add(menu.id() + "=speech");
            found = RegionDirectory.fsaInSpeech(s.text()).map(engine.regions::locateFsa).orElse(null);
        } else {
            path.add(menu.id() + "=" + failureName(event));
        }
        if (found instanceof PostalLocation.Unique u) {
            region = u.region().id();
            regionSource = "postal-code";
            return askNeed();
        }
        if (found instanceof PostalLocation.Ambiguous a) {
            regionChoices = a.regions().subList(0, Math.min(9, a.regions().size()));
            return ask(Step.REGION_CHOICE, regionChoiceMenu(), List.of());
        }
        return retryOrDefault(menu, event, () -> {
            region = Region.UNKNOWN;
            return askNeed();
        });
    }

    private Menu regionChoiceMenu() {
        Menu base = flow.regionChoice();
        List<MenuOption> options = new ArrayList<>();
        for (int i = 0; i < regionChoices.size(); i++) {
            Region r = regionChoices.get(i);
            options.add(new MenuOption(String.valueOf(i + 1), r.id(), Optional.empty(), Optional.empty(),
                    List.of(), List.of(r.name())));
        }
        return new Menu(base.id(), base.prompts(), options, 1, base.timeout(), base.attempts(), Region.UNKNOWN,
                base.speech(), base.noInput(), base.invalid(), base.optionPrompt());
    }

    private List<Action> onRegionChoice(Event event) {
        return onMenu(regionChoiceMenu(), event, o -> {
            region = o.value();
            regionSource = Region.UNKNOWN.equals(region) ? null : "choice";
            return askNeed();
        });
    }

    // ---- need ----

    private List<Action> askNeed() {
        if (!canAsk(flow.need())) {
            need = flow.need().defaultValue();
            return route();
        }
        return ask(Step.NEED, flow.need(), List.of());
    }

    private List<Action> needChosen(MenuOption option) {
        need = option.value();
        if (option.transfer().isPresent()) {
            TransferTarget target = flow.transfers().get(option.transfer().get());
            transferTo = target.destination();
            outcome = Outcome.TRANSFERRED;
            decidedAt = engine.clock.instant();
            step = Step.HANDED_OVER;
            List<Prompt> say = renderAll(target.prompts());
            return List.of(new Action.Play(say), new Action.Transfer(target.destination(), target.id()));
        }
        return route();
    }

    // ---- routing ----

    private List<Action> route() {
        decidedAt = engine.clock.instant();
        String where = region == null ? Region.UNKNOWN : region;
        homeCentre = engine.router.homeCentre(where).id();
        RouteDecision decision = engine.router.route(where, language, decidedAt, engine.staffing, failedCentres);
        if (decision instanceof RouteDecision.Queue q) {
            outcome = Outcome.QUEUED;
            queue = q.queue();
            interpreterLanguage = null;
            step = Step.HANDED_OVER;
            return List.of(new Action.Play(renderAll(flow.queued())), new Action.Enqueue(q.queue(), language));
        }
        if (decision instanceof RouteDecision.Interpreter i) {
            outcome = Outcome.INTERPRETER;
            queue = i.queue();
            interpreterLanguage = i.language();
            step = Step.HANDED_OVER;
            return List.of(new Action.Play(renderAll(flow.interpreter())),
                    new Action.BridgeInterpreter(i.queue(), i.language()));
        }
        RouteDecision.Closed closed = (RouteDecision.Closed) decision;
        homeCentre = closed.home().id();
        if (!failedCentres.isEmpty()) {
            // Open centres exist but their queues failed: no queue takes the call any more, so it ends
            // like an after-hours call (a call-back offer, then goodbye), with its own reason.
            outcome = Outcome.AFTER_HOURS;
            queue = null;
            interpreterLanguage = null;
            callback = false;
            closedReason = ALL_BUSY;
            return ask(Step.ALL_BUSY, flow.allBusy(), List.of());
        }
        outcome = Outcome.AFTER_HOURS;
        queue = null;
        callback = false;
        closedReason = closed.home().closedReason(java.time.LocalDateTime.ofInstant(decidedAt, engine.router.zone()))
                .orElse("hours");
        return ask(Step.AFTER_HOURS, flow.afterHours(), List.of());
    }

    // ---- after hours and call-back ----

    private List<Action> callbackChosen(MenuOption option) {
        if ("callback".equals(option.value())) {
            step = Step.RECORD;
            String name = "callback-" + safe(start.callId());
            return List.of(new Action.Record(renderAll(flow.recordIntro()), name, flow.recordMaxLength(), "#"));
        }
        step = Step.ENDED;
        return List.of(new Action.Play(renderAll(flow.goodbye())), new Action.Hangup());
    }

    private List<Action> onRecording(Event event) {
        if (event instanceof Event.Recorded r) {
            recording = r.location();
            callback = true;
            path.add("record=" + r.length().toSeconds() + "s");
        } else {
            // Any other ending of a recording (keys, silence, a garbled reply): the door stored it or not.
            path.add("record=" + failureName(event));
            callback = false;
        }
        step = Step.ENDED;
        List<Prompt> say = renderAll(callback ? flow.recorded() : flow.goodbye());
        return List.of(new Action.Play(say), new Action.Hangup());
    }

    // ---- helpers ----

    private List<Prompt> renderAll(List<PromptRef> refs) {
        Map<String, String> vars = vars();
        List<Prompt> out = new ArrayList<>(refs.size());
        for (PromptRef p : refs) {
            engine.render(p, callerLanguage(), vars).ifPresent(out::add);
        }
        played.addAll(out);
        return out;
    }

    private Map<String, String> vars() {
        Map<String, String> vars = new HashMap<>();
        if (homeCentre != null) {
            vars.put("centre", homeCentre);
            engine.router.centres().stream().filter(c -> c.id().equals(homeCentre)).findFirst()
                    .ifPresent(c -> vars.put("centre-name", c.name()));
        }
        return vars;
    }

    private String callerLanguage() {
        return language == null ? flow.promptFallback().isEmpty() ? "fr-CA" : flow.promptFallback().get(0) : language;
    }

    private String stepName() {
        return step.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
