package org.capring.schema.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.capring.schema.compiler.model.Node;
import org.capring.schema.compiler.model.NodeBody;
import org.capring.schema.compiler.model.Request;

/**
 * Generates capnproto-java (runtime 0.1.16) sources from a {@code CodeGeneratorRequest}: one Java file per
 * requested schema file, shaped like upstream capnpc-java's output so that code written against it compiles.
 *
 * <p>Generation is all-or-nothing: either every requested file is generated or a
 * {@link SchemaCompileException} names the first schema element that could not be, and nothing is returned.
 * What is supported and what is refused is listed in the module README and in {@link FileEmitter}.
 * Instances are immutable and thread-safe; each {@link #generate} call works on its own state.
 *
 * {@snippet :
 * Request request = RequestReader.read(Files.readAllBytes(Path.of("schema.req")));
 * for (GeneratedFile file : new JavaGenerator().generate(request)) {
 *     Files.writeString(out.resolve(file.relativePath()), file.content());
 * }
 * }
 */
public final class JavaGenerator {

    private final GeneratorOptions options;

    /** A generator with {@link GeneratorOptions#defaults()}: capnproto-java classes, no ring stubs. */
    public JavaGenerator() {
        this(GeneratorOptions.defaults());
    }

    /** @param options extra emitters and settings */
    public JavaGenerator(final GeneratorOptions options) {
        this.options = options;
    }

    /**
     * @param request a request read by {@link RequestReader}
     * @return one file per requested schema file, in request order
     * @throws SchemaCompileException if any requested file cannot be generated
     */
    public List<GeneratedFile> generate(final Request request) {
        final RequestIndex index = new RequestIndex(request);
        for (final RequestCheck check : options.requestChecks()) {
            check.check(request);
        }
        final Set<String> packageRoots = packageRoots(index, request);
        final List<GeneratedFile> files = new ArrayList<>();
        final Map<String, String> paths = new HashMap<>();
        for (final Request.RequestedFile requested : request.requestedFiles()) {
            final Node file = index.require(requested.id(), requested.filename(), "requested file");
            if (!(file.body() instanceof NodeBody.File)) {
                throw new SchemaCompileException(SchemaCompileException.Reason.UNKNOWN_ID, requested.filename(),
                        "requested file " + Names.hexId(requested.id()) + " is not a file node ("
                                + file.displayName() + ")");
            }
            final GeneratedFile generated = new FileEmitter(index, options, file, requested).emit(packageRoots);
            final String previous = paths.putIfAbsent(generated.relativePath(), requested.filename());
            if (previous != null) {
                throw new SchemaCompileException(SchemaCompileException.Reason.NAME_CLASH, file.displayName(),
                        "generates " + generated.relativePath() + ", as " + previous + " does");
            }
            files.add(generated);
        }
        return List.copyOf(files);
    }

    /**
     * @param requestBytes a serialized request
     * @return one file per requested schema file
     * @throws SchemaCompileException if the request is unreadable or any file cannot be generated
     */
    public List<GeneratedFile> generate(final byte[] requestBytes) {
        return generate(RequestReader.read(requestBytes));
    }

    /** {@code java}, {@code org} and the first segment of every package a generated file may refer to. */
    private static Set<String> packageRoots(final RequestIndex index, final Request request) {
        final Set<String> roots = new HashSet<>(Set.of("java", "org"));
        for (final Node node : request.nodes()) {
            if (node.body() instanceof NodeBody.File) {
                try {
                    final String javaPackage = index.javaPackage(node);
                    roots.add(javaPackage.substring(0, (javaPackage + ".").indexOf('.')));
                } catch (final SchemaCompileException unannotated) {
                    // Not a Java file: its types cannot be referenced anyway, which is reported on use.
                }
            }
        }
        return Set.copyOf(roots);
    }
}
