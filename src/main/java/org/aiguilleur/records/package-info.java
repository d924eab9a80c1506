/**
 * Call records: the events front doors report about each call, and (with the records issue) their
 * store and the statistics of met and unmet needs.
 */
package org.aiguilleur.records;
