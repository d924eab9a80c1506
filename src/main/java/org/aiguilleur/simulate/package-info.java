/** Runs one call through the engine from scripted caller inputs: the CLI's simulator and tests' driver. */
package org.aiguilleur.simulate;
