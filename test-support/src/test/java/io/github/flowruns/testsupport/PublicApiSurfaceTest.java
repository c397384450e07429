package io.github.flowruns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.testsupport.surface.Leaky;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules every module's pinned surface relies on. */
class PublicApiSurfaceTest {
  /** Leaky.Nested: protected, so named through reflection. */
  static final Class<?> NESTED = Leaky.class.getDeclaredClasses()[0];

  @Test
  void findsInternalTypesInFieldsReturnTypesBoundsAndSupertypes() {
    List<String> leaks = PublicApiSurface.leaks(List.of(Leaky.class, NESTED), Set.of());
    String all = String.join("\n", leaks);
    assertEquals(5, leaks.size(), all);
    assertTrue(all.contains("field"), all);
    assertTrue(all.contains("inReturn()"), all);
    assertTrue(all.contains("inBound("), all);
    assertTrue(all.contains("compareTo("), all);
    assertTrue(all.contains("Leaky$Nested  names"), all); // the supertype
    assertFalse(all.contains("clean("), all);
    assertFalse(all.contains("notApi"), all);
  }

  @Test
  void allowedMethodsMayNameAGeneratedType() {
    List<String> leaks = PublicApiSurface.leaks(List.of(Leaky.class), Set.of("inReturn", "inBound"));
    assertEquals(1, leaks.size(), String.join("\n", leaks));
  }

  @Test
  void internalAndGeneratedPackagesAreNotApi() {
    assertFalse(PublicApiSurface.isApiPackage("io.github.flowruns.internal"));
    assertFalse(PublicApiSurface.isApiPackage("io.github.flowruns.testing.internal"));
    assertFalse(PublicApiSurface.isApiPackage("okhttp3.internal.http"));
    assertFalse(PublicApiSurface.isApiPackage("io.github.flowruns.flowstack.api"));
    assertFalse(PublicApiSurface.isApiPackage("io.github.flowruns.patchworks.invoker.auth"));
    assertTrue(PublicApiSurface.isApiPackage("io.github.flowruns.http"));
    assertTrue(PublicApiSurface.isApiPackage("io.github.flowruns.spi"));
    assertTrue(PublicApiSurface.isApiPackage("okhttp3"));
  }

  @Test
  void rendersSortedSignaturesWithSupertypesAndBounds() {
    String text = PublicApiSurface.render(List.of(Leaky.class, NESTED));
    assertEquals(List.of(
        "io.github.flowruns.testsupport.surface.Leaky$Nested: protected static class"
            + " implements java.lang.Comparable<io.github.flowruns.testsupport.surface.internal.Hidden>",
        "  protected Nested()",
        "  public int compareTo(io.github.flowruns.testsupport.surface.internal.Hidden)",
        "io.github.flowruns.testsupport.surface.Leaky: public class<T extends java.lang.Comparable<T>>",
        "  protected <H extends io.github.flowruns.testsupport.surface.internal.Hidden> void inBound(H)",
        "  public Leaky()",
        "  public io.github.flowruns.testsupport.surface.internal.Hidden field",
        "  public java.util.List<? extends io.github.flowruns.testsupport.surface.internal.Hidden> inReturn()",
        "  public java.util.List<java.lang.String> clean(T)"),
        text.lines().collect(Collectors.toList()));
  }

  @Test
  void diffNamesTheTypeAndEachMemberGoneOrNew() {
    String pinned = "a.A: public class\n  public void x()\n  public void y()\nb.B: public class\n";
    String live = "a.A: public class\n  public void x()\n  public void z()\nc.C: public class\n";
    assertEquals("  a.A: public class\n-   public void y()\n+   public void z()\n"
        + "- b.B: public class\n+ c.C: public class\n", PublicApiSurface.diff(pinned, live));
  }
}
