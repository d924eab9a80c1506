package org.aiguilleur.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Leave;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Play;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.TwilioSettings;
import org.aiguilleur.flow.Prompt;

/**
 * The TwiML a queued caller hears while waiting ({@code waitUrl}): the position in the queue and the
 * expected wait, in the caller's language, then music (or silence) until Twilio asks again. Past the
 * configured longest wait the caller leaves the queue, and the engine routes the call again.
 */
final class QueueWait {
    static final String POSITION = "queue-position";
    static final String WAIT = "queue-wait";
    private static final byte[] LEAVE = new VoiceResponse.Builder().leave(new Leave.Builder().build()).build().toXml()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private QueueWait() {
    }

    static byte[] answer(WebhookRequest r, Configuration config, TwimlWriter writer) {
        TwilioSettings settings = config.settings().twilio();
        int waited = number(r.field("QueueTime"));
        if (waited >= settings.maxQueueWait().toSeconds()) {
            return LEAVE.clone();
        }
        String language = r.param("lang").orElse("und");
        int position = number(r.field("QueuePosition"));
        int average = number(r.field("AvgQueueTime"));
        int minutes = average > 0 ? Math.max(1, (average + 30) / 60) : 0;
        // The writer belongs to one configuration, so the key need not name it.
        return writer.cached("wait " + language + " " + position + " " + minutes,
                () -> render(config, writer, language, position, minutes));
    }

    private static String render(Configuration config, TwimlWriter writer, String language, int position, int minutes) {
        TwilioSettings settings = config.settings().twilio();
        VoiceResponse.Builder out = new VoiceResponse.Builder();
        List<Prompt> say = new ArrayList<>();
        if (position > 0) {
            prompt(config, POSITION, language, "position", Integer.toString(position)).ifPresent(say::add);
        }
        if (minutes > 0) {
            prompt(config, WAIT, language, "minutes", Integer.toString(minutes)).ifPresent(say::add);
        }
        writer.speak(say, out);
        if (settings.holdMusic().isPresent()) {
            out.play(new Play.Builder(settings.holdMusic().get()).build());
        } else {
            out.pause(new Pause.Builder().length((int) settings.announceEvery().toSeconds()).build());
        }
        return out.build().toXml();
    }

    /** A prompt in the caller's language, else its primary subtag, else the flow's fallbacks. */
    private static Optional<Prompt> prompt(Configuration config, String id, String language, String var, String value) {
        String primary = language.split("-", 2)[0];
        List<String> candidates = new ArrayList<>(List.of(language, primary));
        config.prompts().languages().stream().filter(l -> l.startsWith(primary + "-")).sorted().forEach(candidates::add);
        candidates.addAll(config.flow().promptFallback());
        for (String lang : candidates) {
            Optional<String> text = config.prompts().text(id, lang);
            if (text.isPresent()) {
                return Optional.of(new Prompt(id, lang, text.get().replace("{" + var + "}", value)));
            }
        }
        return Optional.empty();
    }

    private static int number(Optional<String> field) {
        try {
            return field.map(String::strip).map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

}
