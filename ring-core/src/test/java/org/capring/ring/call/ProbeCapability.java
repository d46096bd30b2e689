package org.capring.ring.call;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.capnproto.Data;
import org.capring.ring.call.testschema.CallTest.Node;
import org.capring.ring.call.testschema.CallTest.Probe;

/** The test capability: echo, fill, sleep, fail, open (result-cap adoption), walk (deep and wide params). */
final class ProbeCapability {
    final AtomicLong calls = new AtomicLong();
    final Capability capability;

    ProbeCapability(final String name) {
        this.capability = new Capability(name, Probe.TYPE_ID, 6, this::handle);
    }

    private void handle(final ServerCall call) throws Exception {
        calls.incrementAndGet();
        switch (call.methodId()) {
            case Probe.METHOD_ECHO -> {
                final Probe.EchoParams.Reader in = call.params(Probe.EchoParams.factory);
                final Probe.EchoResults.Builder out = call.initResult(Probe.EchoResults.factory);
                out.setValue(in.getValue());
                if (in.hasText()) {
                    out.setText(in.getText());
                }
            }
            case Probe.METHOD_FILL -> {
                final int bytes = call.params(Probe.FillParams.factory).getBytes();
                final Data.Builder data = call.initResult(Probe.FillResults.factory).initData(bytes);
                for (int i = 0; i < bytes; i++) {
                    data.asByteBuffer().put(i, (byte) i);
                }
            }
            case Probe.METHOD_SLEEP -> {
                final long deadline = System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(call.params(Probe.SleepParams.factory).getMillis());
                while (System.nanoTime() - deadline < 0 && !call.isCancelled()) {
                    Thread.sleep(1);
                }
                if (call.isCancelled()) {
                    throw new IllegalStateException("cancelled");
                }
                call.initResult(Probe.SleepResults.factory).setSlept(true);
            }
            case Probe.METHOD_FAIL -> {
                final Probe.FailParams.Reader in = call.params(Probe.FailParams.factory);
                if (in.getCode() == 0) {
                    throw new IllegalStateException(in.getMessage().toString());
                }
                throw new CapException(in.getCode(), in.getMessage().toString());
            }
            case Probe.METHOD_OPEN -> {
                final String name = call.params(Probe.OpenParams.factory).getName().toString();
                call.initResult(Probe.OpenResults.factory).setHandle(call.adopt(new ProbeCapability(name).capability));
            }
            case Probe.METHOD_WALK -> call.initResult(Probe.WalkResults.factory)
                .setNodes(count(call.params(Probe.WalkParams.factory).getRoot()));
            default -> throw new IllegalStateException("method " + call.methodId());
        }
    }

    private static long count(final Node.Reader node) {
        long n = 1;
        if (node.hasChild()) {
            n += count(node.getChild());
        }
        for (final Node.Reader child : node.getChildren()) {
            n += count(child);
        }
        return n;
    }
}
