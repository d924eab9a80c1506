package org.aiguilleur.twilio;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Enqueue;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.aiguilleur.flow.Action;
import org.aiguilleur.flow.Prompt;
import org.aiguilleur.twilio.signature.TwilioSignatures;

/**
 * Renders one engine turn as TwiML with the Twilio SDK. Every callback URL carries the call's
 * token, so whichever instance Twilio reaches next can continue the call.
 */
final class TwimlWriter {
    private final TwilioSignatures urls;
    private final Voices voices;
    private final Duration transferTimeout;
    /** Not base64url, so never part of a real token. */
    private static final String PLACEHOLDER = "@@call-token@@";
    /** Upkeep on the caller's thread, as for the calls (see TwilioCalls). */
    private final Cache<Object, byte[][]> rendered = Caffeine.newBuilder().maximumSize(2_000)
            .executor(Runnable::run).build();

    TwimlWriter(TwilioSignatures urls, Voices voices, Duration transferTimeout) {
        this.urls = urls;
        this.voices = voices;
        this.transferTimeout = transferTimeout;
    }

    /** The TwiML of a turn; an empty turn (the call is over) hangs up. */
    byte[] turn(List<Action> turn, String token) {
        // Most turns repeat across calls (the welcome, the menus): the SDK's XML writer is slow, so a
        // turn is rendered once with a placeholder, kept as UTF-8 pieces, and the call's token put in.
        byte[][] pieces = rendered.get(turn, t -> split(render(turn, PLACEHOLDER)));
        byte[] tok = token.getBytes(StandardCharsets.US_ASCII);
        int size = tok.length * (pieces.length - 1);
        for (byte[] p : pieces) {
            size += p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                System.arraycopy(tok, 0, out, at, tok.length);
                at += tok.length;
            }
            System.arraycopy(pieces[i], 0, out, at, pieces[i].length);
            at += pieces[i].length;
        }
        return out;
    }

    /**
     * The TwiML of a turn whose interpreter bridge runs: the caller joins {@code conference} instead
     * of the queue. Not cached: the conference is the call's own.
     */
    byte[] turn(List<Action> turn, String token, Dial conference) {
        VoiceResponse.Builder out = new VoiceResponse.Builder();
        Visitor v = new Visitor(out, token, conference);
        for (Action a : turn) {
            a.accept(v);
        }
        return out.build().toXml().getBytes(StandardCharsets.UTF_8);
    }

    /** Cached TwiML that does not depend on the call (queue announcements). */
    byte[] cached(String key, java.util.function.Supplier<String> render) {
        return rendered.get(key, k -> split(render.get()))[0].clone();
    }

    private static byte[][] split(String xml) {
        String[] parts = xml.split(PLACEHOLDER, -1);
        byte[][] out = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private String render(List<Action> turn, String token) {
        VoiceResponse.Builder out = new VoiceResponse.Builder();
        Visitor v = new Visitor(out, token);
        for (Action a : turn) {
            a.accept(v);
        }
        if (turn.isEmpty()) {
            out.hangup(new Hangup.Builder().build());
        }
        return out.build().toXml();
    }

    /** Prompts said (or played) one after another. */
    void speak(List<Prompt> prompts, VoiceResponse.Builder out) {
        for (Prompt p : prompts) {
            Voices.Spoken s = voices.forLanguage(p.language());
            if (s.audio().isPresent()) {
                out.play(play(p, s));
            } else {
                out.say(say(p, s));
            }
        }
    }

    /** The URL of a callback path with the call token. */
    String callback(String path, String token) {
        return urls.publicUrl(path + "?s=" + token);
    }

    /** The fallback URL: the default queue. */
    String fallbackUrl() {
        return urls.publicUrl(TwilioWebhooks.FALLBACK);
    }

    /** The wait URL of a queue: announcements in the caller's language. */
    String waitUrl(String language) {
        return urls.publicUrl(TwilioWebhooks.QUEUE_WAIT + "?lang=" + URLEncoder.encode(language, StandardCharsets.UTF_8));
    }

    static Say say(Prompt p, Voices.Spoken s) {
        Say.Builder b = new Say.Builder(p.text());
        s.voice().ifPresent(b::voice);
        s.language().ifPresent(b::language);
        return b.build();
    }

    private static Play play(Prompt p, Voices.Spoken s) {
        String name = URLEncoder.encode(p.id(), StandardCharsets.UTF_8);
        return new Play.Builder(s.audio().get().replace("{id}", name)).build();
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private final class Visitor implements Action.Visitor<Void> {
        private final VoiceResponse.Builder out;
        private final String token;
        private final Dial conference;

        Visitor(VoiceResponse.Builder out, String token) {
            this(out, token, null);
        }

        Visitor(VoiceResponse.Builder out, String token, Dial conference) {
            this.out = out;
            this.token = token;
            this.conference = conference;
        }

        @Override
        public Void play(Action.Play play) {
            speak(play.prompts(), out);
            return null;
        }

        @Override
        public Void collect(Action.Collect c) {
            Voices.Spoken heard = voices.forLanguage(c.speechLanguage());
            boolean speech = c.speech() && heard.speech().isPresent();
            Gather.Builder g = new Gather.Builder()
                    .action(callback(TwilioWebhooks.GATHER, token)).method(HttpMethod.POST)
                    .numDigits(c.maxDigits()).timeout(seconds(c.timeout()))
                    // Twilio posts an empty result on a timeout instead of falling through.
                    .actionOnEmptyResult(true)
                    .finishOnKey(c.keys().contains("#") ? "" : "#");
            if (speech) {
                g.inputs(List.of(Gather.Input.DTMF, Gather.Input.SPEECH)).language(heard.speech().get())
                        .speechTimeout("auto");
                if (!c.hints().isEmpty()) {
                    g.hints(String.join(", ", c.hints()));
                }
            } else {
                g.inputs(Gather.Input.DTMF);
            }
            for (Prompt p : c.prompts()) {
                Voices.Spoken s = voices.forLanguage(p.language());
                if (s.audio().isPresent()) {
                    g.play(TwimlWriter.play(p, s));
                } else {
                    g.say(say(p, s));
                }
            }
            out.gather(g.build());
            return null;
        }

        @Override
        public Void record(Action.Record r) {
            speak(r.prompts(), out);
            out.record(new Record.Builder().action(callback(TwilioWebhooks.RECORD, token)).method(HttpMethod.POST)
                    .maxLength(seconds(r.maxLength())).finishOnKey(r.finishKeys()).playBeep(true).timeout(5)
                    .trim(Record.Trim.TRIM_SILENCE).build());
            // Twilio skips the action when nothing was recorded and goes on to the next verb.
            out.redirect(new Redirect.Builder(callback(TwilioWebhooks.RECORD, token) + "&empty=1")
                    .method(HttpMethod.POST).build());
            return null;
        }

        @Override
        public Void enqueue(Action.Enqueue q) {
            out.enqueue(enqueueVerb(q.queue(), q.language()));
            return null;
        }

        @Override
        public Void bridgeInterpreter(Action.BridgeInterpreter b) {
            if (conference != null) {
                out.dial(conference);
                return null;
            }
            // The caller waits like any other; announcements are in the language an interpreter is sought for.
            out.enqueue(enqueueVerb(b.queue(), b.language()));
            return null;
        }

        @Override
        public Void transfer(Action.Transfer t) {
            out.dial(new Dial.Builder(t.destination()).action(callback(TwilioWebhooks.DIAL, token))
                    .method(HttpMethod.POST).timeout(seconds(transferTimeout)).build());
            return null;
        }

        @Override
        public Void hangup(Action.Hangup h) {
            out.hangup(new Hangup.Builder().build());
            return null;
        }

        private Enqueue enqueueVerb(String queue, String language) {
            return new Enqueue.Builder(queue).waitUrl(waitUrl(language)).waitUrlMethod(HttpMethod.POST)
                    .action(callback(TwilioWebhooks.QUEUE_RESULT, token)).method(HttpMethod.POST).build();
        }
    }
}
