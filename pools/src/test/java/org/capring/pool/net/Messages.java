package org.capring.pool.net;

import java.nio.charset.StandardCharsets;

import org.capnproto.AnyPointer;
import org.capnproto.Data;
import org.capnproto.MessageBuilder;
import org.capnproto.MessageReader;

/** Test messages: a Cap'n Proto message whose root is a Data blob holding UTF-8 text. */
public final class Messages {
    private Messages() {
    }

    /**
     * @param text the text
     * @return a message carrying it
     */
    public static MessageBuilder text(final String text) {
        final MessageBuilder message = new MessageBuilder();
        message.initRoot(AnyPointer.factory).setAs(Data.factory, new Data.Reader(text.getBytes(StandardCharsets.UTF_8)));
        return message;
    }

    /**
     * @param message a message made by {@link #text(String)}
     * @return its text
     */
    public static String text(final MessageReader message) {
        return new String(message.getRoot(AnyPointer.factory).getAs(Data.factory).toArray(), StandardCharsets.UTF_8);
    }
}
