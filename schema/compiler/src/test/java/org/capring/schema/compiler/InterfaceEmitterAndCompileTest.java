package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.capnproto.Data;
import org.capnproto.MessageBuilder;
import org.capnproto.StructFactory;
import org.capring.schema.compiler.schema.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-interface emitter seam, and generated code compiled in-test with {@code javax.tools} under the module's
 * lint flags: here with the ring stubs and another emitter's output together, and with defaults and constants far
 * larger than one class-file string constant can hold.
 */
final class InterfaceEmitterAndCompileTest {

    private static final String FILE = "features.capnp";
    private static final String PACKAGE = "org.capring.schema.compiler.compiled";

    @TempDir
    Path temp;

    /** features.req with its package moved (so the compiled copy cannot collide with the committed one). */
    private static byte[] relocatedFeatures(final byte[] bigData, final String bigText) {
        final MessageBuilder message = new MessageBuilder();
        message.setRoot(Schema.CodeGeneratorRequest.factory,
                TestSupport.read(TestSupport.request("features.req")).getRoot(Schema.CodeGeneratorRequest.factory));
        for (final Schema.Node.Builder node : message.getRoot(Schema.CodeGeneratorRequest.factory).getNodes()) {
            final String name = node.getDisplayName().toString();
            if (name.equals(FILE)) {
                for (final Schema.Annotation.Builder annotation : node.getAnnotations()) {
                    if (annotation.getId() == RequestIndex.PACKAGE_ANNOTATION) {
                        annotation.getValue().setText(PACKAGE);
                    }
                }
            } else if (name.equals(FILE + ":Defaults")) {
                for (final Schema.Field.Builder field : node.getStruct().getFields()) {
                    if (field.getName().toString().equals("bigData")) {
                        field.getSlot().getDefaultValue().setData(bigData);
                    }
                }
            } else if (name.equals(FILE + ":constText")) {
                node.getConst().getValue().setText(bigText);
            }
        }
        return TestSupport.serialize(message);
    }

    private static final InterfaceEmitter METHOD_COUNT = (context, out) -> {
        context.claimField("METHOD_COUNT");
        context.claimMethod("describe", "");
        out.line("public static final int METHOD_COUNT = " + context.methods().size() + ";");
        out.blank();
        out.open("public static java.lang.String describe() {");
        final StringBuilder text = new StringBuilder(Long.toHexString(context.typeId()));
        for (final InterfaceContext.Method method : context.methods()) {
            text.append(' ').append(method.ordinal()).append(':').append(method.name()).append('(')
                    .append(method.paramJavaReference()).append(")->").append(method.resultJavaReference());
        }
        out.line("return \"" + text + "\";");
        out.close("}");
    };

    @Test
    void emitter_addsMembersToEveryInterfaceClass_withMethodsAndStructReferences() {
        final List<InterfaceContext> seen = new ArrayList<>();
        final InterfaceEmitter recorder = (context, out) -> {
            seen.add(context);
            out.line("// emitted for " + context.displayName());
        };

        final List<GeneratedFile> files = new JavaGenerator(GeneratorOptions.defaults()
                .withInterfaceEmitter(recorder)).generate(TestSupport.request("features.req"));

        assertEquals(List.of(FILE + ":Calc", FILE + ":ScientificCalc"),
                seen.stream().map(InterfaceContext::displayName).toList());
        final InterfaceContext calc = seen.getFirst();
        assertEquals("Features.Calc", calc.javaReference());
        assertEquals("org.capring.schema.compiler.testschema", calc.javaPackage());
        assertEquals(List.of("add", "ping", "evaluate", "describe"),
                calc.methods().stream().map(InterfaceContext.Method::name).toList());
        assertEquals(List.of("METHOD_ADD", "METHOD_PING", "METHOD_EVALUATE", "METHOD_DESCRIBE"),
                calc.methods().stream().map(InterfaceContext.Method::constantName).toList());
        assertEquals("Features.Calc.AddParams", calc.methods().get(0).paramJavaReference());
        assertEquals("Features.Calc.AddResults", calc.methods().get(0).resultJavaReference());
        assertEquals("Features.Inner", calc.methods().get(2).paramJavaReference(), "named struct as params");
        assertEquals(List.of(), seen.get(1).superclassIds());
        assertTrue(files.getFirst().content().contains("        // emitted for features.capnp:Calc\n"));
    }

    @Test
    void emitter_interfaceThatExtendsAnother_seesSuperclassIdsAndNodes() {
        final MessageBuilder message = new MessageBuilder();
        message.setRoot(Schema.CodeGeneratorRequest.factory,
                TestSupport.read(TestSupport.request("features.req")).getRoot(Schema.CodeGeneratorRequest.factory));
        long calcId = 0;
        Schema.Node.Builder scientific = null;
        for (final Schema.Node.Builder node : message.getRoot(Schema.CodeGeneratorRequest.factory).getNodes()) {
            if (node.getDisplayName().toString().equals(FILE + ":Calc")) {
                calcId = node.getId();
            } else if (node.getDisplayName().toString().equals(FILE + ":ScientificCalc")) {
                scientific = node;
            }
        }
        scientific.getInterface().initSuperclasses(1).get(0).setId(calcId);
        final List<InterfaceContext> seen = new ArrayList<>();

        new JavaGenerator(GeneratorOptions.defaults().withInterfaceEmitter((context, out) -> seen.add(context)))
                .generate(TestSupport.serialize(message));

        assertEquals(List.of(calcId), seen.get(1).superclassIds());
        assertEquals(FILE + ":Calc", seen.get(1).findNode(calcId).orElseThrow().displayName());
        assertTrue(seen.get(1).findNode(0x1234L).isEmpty());
    }

    @Test
    void emitter_claimingAGeneratedName_isRefusedAsNameClash() {
        final InterfaceEmitter clashing = (context, out) -> context.claimField("TYPE_ID");

        final SchemaCompileException e = assertThrows(SchemaCompileException.class,
                () -> new JavaGenerator(GeneratorOptions.defaults().withInterfaceEmitter(clashing))
                        .generate(TestSupport.request("features.req")));

        assertEquals(SchemaCompileException.Reason.NAME_CLASH, e.reason());
        assertEquals(FILE + ":Calc", e.element());
    }

    @Test
    void emitter_claimingAStubName_afterRingStubs_isRefusedAsNameClash() {
        final InterfaceEmitter clashing = (context, out) -> context.claimNestedType("Client");

        final SchemaCompileException e = assertThrows(SchemaCompileException.class,
                () -> new JavaGenerator(GeneratorOptions.defaults().withRingStubs().withInterfaceEmitter(clashing))
                        .generate(TestSupport.request("features.req")));

        assertEquals(SchemaCompileException.Reason.NAME_CLASH, e.reason());
    }

    @Test
    void emitter_membersOfANestedClass_areClaimedToo() {
        final InterfaceEmitter nested = (context, out) -> {
            final InterfaceContext.Members helper = context.claimNestedClass("Helper");
            helper.claimMethod("run", "");
            helper.withElement(context.displayName() + ".add").claimMethod("run", "");
        };

        final SchemaCompileException e = assertThrows(SchemaCompileException.class,
                () -> new JavaGenerator(GeneratorOptions.defaults().withInterfaceEmitter(nested))
                        .generate(TestSupport.request("features.req")));

        assertEquals(SchemaCompileException.Reason.NAME_CLASH, e.reason());
        assertEquals(FILE + ":Calc.add", e.element());
        assertTrue(e.detail().contains("Features.Calc.Helper"), e.detail());
    }

    @Test
    void generatedCode_withEmitterAndLargeValues_compilesCleanAndReadsBack() throws Exception {
        final byte[] bigData = new byte[150_000];
        for (int i = 0; i < bigData.length; i++) {
            bigData[i] = (byte) (i * 31 + (i >> 8));
        }
        final String bigText = "\u00e4\"\\\n".repeat(20_000) + "end";
        final List<GeneratedFile> files = new JavaGenerator(GeneratorOptions.defaults().withRingStubs()
                .withInterfaceEmitter(METHOD_COUNT)).generate(relocatedFeatures(bigData, bigText));

        final Path sources = temp.resolve("src");
        final List<Path> paths = new ArrayList<>();
        for (final GeneratedFile file : files) {
            final Path path = sources.resolve(file.relativePath());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.content(), StandardCharsets.UTF_8);
            paths.add(path);
        }
        final Path classes = Files.createDirectories(temp.resolve("classes"));
        compile(paths, classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            final Class<?> calc = loader.loadClass(PACKAGE + ".Features$Calc");
            assertEquals(4, calc.getField("METHOD_COUNT").getInt(null));
            assertTrue(((String) calc.getMethod("describe").invoke(null))
                    .contains("0:add(Features.Calc.AddParams)->Features.Calc.AddResults"));
            final Class<?> outer = loader.loadClass(PACKAGE + ".Features");
            assertEquals(bigText, outer.getField("CONST_TEXT").get(null).toString());

            final Class<?> defaults = loader.loadClass(PACKAGE + ".Features$Defaults");
            final StructFactory<?, ?> factory = (StructFactory<?, ?>) defaults.getField("factory").get(null);
            final Object builder = new MessageBuilder().initRoot(factory);
            final Object reader = builder.getClass().getMethod("asReader").invoke(builder);
            final Method getBigData = reader.getClass().getMethod("getBigData");
            assertArrayEquals(bigData, ((Data.Reader) getBigData.invoke(reader)).toArray());
        }
    }

    private static void compile(final List<Path> sources, final Path classes) throws IOException {
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            final List<String> options = List.of("-Xlint:all", "-Werror", "-proc:none", "--release", "25",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            final boolean ok = javac.getTask(diagnostics, files, null, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, "generated code does not compile cleanly:\n" + diagnostics);
        }
    }
}
