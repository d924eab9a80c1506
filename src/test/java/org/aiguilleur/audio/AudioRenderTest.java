package org.aiguilleur.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.flow.PromptTexts;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiguilleur audio render} with the real espeak-ng and sox (installed by
 * {@code .ci/setup.d/10-espeak.sh}): telephone WAV files where the server looks for them.
 */
class AudioRenderTest {

    /** Every French text a call can produce: the journey's and the interpreter bridge's. */
    static List<Prompt> french() {
        Configuration cfg = Fixtures.shipped();
        Set<Prompt> all = new LinkedHashSet<>(PromptTexts.all(cfg.engine(Clock.systemUTC(), LiveStaffing.UNKNOWN),
                cfg.prompts().languages()));
        all.addAll(cfg.bridgePrompts().all(cfg.prompts().languages()));
        return all.stream().filter(p -> p.language().equals("fr-CA")).toList();
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = org.aiguilleur.cli.CliAccess.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void render_writesEveryFrenchPrompt_asTelephoneWav_thenKeepsThem(@TempDir Path dir) throws Exception {
        String[] first = run("audio", "render", "--config", "config", "--output", dir.toString(), "--language", "fr-CA");
        assertEquals("0", first[0], first[2]);
        List<Prompt> prompts = french();
        assertTrue(first[1].contains(prompts.size() + " prompt files rendered, 0 already there"), first[1]);
        for (Prompt p : prompts) {
            Path f = dir.resolve(SoundFiles.relative(p) + ".wav");
            assertTrue(Files.size(f) > 1000, f + " has speech");
        }
        // The agent of an interpreted Spanish call hears the whisper naming Spanish (Asterisk plays the file).
        Prompt spanishWhisper = Fixtures.shipped().bridgePrompts().whisper("es").get(0);
        assertTrue(spanishWhisper.text().contains("espagnol"), spanishWhisper.text());
        assertTrue(Files.size(dir.resolve(SoundFiles.relative(spanishWhisper) + ".wav")) > 1000, "the whisper for es");
        AudioFormat format = AudioSystem.getAudioFileFormat(dir.resolve(SoundFiles.relative(prompts.get(0)) + ".wav")
                .toFile()).getFormat();
        assertEquals(8000f, format.getSampleRate());
        assertEquals(1, format.getChannels());
        assertEquals(16, format.getSampleSizeInBits());
        assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
        assertEquals(8000f, AudioSystem.getAudioFileFormat(dir.resolve("silence.wav").toFile()).getFormat().getSampleRate());
        try (Stream<Path> other = Files.list(dir)) {
            assertEquals(Set.of("fr-CA", "silence.wav"), Set.copyOf(other.map(p -> p.getFileName().toString()).toList()));
        }

        String[] again = run("audio", "render", "--config", "config", "--output", dir.toString(), "--language", "fr-CA");
        assertTrue(again[1].contains("0 prompt files rendered, " + prompts.size() + " already there"), again[1]);
    }

    @Test
    void aChangedText_getsAnotherFile() {
        Prompt p = new Prompt("welcome", "fr-CA", "Bienvenue au 211.");
        Prompt changed = new Prompt("welcome", "fr-CA", "Bienvenue au 2-1-1.");
        assertTrue(SoundFiles.relative(p).matches("fr-CA/welcome-[0-9a-f]{8}"), SoundFiles.relative(p));
        assertNotEquals(SoundFiles.relative(p), SoundFiles.relative(changed));
        assertEquals(SoundFiles.relative(p), SoundFiles.relative(new Prompt("welcome", "fr-CA", "Bienvenue au 211.")));
    }

    @Test
    void unknownLanguage_isRefused(@TempDir Path dir) {
        String[] r = run("audio", "render", "--output", dir.toString(), "--language", "tlh");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--language tlh: no prompts in that language"), r[2]);
    }

    @Test
    void aVoiceEspeakDoesNotHave_isReportedBeforeAnythingIsRendered(@TempDir Path dir) throws Exception {
        String[] r = run("audio", "render", "--output", dir.toString(), "--language", "fr-CA", "--voice", "fr-CA=nope",
                "--voice", "fr=nope");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no espeak-ng voice for fr-CA; name one with --voice LANG=VOICE"), r[2]);
        assertTrue(Files.notExists(dir.resolve("fr-CA")), "nothing rendered");
        Voices none = new Voices(java.util.Map.of(), Set.of("en-us"));
        assertEquals(java.util.Optional.empty(), none.voice("fr-CA"));
        assertEquals(java.util.Optional.of("en-us"), none.voice("en-CA"));
    }
}
