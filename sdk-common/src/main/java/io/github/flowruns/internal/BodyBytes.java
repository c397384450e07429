package io.github.flowruns.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A whole body's bytes, in an array that grows as needed and is reused from body to body through
 * a {@link Spare}: holding a 100 KB list page in okio segments allocated ~0.5 KB a run, since
 * okio's segment pool keeps 64 KiB (FacadeBenchmark, StackAI). Not thread-safe; one body at a
 * time. Not API.
 *
 * <pre>{@code
 * BodyBytes bytes = spare.take();
 * bytes.readAll(body.byteStream());
 * InputStream again = bytes.stream();
 * spare.giveBack(bytes);
 * }</pre>
 */
final class BodyBytes {
  /** The largest array kept for the next body: a few list pages' worth. */
  static final int KEPT = 1024 * 1024;

  private byte[] array = new byte[64 * 1024];
  private int length;

  /**
   * Reads the stream to its end; the client's body size limit bounds it.
   *
   * @param in the body
   * @throws IOException if the body cannot be read to its end
   */
  void readAll(InputStream in) throws IOException {
    length = 0;
    int read;
    while ((read = in.read(array, length, array.length - length)) != -1) {
      length += read;
      if (length == array.length) {
        array = Arrays.copyOf(array, array.length * 2);
      }
    }
  }

  /** @return the number of bytes read */
  int length() {
    return length;
  }

  /** @return the bytes read, from the start */
  InputStream stream() {
    return new ByteArrayInputStream(array, 0, length);
  }

  /** One array no body is using, handed to the next body; a concurrent one makes its own. */
  static final class Spare {
    private final AtomicReference<BodyBytes> spare = new AtomicReference<>();

    /** @return the spare, or a new one if another body holds it */
    BodyBytes take() {
      BodyBytes bytes = spare.getAndSet(null);
      return bytes != null ? bytes : new BodyBytes();
    }

    /**
     * Keeps {@code bytes} for the next body, unless one body made it larger than is worth keeping.
     *
     * @param bytes bytes no longer read
     */
    void giveBack(BodyBytes bytes) {
      if (bytes.array.length <= KEPT) {
        spare.set(bytes);
      }
    }
  }
}
