package org.capring.schema.compiler.model;

import java.util.List;

/**
 * A whole {@code CodeGeneratorRequest}.
 *
 * @param nodes          every node of the requested files and of the files they import, in request order
 * @param requestedFiles the files named on the {@code capnp compile} command line
 * @param capnpVersion   version of the {@code capnp} tool that wrote the request ({@code 0.0.0} when absent)
 * @param sourceInfo     doc comments per node id (may be empty)
 */
public record Request(List<Node> nodes, List<RequestedFile> requestedFiles, CapnpVersion capnpVersion,
                      List<SourceInfo> sourceInfo) {

    /** Copies the lists. */
    public Request {
        nodes = List.copyOf(nodes);
        requestedFiles = List.copyOf(requestedFiles);
        sourceInfo = List.copyOf(sourceInfo);
    }

    /**
     * Version of the schema compiler.
     *
     * @param major major version (UInt16)
     * @param minor minor version (UInt8)
     * @param micro micro version (UInt8)
     */
    public record CapnpVersion(int major, int minor, int micro) {
    }

    /**
     * A file named on the command line.
     *
     * @param id       id of the file node
     * @param filename path as given to {@code capnp compile}, minus {@code --src-prefix}
     * @param imports  the files it imports
     */
    public record RequestedFile(long id, String filename, List<Import> imports) {

        /** Copies the list. */
        public RequestedFile {
            imports = List.copyOf(imports);
        }
    }

    /**
     * One import of a requested file.
     *
     * @param id   id of the imported file node
     * @param name the name as written in the {@code import} expression
     */
    public record Import(long id, String name) {
    }

    /**
     * Doc comments of one node.
     *
     * @param id                 id of the node
     * @param docComment         the node's doc comment, empty when none
     * @param memberDocComments  doc comments of its members (fields, enumerants or methods) in ordinal order
     */
    public record SourceInfo(long id, String docComment, List<String> memberDocComments) {

        /** Copies the list. */
        public SourceInfo {
            memberDocComments = List.copyOf(memberDocComments);
        }
    }
}
