package io.github.flowruns.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A response body as text, by the rules of OkHttp's {@code ResponseBody.charStream()}: a byte
 * order mark picks the charset (UTF-8, UTF-16BE, UTF-32LE, UTF-16LE, UTF-32BE, tried in OkHttp's
 * order) and is skipped, else the Content-Type's charset, else UTF-8; malformed input reads as
 * U+FFFD, as {@link java.io.InputStreamReader} reads it (the same decoder, same actions). Unlike
 * {@code charStream()}, whose {@code InputStreamReader} allocates an 8 KiB byte buffer per body
 * and a {@code CharBuffer} per read (~0.1 KB a run on a 100-run page, BENCHMARKS.md 8), this
 * reader's buffers are reused from body to body: {@link Transport} keeps one spare. Not
 * thread-safe; one body at a time. Not API.
 *
 * <pre>{@code
 * Reader text = reader.open(body.byteStream(), body.contentType() == null ? null
 *     : body.contentType().charset(StandardCharsets.UTF_8));
 * }</pre>
 */
final class BodyReader extends Reader {
  private static final int SIZE = 8 * 1024;

  private final byte[] byteArray = new byte[SIZE];
  /** Bytes read and not yet decoded, between position and limit. */
  private final ByteBuffer bytes = ByteBuffer.wrap(byteArray);
  /** Chars decoded and not yet read, between position and limit. */
  private final CharBuffer chars = CharBuffer.wrap(new char[SIZE]);
  private Charset charset;
  private CharsetDecoder decoder;
  private InputStream in;
  private boolean eof;
  /** Whether the decoder was told the input ended; then only flushing is left. */
  private boolean ended;
  private boolean flushed;

  /**
   * Starts reading a body.
   *
   * @param body the body's bytes
   * @param declared the Content-Type's charset, or null for UTF-8
   * @return this reader
   * @throws IOException if the body's first bytes cannot be read
   */
  BodyReader open(InputStream body, Charset declared) throws IOException {
    in = body;
    eof = false;
    ended = false;
    flushed = false;
    bytes.clear().flip();
    chars.clear().flip();
    while (bytes.remaining() < 4 && !eof) {
      fill();
    }
    Charset cs = bom();
    if (cs == null) {
      cs = declared != null ? declared : StandardCharsets.UTF_8;
    }
    if (cs.equals(charset)) {
      decoder.reset();
    } else {
      charset = cs;
      decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
    return this;
  }

  /** The charset a byte order mark names, which is then skipped; null without one. */
  private Charset bom() {
    if (starts(0xEF, 0xBB, 0xBF)) {
      return skip(3, StandardCharsets.UTF_8);
    }
    if (starts(0xFE, 0xFF)) {
      return skip(2, StandardCharsets.UTF_16BE);
    }
    if (starts(0xFF, 0xFE, 0x00, 0x00)) {
      return skip(4, Charset.forName("UTF-32LE"));
    }
    if (starts(0xFF, 0xFE)) {
      return skip(2, StandardCharsets.UTF_16LE);
    }
    if (starts(0x00, 0x00, 0xFE, 0xFF)) {
      return skip(4, Charset.forName("UTF-32BE"));
    }
    return null;
  }

  private boolean starts(int... mark) {
    if (bytes.remaining() < mark.length) {
      return false;
    }
    for (int i = 0; i < mark.length; i++) {
      if ((bytes.get(bytes.position() + i) & 0xff) != mark[i]) {
        return false;
      }
    }
    return true;
  }

  private Charset skip(int n, Charset cs) {
    bytes.position(bytes.position() + n);
    return cs;
  }

  /** Reads more bytes behind those not yet decoded; at the end, sets {@link #eof}. */
  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(byteArray, bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public int read(char[] buffer, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !decode()) {
      return -1;
    }
    int n = Math.min(count, chars.remaining());
    chars.get(buffer, offset, n);
    return n;
  }

  /** Decodes the next chars into {@link #chars}; false at the end of the body. */
  private boolean decode() throws IOException {
    chars.clear();
    while (chars.position() == 0 && !flushed) {
      if (!eof) {
        if (decoder.decode(bytes, chars, false).isOverflow()) {
          break;
        }
        if (chars.position() == 0) {
          fill();              // the bytes left are at most a part of one char
        }
      } else {
        // The end: a char cut short reads as U+FFFD, then whatever the decoder still holds.
        if (!ended) {
          if (decoder.decode(bytes, chars, true).isOverflow()) {
            break;
          }
          ended = true;
        }
        if (decoder.flush(chars).isOverflow()) {
          break;
        }
        flushed = true;
      }
    }
    chars.flip();
    return chars.hasRemaining();
  }

  @Override
  public void close() throws IOException {
    InputStream body = in;
    in = null;
    if (body != null) {
      body.close();
    }
  }

  /** Lets go of the body, keeping the buffers for the next one. */
  void release() {
    in = null;
  }
}
