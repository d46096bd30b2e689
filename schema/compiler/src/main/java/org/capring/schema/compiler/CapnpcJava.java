package org.capring.schema.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code capnpc-java} program. Two ways to run it:
 * <ul>
 *   <li><b>As a capnp plugin</b> (no arguments): {@code capnp compile -o <path>/capnpc-java:<outdir> -I <dir>
 *       file.capnp}. The request arrives on standard input and files are written below the working directory,
 *       which {@code capnp} sets to {@code <outdir>}.</li>
 *   <li><b>From a saved request</b>: {@code capnp compile -o- file.capnp > file.req}, then
 *       {@code CapnpcJava --request file.req --out <dir>}; add {@code --bootstrap} to decode the request with
 *       the hand-written reader instead of the generated one.</li>
 * </ul>
 * Both generate each interface's typed ring client stub and server skeleton ({@link RingStubEmitter},
 * {@link GeneratorOptions#withRingStubs()}); {@code --no-stubs} generates the capnproto-java classes only.
 * Files go to {@code <outdir>/<package as directories>/<OuterClass>.java}. Nothing is written unless every
 * requested file generates. Exit status: {@value #EXIT_OK} success, {@value #EXIT_REFUSED} the request was
 * refused (the message on standard error names the schema element), {@value #EXIT_USAGE} bad arguments,
 * {@value #EXIT_IO} an input or output error, {@value #EXIT_INTERNAL} a defect of the generator.
 */
public final class CapnpcJava {

    /** Everything was generated and written. */
    public static final int EXIT_OK = 0;
    /** The request was refused; see standard error. */
    public static final int EXIT_REFUSED = 1;
    /** The command line was not understood. */
    public static final int EXIT_USAGE = 2;
    /** Reading the request or writing a file failed. */
    public static final int EXIT_IO = 3;
    /** A defect of the generator itself (reported with its stack trace; please file it). */
    public static final int EXIT_INTERNAL = 4;

    private static final String USAGE = """
            usage: capnpc-java                                  (as a capnp plugin: request on stdin, \
            files below the working directory)
                   capnpc-java --request <file> --out <dir> [--bootstrap] [--no-stubs]
              --bootstrap  decode the request with the hand-written reader
              --no-stubs   generate the capnproto-java classes only: no ring client stubs, server skeletons or \
            error classes
            """;

    private CapnpcJava() {
    }

    /**
     * Runs the program and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(final String[] args) {
        final int status = run(args, System.in, System.err, Path.of("").toAbsolutePath());
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * Runs the program without exiting the JVM.
     *
     * @param args             command-line arguments
     * @param stdin            the request in plugin mode
     * @param err              where messages go
     * @param workingDirectory output directory in plugin mode; base of relative paths otherwise
     * @return the exit status
     */
    public static int run(final String[] args, final InputStream stdin, final PrintStream err,
                          final Path workingDirectory) {
        Path request = null;
        Path out = null;
        boolean bootstrap = false;
        boolean stubs = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--request", "--out" -> {
                    if (i + 1 == args.length) {
                        return usage(err, args[i] + " needs a value");
                    }
                    final Path value = workingDirectory.resolve(args[++i]);
                    if (args[i - 1].equals("--request")) {
                        request = value;
                    } else {
                        out = value;
                    }
                }
                case "--bootstrap" -> bootstrap = true;
                case "--no-stubs" -> stubs = false;
                case "--help", "-h" -> {
                    err.print(USAGE);
                    return EXIT_OK;
                }
                default -> {
                    return usage(err, "unknown argument '" + args[i] + "'");
                }
            }
        }
        if ((request == null) != (out == null)) {
            return usage(err, "--request and --out go together");
        }
        final byte[] bytes;
        try {
            bytes = request == null ? stdin.readAllBytes() : Files.readAllBytes(request);
        } catch (final IOException e) {
            err.println("capnpc-java: cannot read the request: " + e);
            return EXIT_IO;
        }
        final List<GeneratedFile> files;
        try {
            final GeneratorOptions options = stubs ? GeneratorOptions.defaults().withRingStubs()
                    : GeneratorOptions.defaults();
            files = new JavaGenerator(options).generate(RequestReader.read(bytes,
                    bootstrap ? RequestReader.Source.BOOTSTRAP : RequestReader.Source.GENERATED));
        } catch (final SchemaCompileException e) {
            err.println("capnpc-java: " + e.element() + ": " + e.detail());
            return EXIT_REFUSED;
        } catch (final RuntimeException e) {
            err.println("capnpc-java: internal error, no file written: " + e);
            e.printStackTrace(err);
            return EXIT_INTERNAL;
        }
        final Path root = out == null ? workingDirectory : out;
        for (final GeneratedFile file : files) {
            final Path target = root.resolve(file.relativePath());
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            } catch (final IOException e) {
                err.println("capnpc-java: cannot write " + target + ": " + e);
                return EXIT_IO;
            }
        }
        return EXIT_OK;
    }

    private static int usage(final PrintStream err, final String problem) {
        err.println("capnpc-java: " + problem);
        err.print(USAGE);
        return EXIT_USAGE;
    }
}
