package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

/**
 * {@link BodyReader} reads every body as OkHttp's {@code ResponseBody.charStream()} does: random
 * bytes (ASCII, valid and malformed UTF-8, surrogate pairs, chars cut at buffer ends, every byte
 * order mark, other charsets declared), arriving in random slices and read in random amounts, with
 * one reader reused from body to body.
 */
class BodyReaderTest {
  private static final byte[][] MARKS = {
    {}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF},
    {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xFF, (byte) 0xFE, 0, 0}, {0, 0, (byte) 0xFE, (byte) 0xFF},
    {(byte) 0xEF, (byte) 0xBB}};
  private static final String[] TYPES = {
    null, "application/json", "application/json; charset=utf-8", "application/json; charset=iso-8859-1",
    "application/json; charset=utf-16le", "application/json; charset=no-such-charset"};

  @Test
  void readsEveryBodyAsCharStreamDoes() throws IOException {
    Random random = new Random(8);
    BodyReader reader = new BodyReader();
    for (int i = 0; i < 3000; i++) {
      byte[] body = body(random);
      String type = TYPES[random.nextInt(TYPES.length)];
      MediaType mediaType = type == null ? null : MediaType.get(type);
      String expected = readAll(ResponseBody.create(body, mediaType).charStream(), new Random(i));
      Charset declared = mediaType == null ? null : mediaType.charset(StandardCharsets.UTF_8);

      String actual = readAll(reader.open(new Slices(body, random), declared), random);
      reader.release();

      assertEquals(expected, actual, () -> "type " + type + ", " + body.length + " bytes");
    }
  }

  @Test
  void anEmptyBodyReadsAsNoText() throws IOException {
    assertEquals(-1, new BodyReader().open(new ByteArrayInputStream(new byte[0]), null)
        .read(new char[10], 0, 10));
  }

  private static byte[] body(Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] mark = MARKS[r.nextInt(MARKS.length)];
    out.write(mark, 0, mark.length);
    int length = r.nextInt(4) == 0 ? r.nextInt(40_000) : r.nextInt(300);
    while (out.size() < length) {
      switch (r.nextInt(6)) {
        case 0:
          out.writeBytes("caf\u00e9 \u65e5\u672c".getBytes(StandardCharsets.UTF_8));
          break;
        case 1:
          out.writeBytes("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
          break;
        case 2:
          out.write(r.nextInt(256));                       // anything, malformed UTF-8 included
          break;
        default:
          out.writeBytes("{\"id\":\"r-1\",\"n\":12}".getBytes(StandardCharsets.US_ASCII));
      }
    }
    return out.toByteArray();
  }

  private static String readAll(Reader reader, Random r) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[1 + r.nextInt(3000)];
    int n;
    while ((n = reader.read(buffer, 0, 1 + r.nextInt(buffer.length))) != -1) {
      text.append(buffer, 0, n);
    }
    return text.toString();
  }

  /** A stream that hands out its bytes a random few at a time, as a socket may. */
  private static final class Slices extends InputStream {
    private final byte[] bytes;
    private final Random random;
    private int at;

    Slices(byte[] bytes, Random random) {
      this.bytes = bytes;
      this.random = random;
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, bytes.length - at), 1 + random.nextInt(random.nextBoolean() ? 5 : 20_000));
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }
  }
}
