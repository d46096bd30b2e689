package org.capring.schema.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * Configuration of a {@link JavaGenerator}. Immutable.
 *
 * @param interfaceEmitters extra per-interface emitters, called in order after the built-in interface members
 *                          (default: none)
 */
public record GeneratorOptions(List<InterfaceEmitter> interfaceEmitters) {

    /** Copies the list. */
    public GeneratorOptions {
        interfaceEmitters = List.copyOf(interfaceEmitters);
    }

    /** @return options with no extra emitters */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(List.of());
    }

    /**
     * @param emitter an emitter to run after the ones already configured
     * @return new options with the emitter appended
     */
    public GeneratorOptions withInterfaceEmitter(final InterfaceEmitter emitter) {
        final List<InterfaceEmitter> emitters = new ArrayList<>(interfaceEmitters);
        emitters.add(emitter);
        return new GeneratorOptions(emitters);
    }
}
