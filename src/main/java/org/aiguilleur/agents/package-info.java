/**
 * Agents: who they are (centres, languages), their presence, and the matching of waiting callers
 * with available agents.
 */
package org.aiguilleur.agents;
