/**
 * The running server: the live configuration (reloaded without dropping calls), the server clock,
 * the front doors that take calls, and the HTTP door ({@link org.aiguilleur.server.HttpFrontDoor})
 * that features mount their Jetty handlers on by path ({@link org.aiguilleur.server.HttpRoute}).
 * Parts with live state of their own (the agents' desk, the agents' tokens) follow reloads as
 * {@link org.aiguilleur.server.LiveConfig.Follower}s: each may refuse a new configuration, and it is
 * taken only when all accept it.
 */
package org.aiguilleur.server;
