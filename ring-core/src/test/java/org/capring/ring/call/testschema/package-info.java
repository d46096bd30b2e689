/** Generated capnp types of {@code ring-core/src/test/capnp/calltest.capnp}, used by the call runtime's tests. */
package org.capring.ring.call.testschema;
