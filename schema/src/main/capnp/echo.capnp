@0xe2f1b7d3c8a94a01;
# Echo: the smallest call, used by the call benchmarks and the examples.

using Java = import "/capnp/java.capnp";
$Java.package("org.capring.schema.echo");
$Java.outerClassname("EchoProtocol");

interface Echo {
  # Returns what it was given. Safe to repeat.
  echo @0 (value :Int64, payload :Data) -> (value :Int64, payload :Data);
}
