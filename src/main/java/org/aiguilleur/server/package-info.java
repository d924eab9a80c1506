/**
 * The running server: the live configuration (reloaded without dropping calls), the server clock,
 * and the front doors that take calls.
 */
package org.aiguilleur.server;
