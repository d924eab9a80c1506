package org.aiguilleur.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.aiguilleur.audio.PromptAudio;
import org.aiguilleur.audio.Voices;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.flow.PromptTexts;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.translate.TranslationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aiguilleur audio}: prompt audio for Asterisk. */
@Command(name = "audio", mixinStandardHelpOptions = true,
        description = "Prompt audio for the Asterisk door.",
        subcommands = {AudioCommand.Render.class})
final class AudioCommand {

    /** {@code aiguilleur audio render}: every prompt text to 8 kHz mono WAV with espeak-ng. */
    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {"Renders every prompt text the configuration can give a caller (all languages, centres'"
                + " hours, region options) to 8 kHz mono 16-bit WAV, one folder per language:"
                + " <output>/<language>/<prompt id>-<hash of the text>.wav, plus <output>/silence.wav.",
                "Uses Debian's espeak-ng and sox. Files already there are kept (a changed text gets a new name).",
                "The Asterisk door streams them from server.agi.sound-prefix, else from server.agi.sounds."})
    static final class Render implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--output", paramLabel = "DIR",
                description = "Where to write (default: server.agi.sounds of the configuration).")
        Path output;

        @Option(names = "--language", paramLabel = "LANG", arity = "1..*",
                description = "Only these prompt languages (BCP 47, e.g. fr-CA en-CA); default: all.")
        List<String> languages = new ArrayList<>();

        @Option(names = "--voice", paramLabel = "LANG=VOICE",
                description = "The espeak-ng voice for a language (see espeak-ng --voices), e.g. fr-CA=fr-fr.")
        Map<String, String> voices = new LinkedHashMap<>();

        @Option(names = "--espeak", paramLabel = "PROGRAM", defaultValue = "espeak-ng",
                description = "The espeak-ng program (default: ${DEFAULT-VALUE}).")
        String espeak;

        @Option(names = "--sox", paramLabel = "PROGRAM", defaultValue = "sox",
                description = "The sox program (default: ${DEFAULT-VALUE}).")
        String sox;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Configuration> loaded = config.load(err);
            if (loaded.isEmpty()) {
                return 1;
            }
            Configuration cfg = loaded.get();
            Path dir = output != null ? output : cfg.settings().agiDoor().sounds();
            Set<String> known = cfg.prompts().languages();
            List<String> unknown = languages.stream().filter(l -> !known.contains(l)).toList();
            if (!unknown.isEmpty()) {
                err.println("--language " + String.join(", ", unknown) + ": no prompts in that language (there are "
                        + String.join(", ", new TreeSet<>(known)) + ")");
                return 2;
            }
            // Run-time translations already cached on disk are rendered too, as the server will say them.
            List<Prompt> prompts;
            try (TranslationService cached = TranslationService.cachedOnly(cfg.settings().translation(),
                    Clock.systemUTC())) {
                // The interpreter bridge's prompts too: the caller's waiting message and apology, and
                // the agent's whisper naming each language.
                Set<Prompt> all = new LinkedHashSet<>(PromptTexts.all(
                        cfg.engine(Clock.systemUTC(), LiveStaffing.UNKNOWN, cached.catalog(cfg)), known));
                all.addAll(cfg.bridgePrompts().all(known));
                prompts = all.stream().filter(p -> languages.isEmpty() || languages.contains(p.language())).toList();
            }
            PromptAudio audio = new PromptAudio(espeak, sox, dir);
            Voices chosen;
            try {
                chosen = new Voices(voices, audio.installedVoices());
            } catch (IOException e) {
                err.println("cannot run " + espeak + " (Debian: apt-get install espeak-ng sox): " + e.getMessage());
                return 1;
            }
            Set<String> voiceless = new TreeSet<>();
            prompts.forEach(p -> {
                if (chosen.voice(p.language()).isEmpty()) {
                    voiceless.add(p.language());
                }
            });
            if (!voiceless.isEmpty() && !languages.isEmpty()) {
                err.println("no espeak-ng voice for " + String.join(", ", voiceless)
                        + "; name one with --voice LANG=VOICE (espeak-ng --voices lists them)");
                return 1;
            }
            if (!voiceless.isEmpty()) {
                // All languages asked: one espeak-ng cannot speak (Tagalog) must not stop the others.
                err.println("no espeak-ng voice for " + String.join(", ", voiceless)
                        + ": skipped; name one with --voice LANG=VOICE (espeak-ng --voices lists them)");
                prompts = prompts.stream().filter(p -> !voiceless.contains(p.language())).toList();
            }
            PromptAudio.Report report;
            try {
                report = audio.render(prompts, chosen, Runtime.getRuntime().availableProcessors());
            } catch (IOException e) {
                err.println("cannot write " + dir + ": " + e.getMessage());
                return 1;
            }
            report.failures().forEach(f -> err.println("failed: " + f));
            out.printf("%s: %d prompt files rendered, %d already there, %d failed.%n", dir.toAbsolutePath().normalize(),
                    report.rendered(), report.kept(), report.failures().size());
            return report.failures().isEmpty() ? 0 : 1;
        }
    }
}
