@0xe2f1b7d3c8a94a01;
# Echo: the smallest call, used by the call benchmarks and the examples.

using Java = import "/capnp/java.capnp";
using Capring = import "/capnp/capring.capnp";
$Java.package("org.capring.schema.echo");
$Java.outerClassname("EchoProtocol");

interface Echo {
  echo @0 (value :Int64, payload :Data) -> (value :Int64, payload :Data) $Capring.idempotent;
  # Returns what it was given. Safe to repeat.
}
