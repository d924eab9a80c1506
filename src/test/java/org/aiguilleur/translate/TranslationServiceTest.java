package org.aiguilleur.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.api.gax.core.NoCredentialsProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.aiguilleur.config.PromptStore;
import org.aiguilleur.config.TranslationSettings;
import org.aiguilleur.flow.PromptCatalog;
import org.aiguilleur.testing.FakeTranslate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run-time translation with the real v3 client against the local fake of Cloud Translation. */
class TranslationServiceTest {
    static final String AFTER_HOURS = "Le 211 est fermé en ce moment. Nous sommes ouverts {hours}.";
    static final String TRANSFER = "Nous vous transférons à Info-Santé et Info-Social, au 811.";
    static final PromptStore STORE = new PromptStore(Map.of(
            "fr-CA", Map.of(
                    "after-hours", new PromptStore.Entry(AFTER_HOURS, "human", true),
                    "transfer-811", new PromptStore.Entry(TRANSFER, "human", true),
                    "goodbye", new PromptStore.Entry("Merci d'avoir appelé le 211. Au revoir.", "human", true)),
            "es", Map.of("goodbye", new PromptStore.Entry("Gracias por llamar al 211. Adiós.", "human", false))));
    static final ProtectedText PROTECT = new ProtectedText(List.of("211", "811", "911", "Info-Santé", "Info-Social",
            "211 Grand Montréal"));

    @TempDir
    Path dir;
    final FakeTranslate fake = new FakeTranslate("test-key");
    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;
    final List<TranslationService> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(TranslationService::close);
        fake.close();
    }

    TranslationSettings settings(Duration wait) {
        return new TranslationSettings(true, "v3", "fr-CA", List.of("es", "zh"), Optional.of("test-project"), "global",
                Optional.of(fake.endpoint()), "KEY", wait, Duration.ofSeconds(5), Duration.ofMinutes(1), 1000, dir,
                TranslationSettings.ALWAYS_PROTECTED, List.of("language-option"), dir);
    }

    PromptCatalog catalog(Duration wait) throws Exception {
        TranslationSettings s = settings(wait);
        Translator t = new GoogleV3Translator("test-project", "global", Optional.of(fake.endpoint()),
                NoCredentialsProvider.create(), s.timeout());
        TranslationService service = new TranslationService(s, Optional.of(t), new DiskCache(dir,
                Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC)), ticker);
        services.add(service);
        return service.catalog(STORE, PROTECT);
    }

    @Test
    void lookupsMayWait_untilEveryTranslatedLanguageHasEveryText_thenAnswerFromMemory() throws Exception {
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertTrue(c.mayWait(), "es and zh lack texts: a lookup would ask the API");
        c.text("after-hours", "zh");
        nanos.addAndGet(TranslationService.RECHECK_NANOS);
        assertTrue(c.mayWait(), "es still lacks texts");
        c.text("after-hours", "es");
        assertTrue(c.mayWait(), "the last answer holds until the recheck");
        nanos.addAndGet(TranslationService.RECHECK_NANOS);
        assertFalse(c.mayWait(), "every text is now stored or cached");
        int asked = fake.requests();
        assertTrue(c.text("goodbye", "zh").isPresent());
        assertEquals(asked, fake.requests());
    }

    @Test
    void withoutAnApi_lookupsNeverWait() throws Exception {
        TranslationService cachedOnly = TranslationService.cachedOnly(settings(Duration.ofSeconds(10)),
                Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));
        services.add(cachedOnly);
        assertFalse(cachedOnly.catalog(STORE, PROTECT).mayWait());
    }

    @Test
    void storedText_isUsedWithoutCallingTheApi() throws Exception {
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.of("Gracias por llamar al 211. Adiós."), c.text("goodbye", "es"));
        assertEquals(0, fake.requests());
    }

    @Test
    void missingText_isTranslatedOnceForTheWholeLanguage_thenCacheHitsDoNotCallTheApi() throws Exception {
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.of("[zh] LE 211 EST FERMÉ EN CE MOMENT. NOUS SOMMES OUVERTS {hours}."),
                c.text("after-hours", "zh"));
        assertEquals(1, fake.requests());
        FakeTranslate.Received r = fake.received().get(0);
        assertEquals(List.of("v3", "test-project", "fr", "zh", "text/html"),
                List.of(r.surface(), r.project(), r.from(), r.to(), r.format()));
        assertEquals(3, r.texts().size(), "every prompt zh lacks, in one request");
        for (int i = 0; i < 100; i++) {
            assertTrue(c.text("after-hours", "zh").isPresent());
            assertTrue(c.text("goodbye", "zh").isPresent());
            assertTrue(c.text("transfer-811", "zh").isPresent());
        }
        assertEquals(1, fake.requests());
    }

    @Test
    void languageNotConfigured_orUnknownPrompt_isNotTranslated() throws Exception {
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), c.text("after-hours", "de"));
        assertEquals(Optional.empty(), c.text("no-such-prompt", "zh"));
        assertEquals(0, fake.requests());
    }

    @Test
    void protectedTermsAndPlaceholders_areMaskedForTheApi_andSurvive() throws Exception {
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.of("[es] NOUS VOUS TRANSFÉRONS À Info-Santé ET Info-Social, AU 811."),
                c.text("transfer-811", "es"));
        List<String> sent = fake.received().get(0).texts();
        assertTrue(sent.contains("Nous vous transférons à <span translate=\"no\">Info-Santé</span> et "
                + "<span translate=\"no\">Info-Social</span>, au <span translate=\"no\">811</span>."), sent.toString());
        assertTrue(sent.contains("Le <span translate=\"no\">211</span> est fermé en ce moment. Nous sommes ouverts "
                + "<span translate=\"no\">{hours}</span>."), sent.toString());
        assertEquals(Optional.of("[es] LE 211 EST FERMÉ EN CE MOMENT. NOUS SOMMES OUVERTS {hours}."),
                c.text("after-hours", "es"));
    }

    @Test
    void translationThatLosesAPlaceholder_isRejected_andTheFallbackIsUsed() throws Exception {
        fake.rewrite(t -> t.replace("<span translate=\"no\">{hours}</span>", "TOUS LES JOURS"));
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), c.text("after-hours", "zh"));
        assertTrue(c.text("goodbye", "zh").isPresent(), "the other texts of the request are kept");
        assertEquals(Optional.empty(), c.text("after-hours", "zh"), "rejected once, not asked again");
        assertEquals(1, fake.requests());
    }

    @Test
    void translationThatRenamesTheOnlyPlaceholder_isRepaired() throws Exception {
        fake.rewrite(t -> t.replace("<span translate=\"no\">{hours}</span>", "{ horas }"));
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.of("[es] LE 211 EST FERMÉ EN CE MOMENT. NOUS SOMMES OUVERTS {hours}."),
                c.text("after-hours", "es"));
    }

    @Test
    void concurrentLookupsOfTheSameText_callTheApiOnce() throws Exception {
        fake.hold();
        PromptCatalog c = catalog(Duration.ofMillis(1500));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = i % 2 == 0 ? "after-hours" : "goodbye";
            Callable<Optional<String>> lookup = () -> {
                start.await();
                return c.text(id, "zh");
            };
            answers.add(pool.submit(lookup));
        }
        start.countDown();
        Thread.sleep(200);
        fake.release();
        for (Future<Optional<String>> a : answers) {
            assertTrue(a.get(5, TimeUnit.SECONDS).isPresent());
        }
        pool.shutdown();
        assertEquals(1, fake.requests());
        List<String> sent = fake.received().stream().flatMap(r -> r.texts().stream()).toList();
        assertEquals(sent.size(), new java.util.HashSet<>(sent).size(), "each text sent once: " + sent);
    }

    @Test
    void slowApi_fallsBackWithinTheWait_thenFillsTheCacheInTheBackground() throws Exception {
        fake.hold();
        PromptCatalog c = catalog(Duration.ofMillis(200));
        long t0 = System.nanoTime();
        assertEquals(Optional.empty(), c.text("after-hours", "zh"));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "returned near the wait, not the API's time");
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        assertEquals(Optional.empty(), c.text("goodbye", "zh"), "past the request's wait: no second wait");
        fake.release();
        awaitPresent(c, "after-hours", "zh");
        assertTrue(c.text("goodbye", "zh").isPresent());
        assertEquals(1, fake.requests());
    }

    @Test
    void quotaRefusal_fallsBack_andNoRequestIsMadeUntilRetryAfter() throws Exception {
        fake.failWith(429);
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), c.text("after-hours", "zh"));
        assertEquals(Optional.empty(), c.text("after-hours", "zh"));
        assertEquals(Optional.empty(), c.text("after-hours", "es"));
        assertEquals(1, fake.requests());
        fake.failWith(0);
        nanos.addAndGet(Duration.ofMinutes(1).plusSeconds(1).toNanos());
        assertTrue(c.text("after-hours", "zh").isPresent(), "asked again after retry-after");
        assertEquals(2, fake.requests());
    }

    @Test
    void serverError_fallsBack() throws Exception {
        fake.failWith(503);
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), c.text("after-hours", "zh"));
        assertEquals(1, fake.requests());
    }

    @Test
    void diskCache_survivesARestart_withoutCallingTheApi() throws Exception {
        assertTrue(catalog(Duration.ofSeconds(10)).text("after-hours", "zh").isPresent());
        services.forEach(TranslationService::close);
        fake.failWith(503);
        PromptCatalog restarted = catalog(Duration.ofSeconds(10));
        assertEquals(Optional.of("[zh] LE 211 EST FERMÉ EN CE MOMENT. NOUS SOMMES OUVERTS {hours}."),
                restarted.text("after-hours", "zh"));
        assertTrue(restarted.text("goodbye", "zh").isPresent());
        assertEquals(1, fake.requests());
    }

    @Test
    void cachedOnly_servesWhatTheDiskCacheHas_neverTheApi() throws Exception {
        assertTrue(catalog(Duration.ofSeconds(10)).text("after-hours", "zh").isPresent());
        try (TranslationService tool = TranslationService.cachedOnly(settings(Duration.ofSeconds(10)), Clock.systemUTC())) {
            PromptCatalog c = tool.catalog(STORE, PROTECT);
            assertTrue(c.text("after-hours", "zh").isPresent());
            assertEquals(Optional.empty(), c.text("after-hours", "es"), "not cached: no request either");
        }
        assertEquals(1, fake.requests());
    }

    @Test
    void noCredentials_usesStoredTextsOnly_andSaysSoOnce() {
        List<String> notices = new ArrayList<>();
        GoogleAccess none = new GoogleAccess() {
            @Override
            public Optional<com.google.api.gax.core.CredentialsProvider> credentials() {
                return Optional.empty();
            }

            @Override
            public Optional<String> defaultProject() {
                return Optional.empty();
            }

            @Override
            public Optional<String> env(String name) {
                return Optional.empty();
            }
        };
        TranslationService s = TranslationService.start(settings(Duration.ofSeconds(10)), none, Clock.systemUTC(),
                notices::add);
        services.add(s);
        PromptCatalog c = s.catalog(STORE, PROTECT);
        assertEquals(Optional.of("Gracias por llamar al 211. Adiós."), c.text("goodbye", "es"));
        assertEquals(Optional.empty(), c.text("after-hours", "zh"));
        assertEquals(Optional.empty(), c.text("after-hours", "es"));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("no Google credentials"), notices.get(0));
        assertEquals(0, fake.requests());
    }

    @Test
    void closedService_stillAnswers_withTheStoredTextsAndTheFallback() throws Exception {
        PromptCatalog c = catalog(Duration.ofSeconds(10));
        services.forEach(TranslationService::close);
        assertEquals(Optional.of("Gracias por llamar al 211. Adiós."), c.text("goodbye", "es"));
        assertEquals(Optional.empty(), c.text("after-hours", "zh"));
    }

    static void awaitPresent(PromptCatalog c, String id, String lang) throws InterruptedException {
        for (int i = 0; i < 100 && c.text(id, lang).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertTrue(c.text(id, lang).isPresent(), id + " in " + lang + " never arrived");
    }
}
