/** The {@code aiguilleur} command line (picocli): check, simulate, serve. */
package org.aiguilleur.cli;
