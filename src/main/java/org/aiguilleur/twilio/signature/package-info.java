/**
 * Checks Twilio's {@code X-Twilio-Signature} on webhooks, for every handler that Twilio calls (the
 * voice door, agent delivery, the interpreter bridge). Depends on no other package of ours.
 */
package org.aiguilleur.twilio.signature;
