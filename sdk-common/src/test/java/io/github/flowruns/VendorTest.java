package io.github.flowruns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Vendor is a value class now: the constants keep enum-like identity, names and serialization. */
class VendorTest {

  @Test
  void valueOfFindsExactlyTheEnumStyleNameAsAnEnumDid() {
    assertSame(Vendor.FLOWSTACK, Vendor.valueOf("FLOWSTACK"));
    assertSame(Vendor.STACKAI, Vendor.valueOf("STACKAI"));
    assertThrows(IllegalArgumentException.class, () -> Vendor.valueOf("flowstack"));
    assertThrows(IllegalArgumentException.class, () -> Vendor.valueOf("NOPE"));
  }

  @Test
  void constantsKeepTheirEnumNamesAndAreFoundByEveryName() {
    assertEquals("STACKAI", Vendor.STACKAI.name());
    assertEquals("STACKAI", Vendor.STACKAI.toString());
    assertEquals("StackAI", Vendor.STACKAI.displayName());
    assertEquals("sdk-analytics", Vendor.STACKAI.moduleArtifactId());
    for (String n : new String[] {"stackai", "STACKAI", "StackAI", "analytics", "sdk-analytics", " stackai "}) {
      assertSame(Vendor.STACKAI, Vendor.fromName(n), n);
    }
    assertSame(Vendor.FLOWSTACK, Vendor.fromName("sdk-flowstack"));
    assertSame(Vendor.PATCHWORKS, Vendor.fromName("Patchworks"));
    assertSame(Vendor.ACTIVEPIECES, Vendor.fromName("activepieces"));
  }

  @Test
  void ofInternsSoEqualsIsIdentity() {
    Vendor a = Vendor.of("interned-test", "Interned", "sdk-interned");
    assertSame(a, Vendor.of("INTERNED-TEST", "Other", "sdk-other"));
    assertEquals("Interned", a.displayName());
    assertSame(Vendor.FLOWSTACK, Vendor.of("flowstack", "x", "y"));
    assertNotEquals(Vendor.FLOWSTACK, Vendor.ACTIVEPIECES);
    assertEquals(Vendor.FLOWSTACK.hashCode(), Vendor.of("FlowStack", "x", "y").hashCode());
    assertThrows(IllegalArgumentException.class, () -> Vendor.of("has space", "x", "y"));
    assertThrows(IllegalArgumentException.class, () -> Vendor.of(" ", "x", "y"));
  }

  @Test
  void deserializationGivesTheSameInstance() throws Exception {
    assertSame(Vendor.STACKAI, roundTrip(Vendor.STACKAI));
    Vendor made = Vendor.of("serial-test", "Serial", "sdk-serial");
    assertSame(made, roundTrip(made));
  }

  private static Object roundTrip(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
