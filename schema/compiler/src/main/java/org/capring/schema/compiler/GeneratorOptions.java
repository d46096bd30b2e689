package org.capring.schema.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * Configuration of a {@link JavaGenerator}. Immutable.
 *
 * <p>{@link #defaults()} generates the capnproto-java classes only (upstream capnpc-java's shape);
 * {@link #withRingStubs()} adds what {@code capnpc-java} generates by default: the typed ring client stub and
 * server skeleton of every interface ({@link RingStubEmitter}) and the checks of the {@code /capnp/capring.capnp}
 * annotations they read.
 *
 * {@snippet :
 * JavaGenerator generator = new JavaGenerator(GeneratorOptions.defaults().withRingStubs());
 * }
 *
 * @param interfaceEmitters extra per-interface emitters, called in order after the built-in interface members
 *                          (default: none)
 * @param requestChecks     whole-request checks, run in order before any file is generated (default: none)
 */
public record GeneratorOptions(List<InterfaceEmitter> interfaceEmitters, List<RequestCheck> requestChecks) {

    /** Copies the lists. */
    public GeneratorOptions {
        interfaceEmitters = List.copyOf(interfaceEmitters);
        requestChecks = List.copyOf(requestChecks);
    }

    /** @return options with no extra emitters and no checks: capnproto-java classes only */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(List.of(), List.of());
    }

    /**
     * @param emitter an emitter to run after the ones already configured
     * @return new options with the emitter appended
     */
    public GeneratorOptions withInterfaceEmitter(final InterfaceEmitter emitter) {
        final List<InterfaceEmitter> emitters = new ArrayList<>(interfaceEmitters);
        emitters.add(emitter);
        return new GeneratorOptions(emitters, requestChecks);
    }

    /**
     * @param check a check to run after the ones already configured
     * @return new options with the check appended
     */
    public GeneratorOptions withRequestCheck(final RequestCheck check) {
        final List<RequestCheck> checks = new ArrayList<>(requestChecks);
        checks.add(check);
        return new GeneratorOptions(interfaceEmitters, checks);
    }

    /**
     * @return new options that also generate each interface's typed ring client stub and server skeleton
     *     ({@link RingStubEmitter}) and check where the {@code /capnp/capring.capnp} annotations are applied
     */
    public GeneratorOptions withRingStubs() {
        return withRequestCheck(CapringAnnotations::checkPlacement).withInterfaceEmitter(new RingStubEmitter());
    }
}
