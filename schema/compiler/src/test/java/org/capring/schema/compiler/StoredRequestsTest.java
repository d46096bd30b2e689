package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored requests under {@code src/test/resources/requests} are what {@code capnp compile -o-} produces from
 * the schema files today (so the golden tests do not need {@code capnp}, yet cannot drift from the schemas).
 * With {@code -Dcapring.golden.regenerate=true} they are rewritten. Needs {@code capnp}; skipped without it.
 */
final class StoredRequestsTest {

    static Stream<Arguments> requests() {
        final String include = "-I" + TestSupport.JAVA_CAPNP_ROOT;
        return Stream.of(
                Arguments.of("features.req", List.of(include, "--src-prefix=src/test/capnp", "-o-",
                        "src/test/capnp/features.capnp", "src/test/capnp/imported.capnp")),
                Arguments.of("x.req", List.of(include, "--src-prefix=src/test/capnp", "-o-", "src/test/capnp/x.capnp")),
                Arguments.of("generics.req", List.of(include, "--src-prefix=src/test/capnp", "-o-",
                        "src/test/capnp/generics.capnp")),
                Arguments.of("schema-java.req", List.of(include, "--src-prefix=src/main/capnp", "-o-",
                        "src/main/capnp/schema.capnp")),
                Arguments.of("schema.req", List.of("-o-", "/usr/include/capnp/schema.capnp")),
                Arguments.of("rpc.req", List.of("-o-", "/usr/include/capnp/rpc.capnp")));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void storedRequest_capnpCompile_producesSameBytes(final String name, final List<String> arguments)
            throws IOException {
        TestSupport.assumeCapnp();
        assumeTrue(Files.exists(Path.of("/usr/include/capnp/c++.capnp")), "capnp's standard schemas "
                + "(/usr/include/capnp/*.capnp, Debian package libcapnp-dev) are not installed");
        final String[] args = Stream.concat(Stream.of("compile"), arguments.stream()).toArray(String[]::new);

        final byte[] fresh = TestSupport.capnp(new byte[0], args).stdout();

        final Path stored = TestSupport.REQUESTS.resolve(name);
        if (TestSupport.REGENERATE) {
            Files.write(stored, fresh);
        } else {
            assertArrayEquals(Files.readAllBytes(stored), fresh, name + " is stale; run the tests with "
                    + "-Dcapring.golden.regenerate=true to rewrite it");
        }
    }
}
