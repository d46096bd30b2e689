package org.capring.ring.call;

/**
 * Serves the calls made on one capability. Reads the params in place through {@link ServerCall#params},
 * writes the result in place through {@link ServerCall#initResult}, and returns; an exception becomes an
 * error completion ({@link CapException}: its code; a {@link TransportException} such as
 * {@code NoSuchMethod} from a skeleton: its status; a capnp decode failure while reading params:
 * {@link Status#DECODE_ERROR}; anything else: {@link Status#UNEXPECTED}). The server's loop survives every
 * exception.
 *
 * <p>A handler runs on a virtual thread; it may block. The {@link ServerCall} and every message view it hands
 * out are valid only until the handler returns.
 */
@FunctionalInterface
public interface CallHandler {
    /**
     * @param call the call: method, params, result, cancellation, deadline
     * @throws Exception to fail the call
     */
    void handle(ServerCall call) throws Exception;
}
