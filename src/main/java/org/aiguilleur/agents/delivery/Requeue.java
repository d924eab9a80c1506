package org.aiguilleur.agents.delivery;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Enqueue;

/**
 * The TwiML that puts a caller back into their Twilio queue after an agent did not take the call, or
 * when an offer can no longer be delivered. The Twilio door supplies its own (its {@code <Enqueue>}
 * with the wait URL that announces position and wait in the caller's language).
 */
@FunctionalInterface
public interface Requeue {
    /** A plain {@code <Enqueue>} into the caller's queue, with Twilio's default hold music. */
    Requeue PLAIN = caller -> new VoiceResponse.Builder().enqueue(new Enqueue.Builder(caller.queue()).build()).build().toXml();

    /** A complete TwiML document. */
    String twiml(org.aiguilleur.agents.WaitingCaller caller);
}
