# A valid schema that uses generics, which the generator refuses (HostileRequestTest).
@0xe3b6c1f0b2a9d471;
using Java = import "/capnp/java.capnp";
$Java.package("org.capring.schema.compiler.generics");
$Java.outerClassname("Generics");

struct Box(T) {
  value @0 :T;
}
