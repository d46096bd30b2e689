# The example schema of the schema compiler's reference notes; SelfHostingTest checks values of its request.
@0xd3a5d5a3b6e4f001;
using Java = import "/capnp/java.capnp";
$Java.package("org.example.x");
$Java.outerClassname("X");

const answer :Int32 = 42;
const greeting :Text = "hi";

enum Color { red @0; green @1; blueish @2; }

struct Foo {
  a @0 :Int32 = 7;
  b @1 :Bool = true;
  f @2 :Float32 = 1.5;
  t @3 :Text = "dflt";
  c @4 :Color = green;
  l @5 :List(Int16) = [1, 2, 3];
  sub @6 :Foo;
  u :union {
    none @7 :Void;
    num @8 :UInt64;
    g :group { x @9 :Int8; y @10 :Text; }
  }
  struct Inner { z @0 :Float64 = -2.5; }
  const k :UInt8 = 200;
}

interface Calc {
  add @0 (a :Int32, b :Int32) -> (sum :Int32);
  ping @1 () -> ();
}
