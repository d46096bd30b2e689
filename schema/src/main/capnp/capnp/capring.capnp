# capring's interface annotations: what a ring call needs to know that Cap'n Proto has no syntax for.
# The schema compiler (schema/compiler, see its README) recognises them by id, never by name.
# Import it as "/capnp/capring.capnp" with -I <this directory's parent>.
@0x98ddd58a8ae08a24;

# The method may be repeated without repeating a side effect. A failed call to it reports retrySafe()
# even after the handler started; the generated client stub marks every call to it idempotent.
annotation idempotent @0xada1cf7338c565be (method) :Void;

# The application errors of the interface that directly encloses this enum. Each enumerant becomes an
# exception class of the generated stub (enumerant notFound -> NotFoundException) with status
# code = enumerant ordinal + 2 (status 1 is UNEXPECTED, a failure the interface does not declare).
# At most one such enum per interface; it must be nested directly in the interface.
annotation errors @0x9be0675b86edc108 (enum) :Void;
