package io.github.flowruns.testsupport.surface;

import io.github.flowruns.testsupport.surface.internal.Hidden;
import java.util.List;

/** An API type whose signatures name an internal type in every way the check must see. */
public class Leaky<T extends Comparable<T>> {
  /** A field of an internal type. */
  public Hidden field;

  /** Clean: no internal type. */
  public List<String> clean(T value) {
    return List.of();
  }

  /** An internal type as a type argument of the return type. */
  public List<? extends Hidden> inReturn() {
    return List.of();
  }

  /** An internal type as a method type variable's bound. */
  protected <H extends Hidden> void inBound(H h) {}

  /** Private members are not API. */
  private Hidden notApi() {
    return null;
  }

  /** A protected nested type (API too) whose supertype names an internal type. */
  protected static class Nested implements Comparable<Hidden> {
    @Override
    public int compareTo(Hidden o) {
      return 0;
    }
  }
}
