package org.aiguilleur.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.aiguilleur.flow.Prompt;

/**
 * Renders prompt texts to 8 kHz mono 16-bit WAV files, the format Asterisk plays without
 * transcoding, with Debian's espeak-ng (speech) and sox (resampling). A file already there is kept:
 * its name carries the hash of its text, so it is up to date.
 */
public final class PromptAudio {
    /** Telephone audio: 8 kHz, 16-bit signed, mono. */
    public static final AudioFormat TELEPHONE = new AudioFormat(8000f, 16, 1, true, false);
    private static final long SILENCE_MS = 200;

    private final String espeak;
    private final String sox;
    private final Path output;

    public PromptAudio(String espeak, String sox, Path output) {
        this.espeak = espeak;
        this.sox = sox;
        this.output = output;
    }

    /** What one run did. */
    public record Report(int rendered, int kept, List<String> failures) {
    }

    /** The voices espeak-ng has (its {@code --voices} list); fails when espeak-ng cannot run. */
    public Set<String> installedVoices() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(espeak, "--voices").redirectErrorStream(true).start();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) {
            throw new IOException(espeak + " --voices failed: " + text.strip());
        }
        Set<String> voices = new HashSet<>();
        for (String line : text.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length > 1 && !cols[0].equals("Pty")) {
                voices.add(cols[1]);
            }
        }
        return voices;
    }

    /** Renders every prompt whose file is missing, plus the silence GET DATA plays; {@code threads} at once. */
    public Report render(Collection<Prompt> prompts, Voices voices, int threads)
            throws IOException, InterruptedException {
        Files.createDirectories(output);
        writeSilence(output.resolve(SoundFiles.SILENCE + ".wav"));
        List<Prompt> todo = new ArrayList<>();
        int kept = 0;
        for (Prompt p : prompts) {
            if (Files.exists(file(p))) {
                kept++;
            } else {
                todo.add(p);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<String> failures = new ArrayList<>();
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Prompt p : todo) {
                results.add(pool.submit(() -> renderOne(p, voices)));
            }
            for (Future<String> f : results) {
                try {
                    String failure = f.get();
                    if (failure != null) {
                        failures.add(failure);
                    }
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        return new Report(todo.size() - failures.size(), kept, failures);
    }

    /** Where a prompt's audio goes. */
    public Path file(Prompt prompt) {
        return output.resolve(SoundFiles.relative(prompt) + ".wav");
    }

    private String renderOne(Prompt prompt, Voices voices) throws IOException, InterruptedException {
        String voice = voices.voice(prompt.language()).orElse(null);
        if (voice == null) {
            return prompt.language() + "/" + prompt.id() + ": no espeak-ng voice for " + prompt.language();
        }
        Path target = file(prompt);
        Files.createDirectories(target.getParent());
        Path text = Files.createTempFile(target.getParent(), ".text-", ".txt");
        Path speech = Files.createTempFile(target.getParent(), ".speech-", ".wav");
        Path telephone = Files.createTempFile(target.getParent(), ".tel-", ".wav");
        try {
            Files.writeString(text, prompt.text(), StandardCharsets.UTF_8);
            // -b 1: the text file is UTF-8. The text is passed as a file, never on a command line.
            String e = run(espeak, "-v", voice, "-b", "1", "-f", text.toString(), "-w", speech.toString());
            if (e != null) {
                return SoundFiles.relative(prompt) + ": " + e;
            }
            String s = run(sox, speech.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                    telephone.toString());
            if (s != null) {
                return SoundFiles.relative(prompt) + ": " + s;
            }
            // Moved into place whole, so a half-written file never passes for a rendered one.
            Files.move(telephone, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        } finally {
            Files.deleteIfExists(text);
            Files.deleteIfExists(speech);
            Files.deleteIfExists(telephone);
        }
    }

    /** Runs a program; null on success, else its exit code and output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        int code = p.waitFor();
        return code == 0 ? null : command[0] + " exited " + code + (out.isEmpty() ? "" : ": " + out);
    }

    static void writeSilence(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        int frames = (int) (TELEPHONE.getSampleRate() * SILENCE_MS / 1000);
        byte[] zeros = new byte[frames * TELEPHONE.getFrameSize()];
        Path tmp = Files.createTempFile(file.getParent(), ".silence-", ".wav");
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(zeros), TELEPHONE, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, tmp.toFile());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
