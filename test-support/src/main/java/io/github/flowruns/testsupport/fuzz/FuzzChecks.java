package io.github.flowruns.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.function.Function;

/**
 * What every fuzz harness asserts: whatever a server answers, the SDK's public call either
 * returns or throws one of the SDK's own exceptions ({@code FlowRunsException} and its
 * subclasses). Anything else (a {@code NullPointerException}, a {@code DateTimeException}, an
 * {@code IllegalArgumentException} caused by the body) escapes as an {@link AssertionError}
 * carrying it as the cause, which Jazzer reports as a finding and saves as a reproducer.
 *
 * <pre>{@code
 * FuzzChecks.onlyThrows(FlowRunsException.class, () -> client.getRun("1"));
 * }</pre>
 */
public final class FuzzChecks {
  /**
   * Pages read of one listing: enough to see paging work, and bounded however many pages a server
   * announces (an empty page that names a next page must not make a harness loop).
   */
  public static final int MAX_PAGES = 5;

  private FuzzChecks() {}

  /** A call under fuzz: may throw anything. */
  @FunctionalInterface
  public interface Call {
    /**
     * Makes the call.
     *
     * @throws Exception whatever the call throws
     */
    void run() throws Exception;
  }

  /**
   * Runs {@code call}; returns if it returns or throws an {@code allowed} exception.
   *
   * @param allowed the SDK's exception root
   * @param call the public call under fuzz
   * @throws AssertionError if it throws anything else (cause: what it threw)
   */
  public static void onlyThrows(Class<? extends Throwable> allowed, Call call) {
    try {
      call.run();
    } catch (Throwable t) {
      if (!allowed.isInstance(t)) {
        throw new AssertionError("a server's answer made the SDK throw " + t.getClass().getName()
            + " instead of a " + allowed.getSimpleName() + ": " + t, t);
      }
      // An allowed exception must also be describable: its text is what a person reads.
      String text = t.toString();
      if (text == null) {
        throw new AssertionError("toString() of " + t.getClass().getName() + " is null");
      }
    }
  }

  /**
   * Reads at most {@link #MAX_PAGES} pages of a lazy listing and renders every item of each, so
   * that the mapping of each item and its {@code toString()} are exercised too.
   *
   * <pre>{@code FuzzChecks.drainPages(client.listRuns(RunQuery.all()).pages(), Page::items);}</pre>
   *
   * @param pages the listing's pages
   * @param items the items of one page
   * @param <P> the page type
   */
  public static <P> void drainPages(Iterable<P> pages,
      Function<? super P, ? extends Iterable<?>> items) {
    Iterator<P> it = pages.iterator();
    for (int i = 0; i < MAX_PAGES && it.hasNext(); i++) {
      P page = it.next();
      String.valueOf(page);
      for (Object item : items.apply(page)) {
        String.valueOf(item);
      }
    }
  }

  /**
   * Splits a fuzz input into an HTTP status and a body: the first byte picks a status from 400 to
   * 599, the rest is the body. A seed file is thus one status byte followed by a readable body
   * ({@code 'd'} is 500, {@code '5'} is 453); see {@link #errorStatusByte(int)}.
   *
   * @param data the fuzz input
   * @return the status
   */
  public static int errorStatus(byte[] data) {
    return data.length == 0 ? 500 : 400 + (data[0] & 0xff) % 200;
  }

  /**
   * The body after the status byte of {@link #errorStatus(byte[])}.
   *
   * @param data the fuzz input
   * @return the body bytes (empty for an empty input)
   */
  public static byte[] errorBody(byte[] data) {
    if (data.length == 0) {
      return data;
    }
    byte[] body = new byte[data.length - 1];
    System.arraycopy(data, 1, body, 0, body.length);
    return body;
  }

  /**
   * The status byte that {@link #errorStatus(byte[])} reads as {@code status}, for seed files.
   *
   * @param status 400 to 599
   * @return the byte
   */
  public static byte errorStatusByte(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status " + status + " is not 400..599");
    }
    return (byte) (status - 400);
  }

  /**
   * A seed: an error status byte followed by a UTF-8 body.
   *
   * @param status 400 to 599
   * @param body the body text
   * @return the seed bytes
   */
  public static byte[] errorSeed(int status, String body) {
    byte[] text = body.getBytes(StandardCharsets.UTF_8);
    byte[] seed = new byte[text.length + 1];
    seed[0] = errorStatusByte(status);
    System.arraycopy(text, 0, seed, 1, text.length);
    return seed;
  }
}
