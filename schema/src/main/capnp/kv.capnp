@0xf6ead20c65b54a97;
# A key-value store: the smallest stateful service, with declared errors and an idempotent read.

using Java = import "/capnp/java.capnp";
using Capring = import "/capnp/capring.capnp";
$Java.package("org.capring.schema.kv");
$Java.outerClassname("KvProtocol");

interface KeyValue {
  # A map from Text keys to Data values, bounded in entry count and in key and value size.

  get @0 (key :Text) -> (value :Data) $Capring.idempotent;
  # The value stored under the key; notFound when there is none.

  put @1 (key :Text, value :Data) -> (replaced :Bool);
  # Stores the value under the key; replaced says whether it overwrote one.
  # keyTooLong, valueTooLarge, or full (a new key when the store holds its maximum of entries).

  delete @2 (key :Text) -> ();
  # Removes the key and its value; notFound when there is none.

  enum Error $Capring.errors {
    notFound @0;
    keyTooLong @1;
    valueTooLarge @2;
    full @3;
  }
}
