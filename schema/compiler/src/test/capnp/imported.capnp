# A second schema file imported by features.capnp: types referenced across files are named by their
# fully qualified Java name (other package, other outer class).
@0xbfd22b645376bdec;

using Java = import "/capnp/java.capnp";
$Java.package("org.capring.schema.compiler.testschema.other");
$Java.outerClassname("Imported");

struct Point {
  x @0 :Int32;
  y @1 :Int32 = -1;
}

enum Direction {
  north @0;
  east @1;
  south @2;
  west @3;
}
