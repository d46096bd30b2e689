# Java code generation annotations, compatible with the file of the same name that capnproto-java
# ships: the file id and the annotation ids are the upstream ones, so schemas written for upstream
# capnpc-java compile unchanged. Import it as "/capnp/java.capnp" with -I <this directory's parent>.
@0xc5f1af96651f70ea;

# Java package of the generated code of a file.
annotation package @0x9ee4c8f803b3b596 (file) : Text;

# Name of the outer Java class that holds every type of a file.
annotation outerClassname @0x9b066bb4881f7cd3 (file) : Text;
