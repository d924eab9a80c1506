/**
 * Prompt audio for doors that play files (Asterisk): the naming of sound files, shared by the
 * renderer and the server, and the renderer that speaks every prompt text with espeak-ng.
 */
package org.aiguilleur.audio;
