/**
 * Reads and validates the operator's files ({@code config/}, {@code dialplans/}, {@code prompts/})
 * into immutable engine values. Every error is collected with its file, path and value; unknown
 * keys are rejected; a configuration with an error is never used.
 */
package org.aiguilleur.config;
