/**
 * The interpreter bridge, transport-neutral: which interpreter services to dial for a language
 * (with the DTMF that logs in and asks for it), and a small state machine per interpreted call that
 * takes {@link org.aiguilleur.interpreter.BridgeEvent}s and answers
 * {@link org.aiguilleur.interpreter.BridgeCommand}s, which each front door renders on its own wire.
 * Every attempt is reported as a {@link org.aiguilleur.records.CallEvent.InterpreterAttempt}.
 * Pure: no transport, file or configuration code; the clock and the records sink are injected.
 */
package org.aiguilleur.interpreter;
