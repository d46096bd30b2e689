/**
 * The system under test as the harness sees it: {@link org.capring.stress.sut.SystemUnderTest} (calls through the
 * generated Echo and KeyValue stubs, the scenario actions it supports, its leftovers when stopped), the server-side
 * hook every handler runs ({@link org.capring.stress.sut.ServerWork}), the adapter over plain ring-core
 * ({@link org.capring.stress.sut.RingCoreSystem}), a base for decorators ({@link org.capring.stress.sut.ForwardingSystem}) and the mutations that prove the ledger
 * ({@link org.capring.stress.sut.FaultInjectingSystem}). Only {@link org.capring.stress.sut.ReapGate} publishes
 * across threads itself: one volatile reference, written by the driver and read by callers.
 */
package org.capring.stress.sut;
