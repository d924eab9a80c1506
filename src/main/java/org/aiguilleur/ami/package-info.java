/**
 * Live availability from the Asterisk Manager Interface (AMI): which {@code <centre>-<language>}
 * queues have a logged-in, unpaused member right now, exposed to routing as a
 * {@link org.aiguilleur.routing.LiveStaffing}. Optional: without an {@code asterisk.ami} block, or
 * while the connection is down or not yet in sync, staffing is unknown and the languages of
 * {@code centres.yaml} count.
 */
package org.aiguilleur.ami;
