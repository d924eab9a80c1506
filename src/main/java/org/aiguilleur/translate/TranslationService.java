package org.aiguilleur.translate;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.PromptStore;
import org.aiguilleur.config.TranslationSettings;
import org.aiguilleur.flow.PromptCatalog;
import org.aiguilleur.routing.Centre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run-time translation of prompts a language lacks, shared by every configuration the server runs
 * (its caches outlive reloads). A lookup tries the Caffeine cache, then the on-disk cache, then asks
 * the API for every missing prompt of that language in one request, and waits at most
 * {@code callerWait} from the moment that request started: past it the lookup answers empty (the
 * engine says the prompt in its fallback language) and the translation fills the caches when it
 * arrives. Each source text is translated once per language: concurrent lookups share the request.
 * After a failed or refused request, no request is made for {@code retryAfter}. Thread-safe.
 */
public final class TranslationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranslationService.class);
    /** Texts per API request (v3 allows 1024, with a total length limit). */
    private static final int BATCH = 100;
    /** How long an answer of {@link #mayWait} holds. */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    record Key(String language, String source) {
    }

    /** A translation, or null text when it was rejected (it lost a placeholder or a protected term). */
    record Translated(String text) {
    }

    private final TranslationSettings settings;
    private final Optional<Translator> translator;
    private final DiskCache disk;
    private final Ticker ticker;
    private final AsyncCache<Key, Translated> memory;
    private final ExecutorService executor;
    private final Set<String> languages;
    private final Set<String> untranslated;
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile long pausedUntil;
    private volatile boolean paused;

    /**
     * @param translator the API client, or empty: only stored and cached texts are used
     * @param ticker     nanoseconds, for the wait and the pause (tests advance a fake one)
     */
    public TranslationService(TranslationSettings settings, Optional<Translator> translator, DiskCache disk,
                              Ticker ticker) {
        this.settings = settings;
        this.translator = translator;
        this.disk = disk;
        this.ticker = ticker;
        this.languages = Set.copyOf(settings.languages());
        this.untranslated = Set.copyOf(settings.untranslated());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "translate-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.memory = Caffeine.newBuilder().maximumSize(settings.cacheSize()).buildAsync();
    }

    /**
     * The service of these settings with Google's standard credentials; says once on {@code notice}
     * when there is no translator.
     */
    public static TranslationService start(TranslationSettings settings, GoogleAccess access, InstantSource clock,
                                           Consumer<String> notice) {
        Optional<Translator> t = Translators.open(settings, access, notice);
        t.ifPresent(x -> LOG.info("translation: {} into {}, callers wait at most {} ms", x.origin(),
                settings.languages(), settings.callerWait().toMillis()));
        return new TranslationService(settings, t, new DiskCache(settings.cacheDir(), clock), Ticker.systemTicker());
    }

    /**
     * Stored texts and the translations already in the on-disk cache, never the API: what a tool
     * that must not wait or spend (audio rendering) sees of the run-time translations.
     */
    public static TranslationService cachedOnly(TranslationSettings settings, InstantSource clock) {
        return new TranslationService(settings, Optional.empty(), new DiskCache(settings.cacheDir(), clock),
                Ticker.systemTicker());
    }

    /** Whether an API is there to translate with. */
    public boolean translates() {
        return translator.isPresent();
    }

    /**
     * The prompts of {@code config} as the engine sees them: stored texts, else translations. With
     * an API, what each language lacks is asked for at once, in the background, so that callers
     * find it cached rather than wait for it.
     */
    public PromptCatalog catalog(Configuration config) {
        List<String> terms = new ArrayList<>(settings.protectedTerms());
        config.centres().stream().map(Centre::name).forEach(terms::add);
        TranslatingCatalog catalog = new TranslatingCatalog(config.prompts(), this, new ProtectedText(terms));
        if (translator.isPresent() && !pausedNow()) {
            for (String language : settings.languages()) {
                firstMissing(catalog, language).ifPresent(key -> request(catalog, language, key));
            }
        }
        return catalog;
    }

    private Optional<Key> firstMissing(TranslatingCatalog catalog, String language) {
        for (Map.Entry<String, PromptStore.Entry> e : catalog.stored.entries(settings.source()).entrySet()) {
            if (catalog.stored.text(e.getKey(), language).isEmpty() && !untranslated.contains(e.getKey())
                    && disk.get(language, e.getValue().text()).isEmpty()) {
                return Optional.of(new Key(language, e.getValue().text()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a lookup in {@code catalog} may wait for the API: there is one, and some prompt of a
     * translated language is neither stored nor translated in memory or on disk yet. Worked out at
     * most once per {@link #RECHECK_NANOS}; in between, the last answer (a field read).
     */
    boolean mayWait(TranslatingCatalog catalog) {
        if (translator.isEmpty()) {
            return false;
        }
        long now = ticker.read();
        TranslatingCatalog.WaitCheck last = catalog.lastCheck;
        if (last != null && now - last.at() < RECHECK_NANOS) {
            return last.waits();
        }
        boolean waits = anyUntranslated(catalog);
        catalog.lastCheck = new TranslatingCatalog.WaitCheck(waits, now);
        return waits;
    }

    private boolean anyUntranslated(TranslatingCatalog catalog) {
        for (String language : settings.languages()) {
            for (Map.Entry<String, PromptStore.Entry> e : catalog.stored.entries(settings.source()).entrySet()) {
                if (catalog.stored.text(e.getKey(), language).isPresent() || untranslated.contains(e.getKey())
                        || disk.get(language, e.getValue().text()).isPresent()) {
                    continue;
                }
                CompletableFuture<Translated> f = memory.getIfPresent(new Key(language, e.getValue().text()));
                if (f == null || !f.isDone() || f.isCompletedExceptionally() || f.getNow(null) == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The prompts of {@code store}, with these protected terms (for tools and tests). */
    public PromptCatalog catalog(PromptStore store, ProtectedText protect) {
        return new TranslatingCatalog(store, this, protect);
    }

    /** A translation for a prompt of {@code catalog} that {@code language} lacks, within the wait. */
    Optional<String> lookup(TranslatingCatalog catalog, String id, String language) {
        if (!languages.contains(language) || untranslated.contains(id)) {
            return Optional.empty();
        }
        Optional<String> source = catalog.stored.text(id, settings.source());
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Key key = new Key(language, source.get());
        CompletableFuture<Translated> f = memory.getIfPresent(key);
        if (f != null && f.isDone()) {
            if (f.isCompletedExceptionally() || f.getNow(null) == null) {
                // A failed request's entry, on its way out of the cache: ask again (unless paused).
                memory.asMap().remove(key, f);
                f = null;
            } else {
                return value(f);
            }
        }
        if (f == null) {
            Optional<DiskCache.Stored> d = disk.get(language, key.source());
            if (d.isPresent()) {
                memory.put(key, CompletableFuture.completedFuture(new Translated(d.get().text())));
                return Optional.of(d.get().text());
            }
            if (translator.isEmpty() || pausedNow()) {
                return Optional.empty();
            }
            f = request(catalog, language, key);
        }
        long now = ticker.read();
        long deadline = deadlines.getOrDefault(language, now + settings.callerWait().toNanos());
        long remaining = Math.min(deadline - now, settings.callerWait().toNanos());
        if (remaining <= 0) {
            return Optional.empty();
        }
        try {
            f.get(remaining, TimeUnit.NANOSECONDS);
            return value(f);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> value(CompletableFuture<Translated> f) {
        Translated t = f.isCompletedExceptionally() ? null : f.getNow(null);
        return t == null ? Optional.empty() : Optional.ofNullable(t.text());
    }

    private boolean pausedNow() {
        return paused && ticker.read() - pausedUntil < 0;
    }

    /** Asks for every prompt this language lacks, {@code key} among them; in-flight ones are shared. */
    private CompletableFuture<Translated> request(TranslatingCatalog catalog, String language, Key key) {
        Set<Key> keys = new LinkedHashSet<>();
        keys.add(key);
        for (Map.Entry<String, PromptStore.Entry> e : catalog.stored.entries(settings.source()).entrySet()) {
            if (catalog.stored.text(e.getKey(), language).isEmpty() && !untranslated.contains(e.getKey())) {
                Key k = new Key(language, e.getValue().text());
                if (disk.get(language, k.source()).isEmpty()) {
                    keys.add(k);
                }
            }
        }
        // One request per language at a time: concurrent first callers join it rather than split it.
        synchronized (locks.computeIfAbsent(language, l -> new Object())) {
            memory.getAll(keys, (missing, executor) -> load(missing, language, catalog.protect));
        }
        CompletableFuture<Translated> f = memory.getIfPresent(key);
        return f != null ? f : CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Map<Key, Translated>> load(Set<? extends Key> missing, String language,
                                                         ProtectedText protect) {
        deadlines.put(language, ticker.read() + settings.callerWait().toNanos());
        List<Key> keys = List.copyOf(missing);
        return CompletableFuture.supplyAsync(() -> translate(keys, language, protect), executor);
    }

    /** Runs in the background: one API request per batch; failed keys are left out (not cached). */
    private Map<Key, Translated> translate(List<Key> keys, String language, ProtectedText protect) {
        Map<Key, Translated> out = new HashMap<>();
        Translator t = translator.orElseThrow();
        String from = primary(settings.source());
        for (int i = 0; i < keys.size(); i += BATCH) {
            List<Key> batch = keys.subList(i, Math.min(keys.size(), i + BATCH));
            try {
                List<String> texts = t.translate(batch.stream().map(k -> protect.mask(k.source())).toList(),
                        from, language);
                for (int j = 0; j < batch.size(); j++) {
                    Key k = batch.get(j);
                    ProtectedText.Outcome o = protect.unmask(texts.get(j), k.source());
                    if (o.usable()) {
                        if (o.status() == ProtectedText.Status.REPAIRED) {
                            LOG.warn("translation into {}: {} (text kept, to review)", language, o.note());
                        }
                        disk.put(language, k.source(), o.text(), t.origin());
                        out.put(k, new Translated(o.text()));
                    } else {
                        LOG.warn("translation into {} rejected: {}; the fallback language is used", language, o.note());
                        out.put(k, new Translated(null));
                    }
                }
            } catch (TranslationException e) {
                pausedUntil = ticker.read() + settings.retryAfter().toNanos();
                paused = true;
                LOG.warn("translation into {} failed{}: {}; no request for {} s", language,
                        e.quota() ? " (quota)" : "", e.getMessage(), settings.retryAfter().toSeconds());
                break;
            } catch (RuntimeException e) {
                pausedUntil = ticker.read() + settings.retryAfter().toNanos();
                paused = true;
                LOG.warn("translation into {} failed", language, e);
                break;
            }
        }
        deadlines.remove(language);
        return out;
    }

    static String primary(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        translator.ifPresent(Translator::close);
    }
}
