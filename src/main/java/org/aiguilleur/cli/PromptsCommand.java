package org.aiguilleur.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.ConfigLoader;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.TranslationSettings;
import org.aiguilleur.translate.CatalogStatus;
import org.aiguilleur.translate.DiskCache;
import org.aiguilleur.translate.GoogleAccess;
import org.aiguilleur.translate.MachineTranslation;
import org.aiguilleur.translate.TranslationException;
import org.aiguilleur.translate.Translator;
import org.aiguilleur.translate.Translators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code aiguilleur prompts}: the prompt catalogue's state, and machine translation for review. */
@Command(name = "prompts", mixinStandardHelpOptions = true,
        description = {"The prompt texts of each language (prompts/<language>.yaml): what is there, and machine"
                + " translation of what is missing, for review. See docs/PROMPTS.md."},
        subcommands = {PromptsCommand.Status.class, PromptsCommand.Translate.class})
final class PromptsCommand {
    final GoogleAccess access;

    PromptsCommand() {
        this(GoogleAccess.standard());
    }

    /** With these credentials instead of Google's standard mechanisms (tests). */
    PromptsCommand(GoogleAccess access) {
        this.access = access;
    }

    /** {@code prompts status}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Prints per language how many texts are human, machine, reviewed, not reviewed,"
                    + " and missing compared with the source language (translation.source, fr-CA), and the machine"
                    + " texts translated from a source text that has changed since."})
    static final class Status implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<Configuration> cfg = config.load(spec.commandLine().getErr());
            if (cfg.isEmpty()) {
                return 1;
            }
            String source = cfg.get().settings().translation().source();
            List<CatalogStatus.Row> rows = CatalogStatus.of(cfg.get().prompts(), source);
            out.println(String.format("%-9s %6s %8s %9s %13s %8s  %s", "language", "human", "machine", "reviewed",
                    "not-reviewed", "missing", "machine texts by origin"));
            for (CatalogStatus.Row r : rows) {
                out.println(String.format("%-9s %6d %8d %9d %13d %8d  %s", r.language(), r.human(), r.machine(),
                        r.reviewed(), r.unreviewed(), r.missing().size(), r.origins().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                        .stripTrailing());
            }
            for (CatalogStatus.Row r : rows) {
                if (!r.missing().isEmpty()) {
                    out.println(r.language() + " lacks: " + String.join(", ", r.missing()));
                }
                if (!r.stale().isEmpty()) {
                    out.println(r.language() + " translated from an older " + source + " text (re-check): "
                            + String.join(", ", r.stale()));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code prompts translate --to LANG...}. */
    @Command(name = "translate", mixinStandardHelpOptions = true,
            description = {"Fills the texts that each language lacks by machine translation from the source language"
                    + " (Google Cloud Translation, as translation: in aiguilleur.yaml says, also when enabled: false),"
                    + " written to prompts/<language>.yaml as source: machine, reviewed: false. Human texts and"
                    + " comments are kept. Texts that lose a {placeholder} or a protected term are reported and not"
                    + " written. Needs Google credentials (v3) or an API key (v2)."})
    static final class Translate implements Callable<Integer> {
        @Option(names = "--to", paramLabel = "LANG", arity = "1..*", required = true,
                description = "Languages to fill (BCP 47 tags: zh, ht, pt, ...).")
        List<String> languages = new ArrayList<>();

        @Mixin
        ConfigOption config;

        @ParentCommand
        PromptsCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Configuration> loaded = config.load(err);
            if (loaded.isEmpty()) {
                return 1;
            }
            Configuration cfg = loaded.get();
            TranslationSettings s = cfg.settings().translation().withEnabled(true);
            for (String l : languages) {
                if (!isTag(l) || l.equals(s.source())) {
                    err.println("--to " + l + ": not a language tag other than the source " + s.source());
                    return 2;
                }
            }
            List<String> notices = new ArrayList<>();
            Optional<Translator> translator = Translators.open(s, parent.access, notices::add);
            if (translator.isEmpty()) {
                notices.forEach(err::println);
                err.println("Nothing translated: set up Google credentials, see docs/PROMPTS.md.");
                return 1;
            }
            int failures = 0;
            try (Translator t = translator.get()) {
                DiskCache disk = new DiskCache(s.cacheDir(), java.time.Clock.systemUTC());
                MachineTranslation mt = new MachineTranslation(cfg, t, disk);
                for (String lang : languages) {
                    try {
                        MachineTranslation.Result r = mt.fill(lang, s.promptsDir(), err);
                        out.println(lang + ": " + r.added() + " text(s) added as machine, not reviewed"
                                + (r.repaired() > 0 ? " (" + r.repaired() + " repaired)" : "")
                                + (r.rejected().isEmpty() ? "" : "; rejected: " + String.join(", ", r.rejected())));
                    } catch (TranslationException e) {
                        failures++;
                        err.println(lang + ": translation failed, nothing written: " + e.getMessage());
                    }
                }
            }
            out.flush();
            try {
                ConfigLoader.load(cfg.dir());
            } catch (ConfigException e) {
                err.println("The configuration no longer loads; fix before serving:");
                e.errors().forEach(x -> err.println("  " + x));
                return 1;
            }
            return failures == 0 ? 0 : 1;
        }

        private static boolean isTag(String s) {
            try {
                return new Locale.Builder().setLanguageTag(s).build().toLanguageTag().equals(s);
            } catch (IllformedLocaleException e) {
                return false;
            }
        }
    }
}
