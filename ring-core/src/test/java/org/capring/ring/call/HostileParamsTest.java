package org.capring.ring.call;

import static org.capring.ring.call.CapnpWords.BYTE;
import static org.capring.ring.call.CapnpWords.INLINE_COMPOSITE;
import static org.capring.ring.call.CapnpWords.far;
import static org.capring.ring.call.CapnpWords.list;
import static org.capring.ring.call.CapnpWords.offset;
import static org.capring.ring.call.CapnpWords.put;
import static org.capring.ring.call.CapnpWords.struct;
import static org.capring.ring.call.CapnpWords.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.capring.ring.call.testschema.CallTest.Node;
import org.capring.ring.call.testschema.CallTest.Probe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Malformed capnp params under a valid CALL: random bytes, nesting beyond the limit, cycles, amplification
 * through shared subtrees, far pointers into nothing, lists that claim more than the region. Each call must end
 * in {@link Status#DECODE_ERROR} with the dispatched flag (the handler started reading) or its own typed error,
 * never an uncaught exception, an {@link Status#UNEXPECTED} or a hang; and the server keeps serving.
 *
 * <p>Messages are written by hand into the slot through a {@link RawRing}, with the exact segment length as
 * {@code paramsLength}. The random run prints its seed; rerun one with {@code -Dcapring.stress.seed=<seed>};
 * {@code -Dcapring.stress.long=true} makes 50 times as many random calls.
 */
class HostileParamsTest {
    private static final long SEED = Long.getLong("capring.stress.seed", System.nanoTime());
    private static final int RANDOM_CALLS = Boolean.getBoolean("capring.stress.long") ? 1_000_000 : 20_000;
    private static final int SLOTS = 4;
    private static final int PARAMS_BYTES = 8192;
    private static final int RESULT_BYTES = 1024;
    /** Words the random messages occupy; the rest of the region stays zero. */
    private static final int RANDOM_WORDS = 128;

    private final ProbeCapability probe = new ProbeCapability("probe");
    private RawRing raw;
    private int handle;
    private long userData;

    private void serve(final ServerConfig config) {
        final CapSet caps = new CapSet(16);
        handle = caps.grant(probe.capability);
        raw = new RawRing(config, caps, SLOTS, PARAMS_BYTES, RESULT_BYTES);
    }

    @AfterEach
    void stopServer() {
        if (raw != null) {
            raw.close();
        }
    }

    private RawRing.Completion walk(final int words) {
        return raw.call(0, handle, Probe.TYPE_ID, Probe.METHOD_WALK, words * 8, ++userData);
    }

    private RawRing.Completion echoRaw(final int words) {
        return raw.call(0, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, words * 8, ++userData);
    }

    private ByteBuffer region() {
        raw.zeroParams(0);
        return raw.paramsRegion(0);
    }

    private static void assertDecodeError(final RawRing.Completion c) {
        assertEquals(Status.name(Status.DECODE_ERROR), Status.name(c.status), c::toString);
        assertTrue(c.dispatched(), () -> "the handler started reading: " + c);
        assertEquals(0, c.resultLength, "no result and no message for a decode error");
    }

    /** A well-formed echo on every slot: the server still serves after the hostile call. */
    private void assertStillServing() {
        for (int slot = 0; slot < SLOTS; slot++) {
            final Probe.EchoParams.Builder p = raw.initParams(slot, Probe.EchoParams.factory);
            p.setValue(4242 + slot);
            p.setText("alive");
            final RawRing.Completion c = raw.call(slot, handle, Probe.TYPE_ID, Probe.METHOD_ECHO, raw.writeParams(),
                ++userData);
            assertEquals(Status.name(Status.OK), Status.name(c.status), c::toString);
            final Probe.EchoResults.Reader r = raw.result(slot, Probe.EchoResults.factory);
            assertEquals(4242 + slot, r.getValue());
            assertEquals("alive", r.getText().toString());
        }
        raw.zeroParams(0);
    }

    // ---- random bytes ----------------------------------------------------------------------------------------

    @Test
    void randomParams_walkAndEcho_onlyTypedOutcomes() {
        System.out.println("HostileParamsTest seed=" + SEED);
        serve(ServerConfig.defaults());
        final SplittableRandom random = new SplittableRandom(SEED);
        final TreeMap<String, Integer> outcomes = new TreeMap<>();
        final TreeMap<String, String> firstExample = new TreeMap<>();
        final ByteBuffer region = region();
        for (int i = 0; i < RANDOM_CALLS; i++) {
            final int pattern = random.nextInt(3);
            for (int word = 0; word < RANDOM_WORDS; word++) {
                put(region, word, randomWord(random, pattern));
            }
            final boolean walk = random.nextBoolean();
            final RawRing.Completion c = walk ? walk(RANDOM_WORDS) : echoRaw(RANDOM_WORDS);
            final boolean allowed = (c.status == Status.OK || c.status == Status.DECODE_ERROR
                || c.status == Status.RESULT_TOO_LARGE) && c.dispatched();
            final String key = (allowed ? "" : "UNEXPECTED OUTCOME ") + Status.name(c.status)
                + (c.dispatched() ? "/dispatched" : "");
            outcomes.merge(key, 1, Integer::sum);
            if (!allowed && !firstExample.containsKey(key)) {
                firstExample.put(key, "call " + i + " (" + (walk ? "walk" : "echo") + ", pattern " + pattern
                    + ", root word 0x" + Long.toHexString(region.getLong(0)) + "): "
                    + (c.status > 0 ? raw.resultText(0, c.resultLength)
                    : c.toString()));
            }
        }
        System.out.println("HostileParamsTest random outcomes: " + outcomes);
        assertTrue(firstExample.isEmpty(), () -> "seed " + SEED + ": outcomes other than OK, DECODE_ERROR or "
            + "RESULT_TOO_LARGE (all dispatched): " + outcomes + "; first of each: " + firstExample);
        assertStillServing();
    }

    /**
     * Pattern 0: any 64 bits. Pattern 1: pointer-shaped words with small offsets and sizes, so that reading goes
     * deep into the message. Pattern 2: mostly zeros with a few pointer-shaped words.
     */
    private static long randomWord(final SplittableRandom random, final int pattern) {
        if (pattern == 0) {
            return random.nextLong();
        }
        final int roll = random.nextInt(100);
        if (pattern == 2 && roll < 70) {
            return 0;
        }
        final int small = random.nextInt(-8, 24);
        return switch (roll % 10) {
            case 0, 1, 2 -> struct(small, random.nextInt(4), random.nextInt(4));
            case 3, 4 -> list(small, random.nextInt(8), random.nextInt(0, 256));
            case 5 -> tag(random.nextInt(0, 64), random.nextInt(4), random.nextInt(4));
            case 6 -> far(random.nextInt(8) == 0, random.nextInt(0, 256), random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(3));
            case 7 -> 0;
            default -> random.nextLong();
        };
    }

    // ---- nesting and cycles ----------------------------------------------------------------------------------

    /** Builds a Node.child chain with the capnp builder, as a real client would; returns its length in words. */
    private int chain(final int depth) {
        Node.Builder node = raw.initParams(0, Probe.WalkParams.factory).initRoot();
        for (int i = 0; i < depth; i++) {
            node.setValue(i);
            node = node.initChild();
        }
        return raw.writeParams() / 8;
    }

    // The nesting limit counts struct levels from the params struct down: a chain of n children below the root
    // node is n + 2 levels deep.
    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void chain_deeperThanNestingLimit_decodeError(final DispatchMode dispatch) {
        serve(ServerConfig.defaults().withDispatch(dispatch));
        final int limit = ServerConfig.DEFAULT_NESTING_LIMIT;
        assertDecodeError(walk(chain(limit - 1)));
        assertDecodeError(walk(chain(300)));
        assertStillServing();
        final RawRing.Completion ok = walk(chain(limit - 2));
        assertEquals(Status.name(Status.OK), Status.name(ok.status), ok::toString);
        assertEquals(limit - 1, raw.result(0, Probe.WalkResults.factory).getNodes());
    }

    @Test
    void chain_smallNestingLimit_enforcedPerServer() {
        serve(ServerConfig.defaults().withReadLimits(ServerConfig.DEFAULT_TRAVERSAL_LIMIT_WORDS, 8));
        assertDecodeError(walk(chain(7)));
        final RawRing.Completion ok = walk(chain(6));
        assertEquals(Status.name(Status.OK), Status.name(ok.status), ok::toString);
        assertEquals(7, raw.result(0, Probe.WalkResults.factory).getNodes());
        assertStillServing();
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void cycle_nodeIsItsOwnChild_decodeError(final DispatchMode dispatch) {
        serve(ServerConfig.defaults().withDispatch(dispatch));
        final ByteBuffer r = region();
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(0, 1, 2));
        put(r, 3, struct(offset(3, 2), 1, 2));
        assertDecodeError(walk(5));
        assertStillServing();
    }

    // ---- amplification ---------------------------------------------------------------------------------------

    /**
     * Writes a DAG of {@code levels} levels: each level's node has a two-element children list whose elements
     * both point at the next level's node, so a walk visits about 2^levels nodes in 10 words per level.
     *
     * @return words used
     */
    private int doublingDag(final ByteBuffer r, final int levels) {
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(0, 1, 2));
        int node = 2;
        for (int level = 0; level < levels; level++) {
            final int next = node + 10;
            put(r, node, level);
            put(r, node + 2, list(0, INLINE_COMPOSITE, 6));
            put(r, node + 3, tag(2, 1, 2));
            put(r, node + 5, struct(offset(node + 5, next), 1, 2));
            put(r, node + 8, struct(offset(node + 8, next), 1, 2));
            node = next;
        }
        put(r, node, levels);
        return node + 3;
    }

    private static long doublingDagNodes(final int levels) {
        long nodes = 1;
        for (int level = 0; level < levels; level++) {
            nodes = 3 + 2 * nodes;
        }
        return nodes;
    }

    @ParameterizedTest
    @EnumSource(DispatchMode.class)
    void sharedSubtrees_exponentialTraversal_stoppedByTraversalLimit(final DispatchMode dispatch) {
        serve(ServerConfig.defaults().withDispatch(dispatch));
        final RawRing.Completion small = walk(doublingDag(region(), 4));
        assertEquals(Status.name(Status.OK), Status.name(small.status), small::toString);
        assertEquals(doublingDagNodes(4), raw.result(0, Probe.WalkResults.factory).getNodes(),
            "the hand-written DAG is well-formed");
        // 30 levels: 300 words on the wire, about 3 * 2^30 nodes to visit without the traversal limit.
        assertDecodeError(walk(doublingDag(region(), 30)));
        assertStillServing();
    }

    /**
     * Writes a root whose children list has {@code fanOut} elements, each pointing at one shared node whose
     * children list has {@code width} leaves.
     *
     * @return words used
     */
    private static int fanOut(final ByteBuffer r, final int fanOut, final int width) {
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(0, 1, 2));
        put(r, 4, list(0, INLINE_COMPOSITE, 3 * fanOut));
        put(r, 5, tag(fanOut, 1, 2));
        final int shared = 6 + 3 * fanOut;
        for (int e = 0; e < fanOut; e++) {
            final int childPointer = 6 + 3 * e + 1;
            put(r, childPointer, struct(offset(childPointer, shared), 1, 2));
        }
        put(r, shared + 2, list(0, INLINE_COMPOSITE, 3 * width));
        put(r, shared + 3, tag(width, 1, 2));
        return shared + 4 + 3 * width;
    }

    @Test
    void sharedSubtree_smallTraversalLimit_decodeErrorWhereDefaultLimitServes() {
        serve(ServerConfig.defaults());
        final RawRing.Completion ok = walk(fanOut(region(), 20, 20));
        assertEquals(Status.name(Status.OK), Status.name(ok.status), ok::toString);
        assertEquals(1 + 20 * (1 + 1 + 20), raw.result(0, Probe.WalkResults.factory).getNodes());
        raw.close();
        serve(ServerConfig.defaults().withReadLimits(500, ServerConfig.DEFAULT_NESTING_LIMIT));
        // 134 words on the wire, about 1,300 words of traversal: over a 500-word budget.
        assertDecodeError(walk(fanOut(region(), 20, 20)));
        assertStillServing();
        assertDecodeError(walk(fanOut(region(), 20, 20)));
    }

    // ---- far pointers ----------------------------------------------------------------------------------------

    @Test
    void farPointer_intoSameSegment_followedLikeAnyPointer() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, far(false, 8, 0));
        put(r, 8, struct(offset(8, 10), 0, 1));
        put(r, 10, struct(0, 1, 2));
        final RawRing.Completion c = walk(14);
        assertEquals(Status.name(Status.OK), Status.name(c.status), c::toString);
        assertEquals(1, raw.result(0, Probe.WalkResults.factory).getNodes());
    }

    @Test
    void farPointer_rootIntoMissingSegment_decodeError() {
        serve(ServerConfig.defaults());
        put(region(), 0, far(false, 0, 1));
        assertDecodeError(walk(1));
        put(region(), 0, far(false, 0, 0x7FFF_FFFF));
        assertDecodeError(walk(1));
        assertStillServing();
    }

    @Test
    void farPointer_doubleFarIntoMissingSegment_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, far(true, 4, 0));
        put(r, 4, far(false, 0, 3));
        put(r, 5, struct(0, 0, 1));
        assertDecodeError(walk(6));
        assertStillServing();
    }

    @Test
    void farPointer_landingPadBeyondRegion_decodeError() {
        serve(ServerConfig.defaults());
        put(region(), 0, far(false, PARAMS_BYTES / 8 + 100, 0));
        assertDecodeError(walk(1));
        put(region(), 0, far(false, (1 << 29) - 1, 0));
        assertDecodeError(walk(1));
        assertStillServing();
    }

    @Test
    void farPointer_nestedChildIntoMissingSegment_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(0, 1, 2));
        put(r, 3, far(false, 0, 2));
        assertDecodeError(walk(5));
        assertStillServing();
    }

    // ---- lengths that lie ------------------------------------------------------------------------------------

    @Test
    void list_wordCountBeyondRegion_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(0, 1, 2));
        put(r, 4, list(0, INLINE_COMPOSITE, (1 << 29) - 1));
        put(r, 5, tag(1, 1, 2));
        assertDecodeError(walk(9));
        assertStillServing();
    }

    @Test
    void list_tagClaimsMoreElementsThanWords_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(0, 1, 2));
        put(r, 4, list(0, INLINE_COMPOSITE, 3));
        put(r, 5, tag(100_000, 1, 2));
        assertDecodeError(walk(9));
        assertStillServing();
    }

    @Test
    void text_longerThanRegion_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 1, 1));
        put(r, 2, list(0, BYTE, PARAMS_BYTES * 4));
        assertDecodeError(echoRaw(3));
        assertStillServing();
    }

    @Test
    void text_withoutNulTerminator_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 1, 1));
        put(r, 2, list(0, BYTE, 8));
        put(r, 3, 0x4142_4344_4546_4748L);
        assertDecodeError(echoRaw(4));
        assertStillServing();
    }

    @Test
    void pointer_beforeRegionStart_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(-1000, 1, 2));
        assertDecodeError(walk(2));
        assertStillServing();
    }

    @Test
    void pointer_listWhereStructExpected_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 0, 1));
        put(r, 1, list(0, BYTE, 8));
        assertDecodeError(walk(3));
        assertStillServing();
    }

    /**
     * The wire contract: the params are one segment of {@code paramsLength} bytes. A pointer that reaches past
     * that length, even if still inside the slot's region, points outside the message.
     */
    @Test
    void pointer_beyondParamsLength_decodeError() {
        serve(ServerConfig.defaults());
        final ByteBuffer r = region();
        put(r, 0, struct(0, 0, 1));
        put(r, 1, struct(offset(1, 40), 1, 2));
        put(r, 40, 7);
        assertDecodeError(walk(2));
        assertStillServing();
    }

    // ---- through the client ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(CompletionMode.class)
    void client_paramsBeyondNestingLimit_typedDecodeError(final CompletionMode completion) {
        try (CallFixture f = new CallFixture(DispatchMode.ENDPOINT_LOOP, completion, 4, PARAMS_BYTES, RESULT_BYTES)) {
            for (final boolean idempotent : new boolean[] {false, true}) {
                try (Call call = f.client.newCall(f.probeHandle, Probe.TYPE_ID, Probe.METHOD_WALK)) {
                    call.idempotent(idempotent);
                    Node.Builder node = call.initParams(Probe.WalkParams.factory).initRoot();
                    for (int i = 0; i < 2 * ServerConfig.DEFAULT_NESTING_LIMIT; i++) {
                        node = node.initChild();
                    }
                    final TransportException e = assertThrows(TransportException.DecodeError.class, call::invoke);
                    assertTrue(e.dispatched(), "the handler started reading");
                    assertEquals(idempotent, e.retrySafe(), "after dispatch only an idempotent method is retry-safe");
                    assertThrows(IllegalStateException.class, () -> call.result(Probe.WalkResults.factory));
                }
            }
            assertFalse(f.client.strayCompletions() > 0, "no stray completions");
            assertEquals(11L, RingCallTest.echo(f.client, f.probeHandle, 11, "after decode errors"));
        }
    }
}
