package org.capring.ring.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class StateMachineTest {
    private enum Phase { NEW, RUNNING, STOPPED, FAILED }

    private static StateMachine<Phase> machine() {
        return StateMachine.builder("worker", Phase.NEW)
            .allow(Phase.NEW, Phase.RUNNING, Phase.FAILED)
            .allow(Phase.RUNNING, Phase.STOPPED, Phase.FAILED)
            .build();
    }

    @Test
    void transition_fromCurrentState_takenOnceAndToldInOrder() {
        final StateMachine<Phase> life = machine();
        final List<String> told = new ArrayList<>();
        life.addListener((from, to, cause) -> told.add(from + "->" + to));
        assertTrue(life.transition(Phase.NEW, Phase.RUNNING));
        assertFalse(life.transition(Phase.NEW, Phase.RUNNING), "a transition happens once");
        assertTrue(life.transition(Phase.RUNNING, Phase.STOPPED));
        assertEquals(List.of("NEW->RUNNING", "RUNNING->STOPPED"), told);
        assertEquals(Phase.STOPPED, life.state());
        assertTrue(life.isTerminal(Phase.STOPPED));
        assertFalse(life.isTerminal(Phase.RUNNING));
    }

    @Test
    void transition_notInTable_refusedWithBothStatesNamed() {
        final StateMachine<Phase> life = machine();
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> life.transition(Phase.NEW, Phase.STOPPED));
        assertTrue(e.getMessage().contains("worker") && e.getMessage().contains("NEW -> STOPPED"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> life.transition(Phase.STOPPED, Phase.RUNNING),
            "nothing leaves a terminal state");
        assertEquals(Phase.NEW, life.state(), "a refused transition changes nothing");
    }

    @Test
    void builder_selfTransition_refused() {
        assertThrows(IllegalArgumentException.class,
            () -> StateMachine.builder("w", Phase.NEW).allow(Phase.NEW, Phase.NEW));
        assertThrows(NullPointerException.class, () -> StateMachine.builder(null, Phase.NEW));
        assertThrows(NullPointerException.class, () -> StateMachine.builder("w", (Phase) null));
    }

    @Test
    void failure_keepsItsCause() {
        final StateMachine<Phase> life = machine();
        final IllegalStateException boom = new IllegalStateException("boom");
        assertSame(Phase.NEW, life.transitionFromAny(Phase.FAILED, boom));
        assertSame(boom, life.cause());
        assertNull(life.transitionFromAny(Phase.RUNNING, null), "FAILED is terminal");
        assertTrue(life.toString().contains("boom"));
    }

    @Test
    void listenerThatThrows_othersStillTold() {
        final StateMachine<Phase> life = machine();
        final AtomicInteger second = new AtomicInteger();
        life.addListener((from, to, cause) -> {
            throw new IllegalStateException("listener bug");
        });
        life.addListener((from, to, cause) -> second.incrementAndGet());
        assertTrue(life.transition(Phase.NEW, Phase.RUNNING));
        assertEquals(1, second.get());
    }

    @Test
    void racingTransitions_exactlyOneWinsAndListenersSeeEachOnce() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            final StateMachine<Phase> life = machine();
            final List<Phase> told = Collections.synchronizedList(new ArrayList<>());
            life.addListener((from, to, cause) -> told.add(to));
            final AtomicInteger winners = new AtomicInteger();
            final CountDownLatch go = new CountDownLatch(1);
            final List<Thread> threads = new ArrayList<>();
            for (final Phase target : new Phase[] {Phase.RUNNING, Phase.FAILED, Phase.RUNNING, Phase.FAILED}) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (life.transition(Phase.NEW, target)) {
                        winners.incrementAndGet();
                    }
                }));
            }
            go.countDown();
            for (final Thread thread : threads) {
                thread.join();
            }
            assertEquals(1, winners.get());
            assertEquals(List.of(life.state()), told);
        }
    }

    @Test
    void awaitAny_reachedLater_returnsIt_andTimesOutOtherwise() throws InterruptedException {
        final StateMachine<Phase> life = machine();
        assertNull(life.awaitAny(EnumSet.of(Phase.STOPPED), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1)));
        final Thread mover = Thread.ofVirtual().start(() -> {
            life.transition(Phase.NEW, Phase.RUNNING);
            life.transition(Phase.RUNNING, Phase.STOPPED);
        });
        assertEquals(Phase.STOPPED, life.awaitAny(EnumSet.of(Phase.STOPPED, Phase.FAILED),
            System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
        mover.join();
    }
}
