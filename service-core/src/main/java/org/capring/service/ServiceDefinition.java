package org.capring.service;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A service as it is added to a {@link ServiceHost}: its name (for logs, metrics and events only, never for lookup),
 * what it exports, its first instance, its call phases and its configuration. Immutable.
 *
 * {@snippet :
 * ServiceDefinition<KeyValue.Client> kv = ServiceDefinition.of("kv", KV_EXPORT, new KvInstance())
 *     .withPhases(Phases.none().withLog(summary -> audit(summary)))
 *     .withConfig(ServiceConfig.defaults().withDrainGrace(Duration.ofSeconds(2)));
 * }
 *
 * @param name     letters, digits, {@code _ . -}; unique within its host
 * @param export   what the service exports
 * @param instance the first instance
 * @param phases   the phases of its calls (default {@link Phases#none()})
 * @param config   its configuration (default {@link ServiceConfig#defaults()})
 * @param <T>      the typed stub its holders call through
 */
public record ServiceDefinition<T>(String name, Export<T> export, ServiceInstance instance, Phases phases,
                                   ServiceConfig config) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the name is empty, too long or has other characters than letters, digits,
     *                                  {@code _ . -}
     */
    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(phases, "phases");
        Objects.requireNonNull(config, "config");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a service name is 1-64 letters, digits, _ . or -: '" + name + "'");
        }
    }

    /**
     * @param name     the service's name
     * @param export   what it exports
     * @param instance its first instance
     * @param <T>      the stub type
     * @return the definition, with no phases and the default configuration
     */
    public static <T> ServiceDefinition<T> of(final String name, final Export<T> export,
                                              final ServiceInstance instance) {
        return new ServiceDefinition<>(name, export, instance, Phases.none(), ServiceConfig.defaults());
    }

    /**
     * @param callPhases the phases
     * @return a copy with them
     */
    public ServiceDefinition<T> withPhases(final Phases callPhases) {
        return new ServiceDefinition<>(name, export, instance, callPhases, config);
    }

    /**
     * @param serviceConfig the configuration
     * @return a copy with it
     */
    public ServiceDefinition<T> withConfig(final ServiceConfig serviceConfig) {
        return new ServiceDefinition<>(name, export, instance, phases, serviceConfig);
    }
}
