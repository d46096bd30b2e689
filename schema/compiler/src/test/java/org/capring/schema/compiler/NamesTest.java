package org.capring.schema.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Naming rules, the writer, and the string literals that carry segment bytes. */
final class NamesTest {

    @ParameterizedTest
    @CsvSource({"selfEmployed,SELF_EMPLOYED", "eightBytes,EIGHT_BYTES", "u0f0s64,U0F0S64", "red,RED",
        "darkSlateGray,DARK_SLATE_GRAY", "a,A", "Name,NAME"})
    void upperSnake_camelCase_followsUpstreamRule(final String name, final String expected) {
        assertEquals(expected, Names.upperSnake(name));
    }

    @Test
    void accessorBase_fieldNamedClass_isEscapedOthersTitleCased() {
        assertEquals("Class_", Names.accessorBase("class"));
        assertEquals("Classes", Names.accessorBase("classes"));
        assertEquals("New", Names.accessorBase("new"));
        assertEquals("U0f0s64", Names.accessorBase("u0f0s64"));
    }

    @Test
    void isIdentifier_keywordsAndNonAscii_areRejected() {
        assertTrue(Names.isIdentifier("Foo_1"));
        assertFalse(Names.isIdentifier("class"));
        assertFalse(Names.isIdentifier("var"));
        assertFalse(Names.isIdentifier("_"));
        assertFalse(Names.isIdentifier("1a"));
        assertFalse(Names.isIdentifier("caf\u00e9"));
        assertFalse(Names.isIdentifier(""));
        assertTrue(Names.isWord("class"), "field names only appear inside longer identifiers");
    }

    @Test
    void isMethodName_restrictedIdentifiersAreLegal_keywordsAreNot() {
        for (final String legal : new String[] {"open", "record", "var", "module", "with", "when", "get"}) {
            assertTrue(Names.isMethodName(legal), legal);
        }
        for (final String reserved : new String[] {"new", "class", "yield", "_", "true", "goto", "a-b", ""}) {
            assertFalse(Names.isMethodName(reserved), reserved);
        }
    }

    @ParameterizedTest
    @CsvSource({"get,get", "close,close", "open,open", "record,record", "new,new_", "yield,yield_",
        "wait,wait_", "toString,toString_", "getClass,getClass_", "hashCode,hashCode_", "handle,handle_",
        "ringClient,ringClient_"})
    void javaMethodName_keywordsObjectAndClientMembers_getTheEscape(final String schema, final String java) {
        assertEquals(java, RingStubEmitter.javaMethodName(schema));
    }

    @Test
    void quote_everyByteValue_roundTripsThroughJavaStringEscapes() {
        final byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }

        final String literal = FileEmitter.quote(bytes, 0, bytes.length);

        assertTrue(literal.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "ASCII-only source");
        assertFalse(literal.contains("\\u"), "no unicode escapes (javac would decode them before lexing)");
        final StringBuilder decoded = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            final char c = literal.charAt(i);
            if (c == '\\') {
                decoded.append((char) Integer.parseInt(literal.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                decoded.append(c);
            }
        }
        assertEquals(256, decoded.length());
        for (int i = 0; i < 256; i++) {
            assertEquals(i, decoded.charAt(i));
        }
    }

    @Test
    void javaWriter_blocksAndBlankLines_areIndentedAndCollapsed() {
        final JavaWriter out = new JavaWriter();
        out.blank();
        out.open("class A {");
        out.line("int x;");
        out.blank().blank();
        out.line("int y;");
        out.blank();
        out.close("}");

        assertEquals("class A {\n    int x;\n\n    int y;\n}\n", out.toString());
        assertEquals(0, out.depth());
        assertThrows(IllegalStateException.class, () -> out.close("}"));
    }
}
