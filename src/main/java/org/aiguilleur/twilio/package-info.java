/**
 * Twilio's front door: signed voice webhooks on the HTTP door, engine turns rendered as TwiML with
 * the Twilio SDK, call state carried in the signed callback URLs (a cache of live calls in front),
 * queue announcements, and reports to the records and the agents' caller queue. With several
 * instances, {@link org.aiguilleur.twilio.SharedHangUps} brings every hang-up to the newest copy of the call.
 */
package org.aiguilleur.twilio;
