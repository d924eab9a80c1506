/**
 * The transport-neutral call-flow engine. A {@link org.aiguilleur.flow.CallSession} is fed
 * {@link org.aiguilleur.flow.Event}s and answers with {@link org.aiguilleur.flow.Action}s as data;
 * the Asterisk and Twilio front doors render those actions on their own wire.
 *
 * <p>Imports no transport, HTTP or JDBC code; time comes from an injected clock.
 */
package org.aiguilleur.flow;
