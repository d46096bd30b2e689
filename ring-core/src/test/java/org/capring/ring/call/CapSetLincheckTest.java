package org.capring.ring.call;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link CapSet} (grant, resolve, revoke, size), checked by Lincheck in model-checking and
 * stress modes; the sequential specification is the class itself.
 *
 * <p>The set holds two entries, so grants also hit the full path; handles are drawn from indices 0..2 (2 is
 * beyond the capacity) and generations 1..4, so resolve and revoke see live, stale, revoked, never-granted and
 * out-of-range handles. Capabilities come from a fixed pool and are reported by name.
 *
 * <p>Sized for the default test run; {@code -Dcapring.lincheck.long=true} runs ten times the iterations.
 */
public class CapSetLincheckTest {
    private static final boolean LONG = Boolean.getBoolean("capring.lincheck.long");
    private static final Capability[] POOL = {
        new Capability("c0", 1L, 1, call -> { }),
        new Capability("c1", 1L, 1, call -> { }),
        new Capability("c2", 1L, 1, call -> { }),
    };

    private final CapSet caps = new CapSet(2);

    /** @return the handle, or -1 when the set is full */
    @Operation
    public int grant(@Param(gen = IntGen.class, conf = "0:2") final int which) {
        try {
            return caps.grant(POOL[which]);
        } catch (final IllegalStateException full) {
            return -1;
        }
    }

    @Operation
    public String resolve(@Param(gen = IntGen.class, conf = "0:2") final int index,
                          @Param(gen = IntGen.class, conf = "1:4") final int generation) {
        final Capability capability = caps.resolve(generation << 16 | index);
        return capability == null ? null : capability.name();
    }

    @Operation
    public boolean revoke(@Param(gen = IntGen.class, conf = "0:2") final int index,
                          @Param(gen = IntGen.class, conf = "1:4") final int generation) {
        return caps.revoke(generation << 16 | index);
    }

    @Operation
    public int size() {
        return caps.size();
    }

    private static Options<?, ?> tune(final Options<?, ?> options) {
        return options.threads(3).actorsPerThread(3).actorsBefore(3).actorsAfter(2);
    }

    @Test
    void modelChecking() {
        tune(new ModelCheckingOptions().iterations(LONG ? 100 : 10).invocationsPerIteration(LONG ? 5_000 : 400))
            .check(getClass());
    }

    @Test
    void stress() {
        tune(new StressOptions().iterations(LONG ? 200 : 20).invocationsPerIteration(LONG ? 10_000 : 2_000))
            .check(getClass());
    }
}
