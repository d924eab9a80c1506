/**
 * Twilio's front door: signed voice webhooks on the HTTP door, engine turns rendered as TwiML with
 * the Twilio SDK, call state carried in the signed callback URLs (a cache of live calls in front),
 * queue announcements, and reports to the records and the agents' caller queue. With several
 * instances, {@link org.aiguilleur.twilio.SharedHangUps} relays hang-ups to the instance holding the call.
 */
package org.aiguilleur.twilio;
