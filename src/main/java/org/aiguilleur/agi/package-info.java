/**
 * The Asterisk front door: a FastAGI server (Asterisk-Java) that runs the 211 journey over AGI and
 * hands the call back to the dialplan through {@code AIGUILLEUR_*} channel variables.
 */
package org.aiguilleur.agi;
