/**
 * The records HTTP APIs as Jetty 12 core handlers (blocking: JDBC runs on worker threads): agents
 * code calls and close call-backs under {@code /api/records}; managers read reports under
 * {@code /api/reports}. Bearer tokens are checked by {@link org.aiguilleur.agents.AgentAuthenticator}.
 */
package org.aiguilleur.records.http;
