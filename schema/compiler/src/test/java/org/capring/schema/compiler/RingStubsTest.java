package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.capnproto.PrimitiveList;
import org.capring.ring.ProducerMode;
import org.capring.ring.Ring;
import org.capring.ring.RingLayout;
import org.capring.ring.call.CallException;
import org.capring.ring.call.CapException;
import org.capring.ring.call.CapSet;
import org.capring.ring.call.Capability;
import org.capring.ring.call.ClientConfig;
import org.capring.ring.call.RingClient;
import org.capring.ring.call.RingServer;
import org.capring.ring.call.ServerCall;
import org.capring.ring.call.ServerConfig;
import org.capring.ring.call.Status;
import org.capring.ring.call.TransportException;
import org.capring.schema.compiler.testschema.Features;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The committed golden output of {@code features.capnp} (stubs and skeletons included) run through a real ring:
 * typed results, declared errors as their classes with the retry class of their method, undeclared failures,
 * the skeleton's own NO_SUCH_METHOD and the escaped method names. The {@code schema} module runs the harness's
 * interfaces the same way.
 */
final class RingStubsTest {

    private Ring ring;
    private RingServer server;
    private RingClient client;
    private Features.Calc.Client calc;
    private Features.ScientificCalc.Client scientific;
    /** Written by handler threads, read by the test after the calls completed. */
    private final List<String> served = new CopyOnWriteArrayList<>();

    /** Calc: add overflows with a declared error; describe fails with a declared one when asked to be terse. */
    private final class CalcServer implements Features.Calc.Server {
        @Override
        public void add(final Features.Calc.AddParams.Reader params, final Features.Calc.AddResults.Builder results,
                        final ServerCall call) {
            try {
                results.setSum(Math.addExact(params.getA(), params.getB()));
            } catch (final ArithmeticException e) {
                throw new Features.Calc.OverflowException(params.getA() + " + " + params.getB());
            }
        }

        @Override
        public void ping(final Features.Calc.PingParams.Reader params, final Features.Calc.PingResults.Builder results,
                         final ServerCall call) {
            throw new IllegalStateException("not declared");
        }

        @Override
        public void evaluate(final Features.Inner.Reader params, final Features.Inner.Builder results,
                             final ServerCall call) {
            results.setX(params.getX() * 2);
            results.setS(params.getS().toString().toUpperCase(java.util.Locale.ROOT));
        }

        @Override
        public void describe(final Features.Calc.DescribeParams.Reader params,
                             final Features.Calc.DescribeResults.Builder results, final ServerCall call) {
            if (!params.getVerbose()) {
                throw new Features.Calc.DivisionByZeroException("terse");
            }
            results.setText("area " + params.getShape().getArea());
            final PrimitiveList.Int.Builder sizes = results.initSizes(2);
            sizes.set(0, 3);
            sizes.set(1, 4);
        }
    }

    /** ScientificCalc: records which (escaped) handler ran. */
    private final class ScientificServer implements Features.ScientificCalc.Server {
        @Override
        public void sqrt(final Features.ScientificCalc.SqrtParams.Reader params,
                         final Features.ScientificCalc.SqrtResults.Builder results, final ServerCall call) {
            results.setY(Math.sqrt(params.getX()));
        }

        @Override
        public void close(final Features.ScientificCalc.CloseParams.Reader params,
                          final Features.ScientificCalc.CloseResults.Builder results, final ServerCall call) {
            served.add("close");
        }

        @Override
        public void wait_(final Features.ScientificCalc.WaitParams.Reader params,
                          final Features.ScientificCalc.WaitResults.Builder results, final ServerCall call) {
            served.add("wait " + params.getMillis());
        }

        @Override
        public void handle_(final Features.ScientificCalc.HandleParams.Reader params,
                            final Features.ScientificCalc.HandleResults.Builder results, final ServerCall call) {
            results.setHandled(true);
        }

        @Override
        public void new_(final Features.ScientificCalc.NewParams.Reader params,
                         final Features.ScientificCalc.NewResults.Builder results, final ServerCall call) {
            results.setCalc(call.adopt(Features.Calc.capability("calc-2", new CalcServer())));
        }
    }

    @BeforeEach
    void setUp() {
        ring = Ring.allocate(RingLayout.builder().sqCapacity(64).sqProducers(ProducerMode.MULTI)
                .slots(8, 1024, 1024).build());
        final CapSet caps = new CapSet(16);
        final int calcHandle = caps.grant(Features.Calc.capability("calc", new CalcServer()));
        final int scientificHandle = caps.grant(Features.ScientificCalc.capability("sci", new ScientificServer()));
        server = RingServer.start(ring, caps, ServerConfig.defaults());
        client = RingClient.open(ring, ClientConfig.defaults());
        calc = new Features.Calc.Client(client, calcHandle);
        scientific = new Features.ScientificCalc.Client(client, client.capRef(scientificHandle));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
        ring.close();
    }

    @Test
    void invoke_typedParamsAndResults_roundTripInPlace() {
        try (Features.Calc.Client.AddCall add = calc.add()) {
            add.params().setA(40);
            add.params().setB(2);

            assertEquals(42, add.invoke().getSum());
            assertEquals(42, add.results().getSum());
        }
        try (Features.Calc.Client.EvaluateCall evaluate = calc.evaluate()) {
            evaluate.params().setX(21);
            evaluate.params().setS("in");

            final Features.Inner.Reader inner = evaluate.invoke();
            assertEquals(42, inner.getX());
            assertEquals("IN", inner.getS().toString());
        }
    }

    @Test
    void invoke_declaredErrorOfIdempotentMethod_isItsClassAndRetrySafe() {
        try (Features.Calc.Client.AddCall add = calc.add()) {
            add.params().setA(Integer.MAX_VALUE);
            add.params().setB(1);

            final Features.Calc.OverflowException e = assertThrows(Features.Calc.OverflowException.class,
                    add::invoke);
            assertEquals(Features.Calc.OverflowException.CODE, e.status());
            assertEquals(2, e.status());
            assertEquals(Integer.MAX_VALUE + " + 1", e.detail());
            assertTrue(e.dispatched());
            assertTrue(e.retrySafe(), "add is $Capring.idempotent");
        }
    }

    @Test
    void invoke_declaredErrorOfPlainMethod_isItsClassAndNotRetrySafe() {
        try (Features.Calc.Client.DescribeCall describe = calc.describe()) {
            describe.params().setVerbose(false);

            final Features.Calc.DivisionByZeroException e = assertThrows(
                    Features.Calc.DivisionByZeroException.class, describe::invoke);
            assertEquals(3, e.status());
            assertFalse(e.retrySafe());
        }
    }

    @Test
    void invoke_paramsNeverStarted_serverReadsDefaults() {
        try (Features.Calc.Client.DescribeCall describe = calc.describe()) {
            final Features.Calc.DescribeResults.Reader results = describe.invoke();

            assertEquals("area 0.0", results.getText().toString(), "verbose defaults to true");
            assertEquals(2, results.getSizes().size());
        }
    }

    @Test
    void invoke_undeclaredHandlerFailure_isPlainCapExceptionUnexpected() {
        try (Features.Calc.Client.PingCall ping = calc.ping()) {
            final CapException e = assertThrows(CapException.class, ping::invoke);

            assertEquals(CapException.class, e.getClass());
            assertEquals(Status.UNEXPECTED, e.status());
        }
    }

    @Test
    void skeleton_methodIdBeyondTheSchema_answersNoSuchMethod() {
        final Capability skeleton = Features.Calc.capability("calc", new CalcServer());
        final Capability wider = new Capability("wider", Features.Calc.TYPE_ID, 9, skeleton.handler());
        final int handle = server.capSet().grant(wider);

        try (var call = client.newCall(handle, Features.Calc.TYPE_ID, 7)) {
            final CallException e = assertThrows(CallException.class, call::invoke);

            assertInstanceOf(TransportException.NoSuchMethod.class, e);
            assertEquals(Status.NO_SUCH_METHOD, e.status());
        }
        assertEquals(4, skeleton.methodCount());
        assertEquals(Features.Calc.TYPE_ID, skeleton.interfaceId());
    }

    @Test
    void escapedMethods_reachTheirHandlers_andResultHandlesCallOn() {
        try (Features.ScientificCalc.Client.WaitCall wait = scientific.wait_()) {
            wait.params().setMillis(5);
            wait.invoke();
        }
        try (Features.ScientificCalc.Client.CloseCall close = scientific.close()) {
            close.invoke();
        }
        try (Features.ScientificCalc.Client.HandleCall handle = scientific.handle_()) {
            assertTrue(handle.invoke().getHandled());
        }
        final int created;
        try (Features.ScientificCalc.Client.NewCall newCall = scientific.new_()) {
            created = newCall.invoke().getCalc();
        }
        try (Features.Calc.Client.AddCall add = new Features.Calc.Client(client, created).add()) {
            add.params().setA(1);
            add.params().setB(2);
            assertEquals(3, add.invoke().getSum());
        }
        assertEquals(List.of("wait 5", "close"), served);
    }

    @Test
    void sendAll_twoStubCalls_completeIndependently() {
        try (Features.ScientificCalc.Client.SqrtCall a = scientific.sqrt();
             Features.ScientificCalc.Client.SqrtCall b = scientific.sqrt(System.nanoTime() + 10_000_000_000L)) {
            a.params().setX(16);
            b.params().setX(81);
            client.sendAll(a.call(), b.call());

            assertEquals(9.0, b.await().getY());
            assertEquals(4.0, a.await().getY());
        }
    }
}
