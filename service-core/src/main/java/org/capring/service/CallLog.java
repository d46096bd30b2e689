package org.capring.service;

/**
 * Phase 6, optional: told of every call once, when its context closes: completed, failed, refused (by the container's
 * drain, or by the ring before any handler ran: invalid handle, no such method, late, overloaded), cancelled. It
 * runs on the thread that ended the call, which for ring refusals is the ring's reader: it must not block.
 */
@FunctionalInterface
public interface CallLog {
    /**
     * @param summary the call, closed
     * @throws Exception logged and ignored: a failing log never changes a call's answer
     */
    void log(CallSummary summary) throws Exception;
}
