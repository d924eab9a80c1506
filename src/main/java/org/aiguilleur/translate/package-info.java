/**
 * Machine translation of prompts a language lacks, behind the engine's
 * {@link org.aiguilleur.flow.PromptCatalog}: stored texts first, then a Caffeine cache, then the
 * on-disk cache, then Google Cloud Translation (v3 {@code TranslationServiceClient} or v2 with an
 * API key) within a strict wait, after which the engine's fallback language is used and the cache
 * fills in the background. Protected terms and {@code {placeholders}} are masked before a text is
 * sent and checked after. Also the tools of {@code aiguilleur prompts}: appending machine texts to
 * {@code prompts/<language>.yaml} and counting what each language has.
 */
package org.aiguilleur.translate;
