package org.capring.pool.net;

import java.io.IOException;

/** An HTTP {@code CONNECT} proxy of the key's chain refused to open the tunnel (status other than 200). */
public final class ProxyRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int hop;
    private final int status;

    ProxyRefusedException(final int hop, final int status, final String statusLine) {
        super("proxy hop " + hop + " refused the tunnel: " + statusLine);
        this.hop = hop;
        this.status = status;
    }

    /** @return the index of the refusing hop in the key's proxy chain */
    public int hop() {
        return hop;
    }

    /** @return the HTTP status it answered, e.g. 407 */
    public int status() {
        return status;
    }
}
