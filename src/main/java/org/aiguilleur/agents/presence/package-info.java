/**
 * Agents' presence and the matching of waiting callers with available agents, behind
 * {@link org.aiguilleur.agents.presence.PresenceStore} (in memory for one instance, or in the records
 * database for several: {@link org.aiguilleur.agents.presence.JdbcPresenceStore}), and the
 * authenticated JSON API agents set their presence with.
 */
package org.aiguilleur.agents.presence;
