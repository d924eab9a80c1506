/**
 * Asterisk configuration generated from Aiguilleur's own configuration, so that the two never
 * drift apart: {@code queues_aiguilleur.conf} with one queue per centre and language.
 */
package org.aiguilleur.dialplan;
