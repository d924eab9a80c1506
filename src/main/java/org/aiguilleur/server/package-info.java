/**
 * The running server: the live configuration (reloaded without dropping calls), the server clock,
 * the front doors that take calls, and the HTTP door ({@link org.aiguilleur.server.HttpFrontDoor})
 * that features mount their Jetty handlers on by path ({@link org.aiguilleur.server.HttpRoute}).
 */
package org.aiguilleur.server;
