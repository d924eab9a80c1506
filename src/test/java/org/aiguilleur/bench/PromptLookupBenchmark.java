package org.aiguilleur.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.TranslationSettings;
import org.aiguilleur.flow.PromptCatalog;
import org.aiguilleur.translate.DiskCache;
import org.aiguilleur.translate.TranslationService;
import org.aiguilleur.translate.Translator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A prompt lookup as the engine makes it through the run-time translation catalogue: a text stored
 * in {@code prompts/}, and a text the language lacks that is already translated (in the Caffeine
 * cache). The translator is an in-process stand-in: the cached path never calls it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromptLookupBenchmark {
    private TranslationService service;
    private PromptCatalog catalog;

    @Setup
    public void setUp() throws Exception {
        Configuration cfg = ConfigLoader.load(Path.of("config"));
        TranslationSettings s = cfg.settings().translation();
        Path cache = Files.createTempDirectory("prompt-bench");
        TranslationSettings bench = new TranslationSettings(true, "v3", s.source(), List.of("de"), Optional.of("bench"),
                "global", Optional.empty(), "", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(1),
                10_000, cache, s.protectedTerms(), s.untranslated(), s.promptsDir());
        Translator echo = new Translator() {
            @Override
            public List<String> translate(List<String> html, String from, String to) {
                return html.stream().map(t -> "[de] " + t).toList();
            }

            @Override
            public String origin() {
                return "bench";
            }

            @Override
            public void close() {
            }
        };
        service = new TranslationService(bench, Optional.of(echo), new DiskCache(cache, Clock.systemUTC()),
                Ticker.systemTicker());
        catalog = service.catalog(cfg);
        if (catalog.text("need-menu", "de").isEmpty()) {
            throw new IllegalStateException("the translation was not cached");
        }
    }

    @TearDown
    public void tearDown() {
        service.close();
    }

    /** A text stored in prompts/es.yaml. */
    @Benchmark
    public Optional<String> storedText() {
        return catalog.text("need-menu", "es");
    }

    /** A text de lacks, translated once and now served from the Caffeine cache. */
    @Benchmark
    public Optional<String> cachedTranslation() {
        return catalog.text("need-menu", "de");
    }

    /** A language that is not translated at run time: the engine's next candidate is tried. */
    @Benchmark
    public Optional<String> untranslatedLanguage() {
        return catalog.text("need-menu", "sw");
    }
}
