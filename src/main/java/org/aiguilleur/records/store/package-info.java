/**
 * The records database (JDBC; embedded H2 or PostgreSQL; Flyway migrations in {@code db/records};
 * HikariCP): one row per call merged from its events, each event applied once by its id, agents'
 * coding of needs and referrals, call-back requests, report rows, purging.
 */
package org.aiguilleur.records.store;
