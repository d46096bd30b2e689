@0xbfbf7428f2bd91d5;
# A terminal service: opening a session grants the caller a capability of its own, returned as a handle.

using Java = import "/capnp/java.capnp";
using Capring = import "/capnp/capring.capnp";
$Java.package("org.capring.schema.terminal");
$Java.outerClassname("TerminalProtocol");

interface Terminal {
  # Opens terminal sessions.

  open @0 (cols :UInt16, rows :UInt16, term :Text) -> (session :UInt32);
  # A new session of the given size. session is a capability handle in the caller's CapSet that implements
  # Session; releasing it ends the caller's access (close the session first to end it on the server too).

  enum Error $Capring.errors {
    tooManySessions @0;
    badSize @1;
  }
}

interface Session {
  # One terminal session: input goes in with write, output comes out with read.

  write @0 (data :Data) -> (accepted :UInt32);
  # Sends input (keystrokes); accepted is how many bytes the session took.

  read @1 (maxBytes :UInt32) -> (data :Data, eof :Bool);
  # Takes up to maxBytes of pending output (possibly none); eof once the session is closed and drained.

  resize @2 (cols :UInt16, rows :UInt16) -> () $Capring.idempotent;
  # Sets the window size. Repeating it changes nothing.

  close @3 () -> (exitCode :Int32) $Capring.idempotent;
  # Ends the session; closing again returns the same exit code. Later writes fail with closed.

  enum Error $Capring.errors {
    closed @0;
    badSize @1;
  }
}
