/**
 * The language catalogue: about 200 languages with their ISO 639 code, their own name (autonym) and
 * their English and French names, all taken from ICU's locale data. Used for interpreter language
 * codes, for recogniser hints and language names said by callers, and for the coverage report.
 * Pure: no transport, file or configuration code.
 */
package org.aiguilleur.languages;
