/**
 * The service container's example: a key-value store ({@link org.capring.service.example.StoreInstance}) that
 * journals every write through a declared dependency on a second service
 * ({@link org.capring.service.example.JournalInstance}), both serving the generated {@code KeyValue} interface through
 * its skeleton with no glue, exported as {@link org.capring.service.example.KeyValueExport#EXPORT}. The README's
 * service example runs them: started in dependency order, handed off and drained while a client calls.
 */
package org.capring.service.example;
