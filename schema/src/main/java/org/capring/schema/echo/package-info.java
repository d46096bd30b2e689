/** The Echo interface ({@code schema/src/main/capnp/echo.capnp}): generated structs, stub and skeleton. */
package org.capring.schema.echo;
