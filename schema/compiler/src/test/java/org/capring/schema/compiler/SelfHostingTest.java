package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;
import org.capring.schema.compiler.model.Request;
import org.capring.schema.compiler.model.RequestDump;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The hand-written bootstrap reader and the generated {@code schema.capnp} readers agree on every value of the
 * stored requests, including the multi-segment ones that {@code capnp} writes for {@code schema.capnp} and
 * {@code rpc.capnp}.
 */
final class SelfHostingTest {

    @ParameterizedTest
    @ValueSource(strings = {"schema.req", "rpc.req", "schema-java.req", "features.req", "x.req"})
    void read_bothReaders_produceIdenticalDump(final String name) {
        final byte[] bytes = TestSupport.request(name);

        final String bootstrap = RequestDump.dump(RequestReader.read(bytes, RequestReader.Source.BOOTSTRAP));
        final String generated = RequestDump.dump(RequestReader.read(bytes, RequestReader.Source.GENERATED));

        assertEquals(bootstrap, generated);
        assertEquals(RequestReader.read(bytes, RequestReader.Source.BOOTSTRAP),
                RequestReader.read(bytes, RequestReader.Source.GENERATED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schema.req", "rpc.req"})
    void storedRequest_largeSchema_isMultiSegment(final String name) {
        final int segments = java.nio.ByteBuffer.wrap(TestSupport.request(name))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0) + 1;

        assertTrue(segments > 1, name + " has " + segments + " segment(s)");
    }

    @Test
    void read_schemaCapnp_reportsKnownLayoutOfNode() {
        final Request request = RequestReader.read(TestSupport.request("schema.req"));
        final Node node = request.nodes().stream().filter(n -> n.id() == 0xe682ab4cf923a417L).findFirst()
                .orElseThrow();

        assertEquals("usr/include/capnp/schema.capnp:Node", node.displayName());
        final NodeBody.Struct struct = (NodeBody.Struct) node.body();
        assertEquals(5, struct.dataWordCount());
        assertEquals(6, struct.pointerCount());
        assertEquals(6, struct.discriminantCount());
        assertEquals(6, struct.discriminantOffset());
    }

    /** The example of the reference notes (x.capnp): values checked there against {@code capnp decode}. */
    @Test
    void read_referenceExample_reportsValuesThatCapnpDecodeShows() {
        final Request request = RequestReader.read(TestSupport.request("x.req"), RequestReader.Source.BOOTSTRAP);
        final Node foo = request.nodes().stream().filter(n -> n.id() == 0xde01291c545b22e5L).findFirst()
                .orElseThrow();
        final NodeBody.Struct struct = (NodeBody.Struct) foo.body();

        assertEquals(3, struct.dataWordCount());
        assertEquals(4, struct.pointerCount());
        final NodeBody.Slot b = (NodeBody.Slot) struct.fields().get(1).kind();
        assertEquals("b", struct.fields().get(1).name());
        assertEquals(32, b.offset());
        assertEquals(1, b.defaultValue().bits());
        final NodeBody.Slot f = (NodeBody.Slot) struct.fields().get(2).kind();
        assertEquals(0x3fc00000L, f.defaultValue().bits());
        final NodeBody.Slot t = (NodeBody.Slot) struct.fields().get(3).kind();
        assertEquals("dflt", t.defaultValue().pointer().text());
        final Node group = request.nodes().stream().filter(n -> n.id() == 0xc592582f5a6ffffaL).findFirst()
                .orElseThrow();
        assertEquals(3, ((NodeBody.Struct) group.body()).discriminantCount());
        assertEquals(6, ((NodeBody.Struct) group.body()).discriminantOffset());
        assertEquals("x.capnp", request.requestedFiles().getFirst().filename());
        assertEquals("/capnp/java.capnp", request.requestedFiles().getFirst().imports().getFirst().name());
    }
}
