/**
 * Pure routing knowledge: where a caller is (regions from numbers and postal codes), when a centre
 * is open (weekly hours, holiday rules, one-off closures) and which queue gets a call.
 *
 * <p>Nothing here imports transport, HTTP, JDBC or configuration-file code; everything is built from
 * plain values by the {@code config} package and receives time as an argument.
 */
package org.aiguilleur.routing;
