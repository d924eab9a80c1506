/**
 * Delivering a matched caller to their agent over Twilio: the REST dequeue (or call redirect) to the
 * connect URL, the {@code <Dial>} with a whisper on the agent's leg, the accept key, and the Dial result
 * that ends the call or puts the caller back at the front and on to the next agent. An interpreted
 * caller waiting in a conference ({@link org.aiguilleur.agents.delivery.Conferences}) stays there: the
 * agent is called by REST, hears the whisper, and their leg joins the conference once they accept; the
 * leg's final status ends the call or moves on to the next agent. Webhooks are
 * checked with {@link org.aiguilleur.agents.delivery.TwilioSignature} against the public base URL.
 */
package org.aiguilleur.agents.delivery;
