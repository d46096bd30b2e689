@0xb7c2f0e1a9d34c51;
# Test interfaces for the call runtime's own tests.

using Java = import "/capnp/java.capnp";
$Java.package("org.capring.ring.call.testschema");
$Java.outerClassname("CallTest");

interface Probe {
  echo @0 (value :Int64, text :Text) -> (value :Int64, text :Text);
  fill @1 (bytes :UInt32) -> (data :Data);
  sleep @2 (millis :UInt32) -> (slept :Bool);
  fail @3 (code :UInt32, message :Text) -> ();
  open @4 (name :Text) -> (handle :UInt32);
  walk @5 (root :Node) -> (nodes :UInt64);
}

struct Node {
  value @0 :Int64;
  child @1 :Node;
  children @2 :List(Node);
}
