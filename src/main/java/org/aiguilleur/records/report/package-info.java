/**
 * Reports of met and unmet needs and contact-centre figures over Québec local dates, with every count
 * under five (and every figure derived from fewer than five calls) hidden as {@code "<5"}; written as
 * a text table, CSV or JSON.
 */
package org.aiguilleur.records.report;
