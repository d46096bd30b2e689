package org.capring.schema.compiler;

/**
 * One generated Java source file.
 *
 * @param relativePath path below the output directory, {@code /}-separated: the package as directories, then
 *                     {@code <OuterClass>.java}
 * @param sourceFile   the schema file it was generated from, as named in the request
 * @param content      the source text (ASCII, {@code \n} line ends)
 */
public record GeneratedFile(String relativePath, String sourceFile, String content) {
}
