@0xc016ced1bf3bebe7;
# A byte stream: a sink with a bounded buffer whose free window pushes back on the writer.

using Java = import "/capnp/java.capnp";
using Capring = import "/capnp/capring.capnp";
$Java.package("org.capring.schema.stream");
$Java.outerClassname("ByteStreamProtocol");

interface ByteStream {
  # Writes are buffered up to the window; flush drains the buffer downstream.

  write @0 (data :Data) -> (window :UInt32);
  # Appends data whole, or not at all: windowExceeded (nothing appended) when data is larger than the free
  # window, so the writer flushes and retries. window is the free space left after the write.

  flush @1 () -> (flushed :UInt64, window :UInt32) $Capring.idempotent;
  # Drains the buffer downstream. flushed counts every byte flushed since the stream opened; window is the
  # free space (the whole buffer). Flushing again is harmless.

  close @2 () -> (flushed :UInt64) $Capring.idempotent;
  # Flushes and closes. Closing again returns the same total; writes after it fail with closed.

  enum Error $Capring.errors {
    closed @0;
    windowExceeded @1;
  }
}
