/**
 * Call records: the events front doors report about each call ({@link org.aiguilleur.records.CallEvent}),
 * the recorder that stores them without ever slowing a call ({@link org.aiguilleur.records.CallRecorder}:
 * bounded queue, fsync'd journal, batches, replay), caller-number hashing, retention, and the
 * {@link org.aiguilleur.records.Records} entry point that wires it all for {@code serve}.
 */
package org.aiguilleur.records;
