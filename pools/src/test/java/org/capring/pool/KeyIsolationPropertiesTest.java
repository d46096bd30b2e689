package org.capring.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property tests (jqwik, fixed seeds: reproducible) of the pool's one promise: a connection opened for one key is
 * never lent for an unequal key. Each try draws a field and a list of {@value #OPS} operations (acquire with the
 * family's key or an equal copy, clean return, unclean return, discard, epoch revocation, idle expiry) over a family
 * of keys that differ from each other in exactly that field; every lent connection is checked against the key asked
 * for with an oracle that compares accessor by accessor, and the permit accounting after every operation. The tries
 * add up to more than 10^6 operations, with every field drawn ({@link #everyFieldWasDrawn}).
 */
class KeyIsolationPropertiesTest {
    static final int OPS = 3_000;
    private static final Set<PoolKey.Field> DRAWN = EnumSet.noneOf(PoolKey.Field.class);
    private static long operations;
    private static long reuses;

    enum Kind { ACQUIRE, ACQUIRE_COPY, RETURN, RETURN_UNCLEAN, DISCARD, REVOKE, EXPIRE_IDLE }

    record Op(Kind kind, int key, int pick) {
    }

    @Provide
    Arbitrary<PoolKey.Field> fields() {
        final EnumSet<PoolKey.Field> fields = EnumSet.copyOf(Keys.singlyVariableFields());
        fields.add(PoolKey.Field.SECURITY);
        return Arbitraries.of(fields);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        final Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(30, Kind.ACQUIRE), Tuple.of(15, Kind.ACQUIRE_COPY),
            Tuple.of(35, Kind.RETURN), Tuple.of(6, Kind.RETURN_UNCLEAN), Tuple.of(6, Kind.DISCARD),
            Tuple.of(1, Kind.REVOKE), Tuple.of(2, Kind.EXPIRE_IDLE));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 999))
            .as(Op::new).list().ofSize(OPS);
    }

    @Property(tries = 340, seed = "20261201")
    void keysDifferingInOneField_neverShareAConnection(@ForAll("fields") final PoolKey.Field field,
                                                        @ForAll("operations") final List<Op> ops) throws Exception {
        DRAWN.add(field);
        run(Keys.family(field, Keys.variants(field)), ops);
    }

    @Provide
    Arbitrary<List<PoolKey>> collidingFamilies() {
        return Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers().between(1, 1000)
            .map(n -> collidingFamily(kind, n)));
    }

    /** Keys with one hash code and different fields: colliding tenants, or two fields shifted against each other. */
    static List<PoolKey> collidingFamily(final int kind, final int n) {
        final PoolKey.Builder base = Keys.cleartext(Keys.v6(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 1}, 1), 7000 + n);
        final List<PoolKey> keys = new ArrayList<>();
        switch (kind) {
            case 0 -> {
                for (final String tenant : List.of("AaAa", "AaBB", "BBAa", "BBBB")) {
                    keys.add(base.tenant(tenant + n).build());
                }
            }
            case 1 -> {
                // hash = 31 * (31 * h + scopeId) + port: scope + 1 and port - 31 collide.
                for (int i = 0; i < 4; i++) {
                    keys.add(base.address(Keys.v6(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        0, 0, 0, 1}, 1 + i)).port(7000 + n + 31 * 3 - 31 * i).build());
                }
            }
            default -> {
                // Same for the authority id and its epoch.
                for (int i = 0; i < 4; i++) {
                    keys.add(base.authority(Keys.AUTHORITY + i, n + 31 * 3 - 31L * i).build());
                }
            }
        }
        return keys;
    }

    @Property(tries = 60, seed = "20261202")
    void keysWithEqualHashCodesAndDifferentFields_neverShare(@ForAll("collidingFamilies") final List<PoolKey> keys,
                                                           @ForAll("operations") final List<Op> ops)
        throws Exception {
        for (final PoolKey k : keys) {
            assertEquals(keys.getFirst().hashCode(), k.hashCode(), "the family collides");
        }
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                assertNotEquals(keys.get(i), keys.get(j));
            }
        }
        run(keys, ops);
    }

    private static void run(final List<PoolKey> start, final List<Op> ops) throws Exception {
        final ManualClock clock = new ManualClock();
        final MemoryConnector connector = new MemoryConnector();
        List<PoolKey> family = start;
        final List<Lease<FakeConnection>> held = new ArrayList<>();
        final Map<FakeConnection, Boolean> lentBefore = new IdentityHashMap<>();
        try (KeyedPool<FakeConnection> pool = Pools.pool(Pools.testConfig().clock(clock).maxTotal(8).maxPerKey(3)
            .maxConnectingPerKey(3).maxWaiters(0).idleTimeout(Duration.ofMinutes(1)).build(), connector)) {
            for (final Op op : ops) {
                final PoolKey key = family.get(op.key() % family.size());
                switch (op.kind()) {
                    case ACQUIRE, ACQUIRE_COPY -> {
                        final PoolKey asked = op.kind() == Kind.ACQUIRE ? key : key.toBuilder().build();
                        try {
                            final Lease<FakeConnection> lease = pool.acquire(asked, Duration.ZERO);
                            final FakeConnection connection = lease.connection();
                            assertTrue(Keys.sameFields(connection.key, asked),
                                () -> "lent a connection of " + connection.key + " for " + asked);
                            if (lentBefore.put(connection, Boolean.TRUE) != null) {
                                reuses++;
                            }
                            held.add(lease);
                        } catch (final AcquireTimeoutException | WaitQueueFullException e) {
                            assertEquals(asked, e.key());
                        }
                    }
                    case RETURN, RETURN_UNCLEAN, DISCARD -> {
                        if (!held.isEmpty()) {
                            final Lease<FakeConnection> lease = held.remove(op.pick() % held.size());
                            if (op.kind() == Kind.DISCARD) {
                                lease.discard();
                            } else {
                                if (op.kind() == Kind.RETURN_UNCLEAN) {
                                    lease.connection().onReturn = CloseReason.UNREAD_BYTES;
                                }
                                lease.close();
                            }
                        }
                    }
                    case REVOKE -> family = revokeAll(pool, family);
                    case EXPIRE_IDLE -> {
                        clock.advance(Duration.ofMinutes(2));
                        pool.runMaintenance();
                    }
                }
                operations++;
                Pools.checkAccounting(pool);
            }
            held.forEach(Lease::close);
            assertEquals(0, Pools.checkAccounting(pool).leased());
        }
    }

    /** Revokes the family's current epochs and moves the family past them, keeping its differences. */
    private static List<PoolKey> revokeAll(final KeyedPool<FakeConnection> pool, final List<PoolKey> family) {
        final long lowest = family.stream().mapToLong(PoolKey::authorityEpoch).min().orElseThrow();
        final long next = family.stream().mapToLong(PoolKey::authorityEpoch).max().orElseThrow() + 1;
        final Set<Long> authorities = new HashSet<>();
        family.forEach(k -> authorities.add(k.authorityId()));
        authorities.forEach(id -> pool.revokeAuthority(id, next));
        return family.stream().map(k -> k.withEpoch(k.authorityEpoch() - lowest + next)).toList();
    }

    @AfterContainer
    static void everyFieldWasDrawn() {
        final EnumSet<PoolKey.Field> expected = EnumSet.copyOf(Keys.singlyVariableFields());
        expected.add(PoolKey.Field.SECURITY);
        assertEquals(expected, DRAWN, "a field was never drawn");
        assertTrue(operations >= 1_000_000, "only " + operations + " operations");
        assertTrue(reuses > operations / 20, "connections were hardly ever reused (" + reuses
            + "): the property would prove nothing");
    }
}
