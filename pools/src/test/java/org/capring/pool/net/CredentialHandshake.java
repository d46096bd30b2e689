package org.capring.pool.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.capring.pool.Credentials;
import org.capring.pool.PoolKey;

/** The tests' application handshake: presents the key's credentials and tenant, expects {@code ok}. */
public final class CredentialHandshake implements Handshake {
    @Override
    public void perform(final CapnpConnection connection) throws IOException {
        final PoolKey key = connection.key();
        final String secret = switch (key.credentials()) {
            case Credentials.None none -> "";
            case Credentials.Bearer bearer -> new String(bearer.token().bytes(), StandardCharsets.UTF_8);
            case Credentials.Basic basic -> basic.user() + "/" + new String(basic.password().bytes(),
                StandardCharsets.UTF_8);
        };
        connection.send(Messages.text("hello|" + key.credentials().scheme() + "|" + secret + "|" + key.tenant()));
        final String answer = Messages.text(connection.receive());
        if (!answer.equals("ok")) {
            throw new IOException("handshake refused: " + answer);
        }
    }
}
