# Test schema of the capring schema compiler: every feature the generator supports, in one file.
# Golden files, the compile-and-run tests and the interop tests against the C++ tools all use it.
@0x8ec41b84de437e82;

using Java = import "/capnp/java.capnp";
using Capring = import "/capnp/capring.capnp";
using Imported = import "imported.capnp";
$Java.package("org.capring.schema.compiler.testschema");
$Java.outerClassname("Features");

enum Color {
  red @0;
  green @1;
  blueish @2;
  darkSlateGray @3;
}

struct Inner {
  x @0 :Int32;
  s @1 :Text;
}

# Every field type, without defaults.
struct AllTypes {
  voidField @0 :Void;
  boolField @1 :Bool;
  int8Field @2 :Int8;
  int16Field @3 :Int16;
  int32Field @4 :Int32;
  int64Field @5 :Int64;
  uint8Field @6 :UInt8;
  uint16Field @7 :UInt16;
  uint32Field @8 :UInt32;
  uint64Field @9 :UInt64;
  float32Field @10 :Float32;
  float64Field @11 :Float64;
  textField @12 :Text;
  dataField @13 :Data;
  structField @14 :AllTypes;
  enumField @15 :Color;
  anyField @16 :AnyPointer;
  importedField @17 :Imported.Point;
  importedEnum @18 :Imported.Direction;

  voidList @19 :List(Void);
  boolList @20 :List(Bool);
  int8List @21 :List(Int8);
  int16List @22 :List(Int16);
  int32List @23 :List(Int32);
  int64List @24 :List(Int64);
  uint8List @25 :List(UInt8);
  uint16List @26 :List(UInt16);
  uint32List @27 :List(UInt32);
  uint64List @28 :List(UInt64);
  float32List @29 :List(Float32);
  float64List @30 :List(Float64);
  textList @31 :List(Text);
  dataList @32 :List(Data);
  structList @33 :List(Inner);
  enumList @34 :List(Color);
  int32ListList @35 :List(List(Int32));
  textListList @36 :List(List(Text));
  structListList @37 :List(List(Inner));
  enumListList @38 :List(List(Color));
  bits @39 :List(Bool);
  anyStruct @40 :AnyStruct;
  anyList @41 :AnyList;
  capability @42 :Capability;
  calc @43 :Calc;
}

# Every field type with a default value; Bools at several bit offsets.
struct Defaults {
  bool0 @0 :Bool = true;
  bool1 @1 :Bool = false;
  bool2 @2 :Bool = true;
  int8Field @3 :Int8 = -123;
  bool3 @4 :Bool = true;
  int16Field @5 :Int16 = -12345;
  int32Field @6 :Int32 = -12345678;
  int64Field @7 :Int64 = -123456789012345;
  uint8Field @8 :UInt8 = 234;
  uint16Field @9 :UInt16 = 45678;
  uint32Field @10 :UInt32 = 3456789012;
  uint64Field @11 :UInt64 = 12345678901234567890;
  float32Field @12 :Float32 = 1234.5;
  float64Field @13 :Float64 = -123e45;
  float32NegZero @14 :Float32 = -0.0;
  float64NegZero @15 :Float64 = -0.0;
  float32Nan @16 :Float32 = nan;
  float64Nan @17 :Float64 = nan;
  float32Inf @18 :Float32 = inf;
  float64NegInf @19 :Float64 = -inf;
  textField @20 :Text = "foo \"bar\"\n\\ bäz";
  dataField @21 :Data = 0x"00 01 fe ff 62 61 72";
  structField @22 :Inner = (x = 5, s = "in");
  enumField @23 :Color = blueish;
  boolList @24 :List(Bool) = [true, false, true, true, false, false, false, false, true];
  int16List @25 :List(Int16) = [1, -2, 3];
  uint64List @26 :List(UInt64) = [0, 18446744073709551615];
  float64List @27 :List(Float64) = [nan, -0.0, inf, 1.5];
  textList @28 :List(Text) = ["a", "", "ccc"];
  dataList @29 :List(Data) = [0x"01", 0x"02 03"];
  structList @30 :List(Inner) = [(x = 1), (x = 2, s = "two")];
  enumList @31 :List(Color) = [red, darkSlateGray];
  int32ListList @32 :List(List(Int32)) = [[1, 2], [], [3]];
  emptyText @33 :Text = "";
  voidList @34 :List(Void) = [void, void];
  bigData @35 :Data = 0x"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
}

# Unions: an unnamed one in the struct, a named one, and one inside a group.
struct Shape {
  area @0 :Float64;
  union {
    circle @1 :Float64;
    square @2 :Float64 = 2.5;
    rectangle :group {
      width @3 :Float64;
      height @4 :Float64 = 1;
    }
    nothing @5 :Void;
    label @6 :Text;
    inner @7 :Inner;
    points @8 :List(Int32);
    color @9 :Color = green;
  }
  style :group {
    thickness @10 :UInt8 = 1;
    kind :union {
      solid @11 :Void;
      dashed @12 :UInt16 = 4;
      dotted :group {
        spacing @13 :Int32 = 3;
        dotColor @14 :Color = blueish;
        note @15 :Text = "dots";
      }
    }
  }
  named :union {
    a @16 :Int32;
    b @17 :Text;
    c @18 :Bool = true;
  }
}

# Nested declarations at several depths.
struct Outer {
  middle @0 :Middle;

  struct Middle {
    leaf @0 :Leaf;
    kind @1 :Kind;

    struct Leaf {
      value @0 :UInt32 = 7;
    }

    enum Kind {
      first @0;
      second @1;
    }

    const limit :UInt32 = 10;
  }

  const greeting :Text = "hello";
}

# Names that need care in Java: a field called "class" (getClass() is final in Object), Java keywords as
# field and enumerant names, and upper-case runs in names.
struct Clashes {
  class @0 :Int32;
  new @1 :Text;
  default @2 :Bool;
  eightBytes @3 :UInt64;
  u0f0s64 @4 :Int64;
  interface :group {
    enum @5 :Int32;
  }
}

enum Keywords {
  class @0;
  public @1;
  selfEmployed @2;
}

# Constants of every kind.
const constVoid :Void = void;
const constBool :Bool = true;
const constInt8 :Int8 = -128;
const constInt16 :Int16 = -32768;
const constInt32 :Int32 = -2147483648;
const constInt64 :Int64 = -9223372036854775808;
const constUint8 :UInt8 = 200;
const constUint16 :UInt16 = 65535;
const constUint32 :UInt32 = 4294967295;
const constUint64 :UInt64 = 18446744073709551615;
const constFloat32 :Float32 = 1.5;
const constFloat64 :Float64 = -2.25e-300;
const constFloat32Nan :Float32 = nan;
const constFloat32NegZero :Float32 = -0.0;
const constFloat64Inf :Float64 = inf;
const constText :Text = "constant text";
const constData :Data = 0x"de ad be ef";
const constEnum :Color = darkSlateGray;
const constStruct :Inner = (x = 42, s = "answer");
const constList :List(Int32) = [1, 1, 2, 3, 5, 8];
const constTextList :List(Text) = ["x", "yz"];
const constStructList :List(Inner) = [(x = 1, s = "one"), (x = 2)];
const constImported :Imported.Point = (x = 3, y = 4);

# An interface: its TYPE_ID, method ordinals and parameter/result structs are generated, and (by default) its
# typed ring client stub, server skeleton and one exception class per declared error.
interface Calc {
  add @0 (a :Int32, b :Int32) -> (sum :Int32) $Capring.idempotent;
  ping @1 () -> ();
  evaluate @2 Inner -> Inner $Capring.idempotent;
  describe @3 (shape :Shape, verbose :Bool = true) -> (text :Text, sizes :List(UInt32));

  struct Nested {
    n @0 :Int8;
  }

  enum Error $Capring.errors {
    overflow @0;
    divisionByZero @1;
  }
}

# Method names that need care in the stub: close (no clash), a method of Object, a member of the client and a
# Java keyword (the last three get "_" appended). No declared errors.
interface ScientificCalc {
  sqrt @0 (x :Float64) -> (y :Float64) $Capring.idempotent;
  close @1 () -> ();
  wait @2 (millis :UInt32) -> ();
  handle @3 () -> (handled :Bool);
  new @4 () -> (calc :UInt32);
}
