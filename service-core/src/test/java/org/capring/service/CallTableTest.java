package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.capring.service.metrics.ServiceMetrics;
import org.junit.jupiter.api.Test;

class CallTableTest {
    private final ServiceCalls calls = new ServiceCalls("table", MethodTable.of("m"), Phases.none(),
        ServiceConfig.defaults(), new ServiceMetrics("table", List.of("m")));
    private final Caller caller = new Caller("holder", Caller.Kind.CLIENT);

    private CallContext context() {
        return calls.open(null, 0, caller, null);
    }

    private static List<CallContext> registered(final CallTable table) {
        final List<CallContext> seen = new ArrayList<>();
        table.forEach(seen::add);
        return seen;
    }

    @Test
    void register_ownSlot_takesTheCellAndUnregisterFreesIt() {
        final CallTable table = new CallTable(4);
        final CallContext ctx = context();
        assertTrue(table.register(2, ctx));
        assertEquals(List.of(ctx), registered(table));
        table.unregister(2, ctx, true);
        assertEquals(List.of(), registered(table));
    }

    @Test
    void register_cellTakenOrSlotOutOfRange_keptInOverflowAndStillSeen() {
        // A capability passed to another ring serves calls whose slot numbers this table does not own.
        final CallTable table = new CallTable(4);
        final CallContext own = context();
        final CallContext foreignSameSlot = context();
        final CallContext foreignBeyond = context();
        assertTrue(table.register(1, own));
        assertFalse(table.register(1, foreignSameSlot));
        assertFalse(table.register(9, foreignBeyond));
        assertEquals(3, registered(table).size());
        table.unregister(1, foreignSameSlot, false);
        assertEquals(List.of(own, foreignBeyond), registered(table), "the cell's owner is untouched");
        table.unregister(9, foreignBeyond, false);
        table.unregister(1, own, true);
        assertEquals(List.of(), registered(table));
    }

    @Test
    void isRetired_onlyOnceClosedAndEmpty() {
        final CallTable table = new CallTable(2);
        final CallContext ctx = context();
        table.register(0, ctx);
        assertFalse(table.isRetired(), "open");
        table.close();
        assertFalse(table.isRetired(), "closed with a call still registered");
        table.unregister(0, ctx, true);
        assertTrue(table.isRetired());
    }

    @Test
    void track_forgetsRetiredTablesAndWalksTheRest() {
        final CallTable retired = new CallTable(2);
        final CallTable live = new CallTable(2);
        calls.track(retired);
        calls.track(retired);
        final CallContext ctx = context();
        live.register(1, ctx);
        retired.close();
        calls.track(live);
        calls.track(live);
        final List<CallContext> seen = new ArrayList<>();
        calls.forEachRegistered(seen::add);
        assertEquals(List.of(ctx), seen, "each table walked once, however often it was tracked");
    }

    @Test
    void track_closedTableForgottenThenRegisteredIn_walkedAgain() {
        // A capability passed on to another ring serves calls through its first holder's table after that closed.
        final CallTable table = new CallTable(2);
        table.close();
        calls.track(table);
        calls.track(new CallTable(2)); // forgets the retired one
        final List<CallContext> none = new ArrayList<>();
        calls.forEachRegistered(none::add);
        assertEquals(List.of(), none);
        final CallContext ctx = context();
        table.register(0, ctx);
        assertTrue(table.isClosed());
        calls.track(table); // what a call that registers in a closed table does
        final List<CallContext> seen = new ArrayList<>();
        calls.forEachRegistered(seen::add);
        assertEquals(List.of(ctx), seen);
    }
}
