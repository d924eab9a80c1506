/**
 * Live availability from the Asterisk Manager Interface (AMI): which {@code <centre>-<language>}
 * queues have a logged-in, unpaused member right now, exposed to routing as a
 * {@link org.aiguilleur.routing.LiveStaffing}. Optional: without an {@code asterisk.ami} block, or
 * while the connection is down or not yet in sync, staffing is unknown and the languages of
 * {@code centres.yaml} count. Also the interpreter bridge's legs over AMI ({@link
 * org.aiguilleur.ami.AmiInterpreters}). {@link org.aiguilleur.ami.LiveAmi} holds both connections and
 * makes {@code asterisk.ami} follow configuration reloads.
 */
package org.aiguilleur.ami;
