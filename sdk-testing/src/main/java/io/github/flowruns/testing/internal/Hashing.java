package io.github.flowruns.testing.internal;

/**
 * Pure functions from (seed, serial, salt) to pseudo-random values, and the reversible id codec.
 * Every seeded run is computed from these on demand, so nothing per run needs to be stored.
 */
public final class Hashing {
  private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final long MASK48 = (1L << 48) - 1;
  private static final long MULT = 0x5DEECE66DL | 1L; // odd, so invertible modulo 2^48
  private static final long MULT_INV = inverse(MULT);

  private Hashing() {}

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public static long hash(long seed, long serial, int salt) {
    return mix(seed * 0x9E3779B97F4A7C15L + serial * 0xD1B54A32D192ED03L + salt * 0x8CB92BA72F3D8DD7L + 0x632BE59BD9B4E019L);
  }

  /** A double in [0, 1). */
  public static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** An int in [0, n). */
  public static int below(long h, int n) {
    return (int) ((h >>> 1) % n);
  }

  /** Picks an index with the given weights. */
  public static int weighted(long h, int[] weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = below(h, total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** {@code len} characters of [0-9A-Za-z] drawn from {@code h}. */
  public static String alnum(long h, int len) {
    StringBuilder sb = new StringBuilder(len);
    long x = h;
    for (int i = 0; i < len; i++) {
      if (i % 8 == 0) x = mix(x + i);
      sb.append(ALNUM.charAt((int) ((x >>> 1) % 62)));
      x = x >>> 6 | x << 58;
    }
    return sb.toString();
  }

  public static String hex(long h, int len) {
    StringBuilder sb = new StringBuilder(len);
    long x = h;
    for (int i = 0; i < len; i++) {
      if (i % 16 == 0) x = mix(x + i);
      sb.append(Character.forDigit((int) (x & 15), 16));
      x >>>= 4;
    }
    return sb.toString();
  }

  /** A random-looking but reversible 48-bit image of {@code serial} under {@code seed}. */
  public static long permute(long seed, long serial) {
    return ((serial & MASK48) * MULT + (mix(seed) & MASK48)) & MASK48;
  }

  public static long unpermute(long seed, long value) {
    return ((value - (mix(seed) & MASK48)) * MULT_INV) & MASK48;
  }

  /** Nine base-62 characters for a 48-bit value. */
  public static String base62(long value, int width) {
    char[] out = new char[width];
    long v = value;
    for (int i = width - 1; i >= 0; i--) {
      out[i] = ALNUM.charAt((int) (v % 62));
      v /= 62;
    }
    return new String(out);
  }

  /** Reads {@link #base62}; -1 when {@code s} is not base 62. */
  public static long parseBase62(String s) {
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = ALNUM.indexOf(s.charAt(i));
      if (d < 0) return -1;
      v = v * 62 + d;
      if (v < 0) return -1;
    }
    return v;
  }

  private static long inverse(long a) {
    long x = a; // Newton iteration: each step doubles the correct low bits
    for (int i = 0; i < 6; i++) x *= 2 - a * x;
    return x & MASK48;
  }
}
