/**
 * Who the agents are ({@code agents.yaml}: centre, languages, how Twilio rings them), what they hear
 * before a call is connected, and their bearer tokens (hashes from a secrets file or the environment).
 */
package org.aiguilleur.agents.roster;
