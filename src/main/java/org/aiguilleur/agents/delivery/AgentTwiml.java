package org.aiguilleur.agents.delivery;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Sip;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.aiguilleur.agents.presence.Offer;
import org.aiguilleur.agents.roster.Agent;
import org.aiguilleur.agents.roster.Reach;
import org.aiguilleur.agents.roster.Whisper;

/** The TwiML of agent delivery, built with the Twilio SDK so that it is always valid. */
final class AgentTwiml {
    /** How long the agent has to press the accept key after the whisper. */
    static final int ACCEPT_SECONDS = 6;

    private AgentTwiml() {
    }

    /** Rings the agent; the whisper runs on their leg when they answer; the action reports the result. */
    static String dial(Offer offer, Agent agent, AgentUrls urls, Duration answerTimeout) {
        String whisper = urls.whisper(offer.id()).toString();
        Dial.Builder dial = new Dial.Builder()
                .action(urls.dialResult(offer.id(), offer.caller().queue()))
                .method(HttpMethod.POST)
                .timeout((int) answerTimeout.toSeconds());
        // Java 17: no pattern switch yet; Reach is sealed, so these three cases are all.
        Reach r = agent.reach();
        if (r instanceof Reach.Phone p) {
            dial.number(new Number.Builder(p.number()).url(whisper).method(HttpMethod.POST).build());
        } else if (r instanceof Reach.Client c) {
            dial.client(new Client.Builder(c.identity()).url(whisper).method(HttpMethod.POST).build());
        } else if (r instanceof Reach.Sip s) {
            dial.sip(new Sip.Builder(s.uri()).url(whisper).method(HttpMethod.POST).build());
        }
        return new VoiceResponse.Builder().dial(dial.build()).build().toXml();
    }

    /** What the agent hears; with an accept key, a key press is gathered and silence hangs up. */
    static String whisper(String text, Whisper w, Optional<String> acceptKey, AgentUrls urls, String offerId) {
        return whisper(text, w, acceptKey, urls, offerId, Optional.empty());
    }

    /**
     * The same; without an accept key, the agent's leg then goes to {@code then} (the caller's
     * conference, for an agent called into one) instead of ending the whisper there.
     */
    static String whisper(String text, Whisper w, Optional<String> acceptKey, AgentUrls urls, String offerId,
                          Optional<java.net.URI> then) {
        Say say = say(text, w);
        if (acceptKey.isEmpty()) {
            VoiceResponse.Builder out = new VoiceResponse.Builder().say(say);
            then.ifPresent(u -> out.redirect(new Redirect.Builder(u).method(HttpMethod.POST).build()));
            return out.build().toXml();
        }
        Gather gather = new Gather.Builder().numDigits(1).timeout(ACCEPT_SECONDS)
                .action(urls.accept(offerId, acceptKey.get())).method(HttpMethod.POST).say(say).build();
        return new VoiceResponse.Builder().gather(gather).hangup(new Hangup.Builder().build()).build().toXml();
    }

    /** Sends the call to another URL (the next agent). */
    static String redirect(java.net.URI url) {
        return new VoiceResponse.Builder().redirect(new Redirect.Builder(url).method(HttpMethod.POST).build()).build().toXml();
    }

    static String hangup() {
        return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }

    /** Nothing more to do: on the agent's leg, the two parties are connected. */
    static String empty() {
        return new VoiceResponse.Builder().build().toXml();
    }

    private static Say say(String text, Whisper w) {
        Say.Builder b = new Say.Builder(text);
        Arrays.stream(Say.Language.values()).filter(l -> l.toString().equalsIgnoreCase(w.language())).findFirst()
                .ifPresent(b::language);
        w.voice().flatMap(v -> Arrays.stream(Say.Voice.values()).filter(x -> x.toString().equals(v)).findFirst())
                .ifPresent(b::voice);
        return b.build();
    }
}
