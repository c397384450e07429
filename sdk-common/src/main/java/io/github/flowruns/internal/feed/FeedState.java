package io.github.flowruns.internal.feed;

import io.github.flowruns.RunStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * What a feed remembers between polls, and its checkpoint form. Mutable; the engine works on a
 * {@link #copy()} and keeps it only once a sweep has fully succeeded, so a poll that throws
 * changes nothing. Not API.
 *
 * <p>Checkpoint: {@code "rf1." + base64url(deflate(binary))}. The binary form holds the vendor's
 * name, 16 bytes of SHA-256 over the query, {@code since}, the watermark and one record per
 * remembered run (its key, observed and reported status, a 32-bit hash of its finish time, and two
 * times as deltas). No credential, no URL, no run data besides ids and statuses.
 */
final class FeedState {
  static final String PREFIX = "rf";
  static final int VERSION = 1;
  /** Ids longer than this are remembered by their hash (and so cannot be followed by getRun). */
  static final int MAX_ID_CHARS = 200;
  /** A checkpoint that inflates to more than this is not one of ours. */
  static final int MAX_INFLATED_BYTES = 8 << 20;
  /** Entries a checkpoint may hold; more means it is not one of ours. */
  static final int MAX_ENTRIES = 1 << 16;
  static final long NONE = Long.MIN_VALUE;

  /** The stable wire codes of the statuses: never reorder, only append. */
  private static final RunStatus[] CODES = {
      RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.SUCCEEDED,
      RunStatus.PARTIALLY_SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.TIMED_OUT,
      RunStatus.UNKNOWN};

  /** One remembered run. */
  static final class Entry {
    /** The run id, or null when the id was too long and {@code key} is its hash. */
    String id;
    /** The status the feed last observed. */
    RunStatus observed;
    /** Hash of the finish time observed with a terminal status (0 otherwise). */
    int finishHash;
    /** The status last reported to the consumer; null before the first report. */
    RunStatus reported;
    /** Where the run sits in time for the window: the earliest start time observed (epoch ms). */
    long timeMs;
    /** When the feed first saw it, on the vendor's clock (epoch ms). */
    long firstSeenMs;

    Entry copy() {
      Entry e = new Entry();
      e.id = id;
      e.observed = observed;
      e.finishHash = finishHash;
      e.reported = reported;
      e.timeMs = timeMs;
      e.firstSeenMs = firstSeenMs;
      return e;
    }
  }

  /** Where a new feed starts (epoch ms); {@link #NONE} until the first poll learns it. */
  long sinceMs = NONE;
  /** The vendor's time at the last successful sweep's start (epoch ms); {@link #NONE} before. */
  long watermarkMs = NONE;
  /** Remembered runs by key (the id, or {@code #} and a hash of a long id); insertion ordered. */
  final Map<String, Entry> entries = new LinkedHashMap<>();

  FeedState copy() {
    FeedState s = new FeedState();
    s.sinceMs = sinceMs;
    s.watermarkMs = watermarkMs;
    entries.forEach((k, v) -> s.entries.put(k, v.copy()));
    return s;
  }

  static String keyOf(String runId) {
    return runId.length() <= MAX_ID_CHARS ? runId : "#" + hex(sha256(runId), 16);
  }

  static int finishHash(java.time.Instant finishedAt) {
    return finishedAt == null ? 0 : finishedAt.toString().hashCode() | 1;
  }

  /** 16 bytes of SHA-256 of a canonical text, as in the checkpoint. */
  static byte[] fingerprint(String canonical) {
    return Arrays.copyOf(sha256(canonical), 16);
  }

  String encode(String vendor, byte[] fingerprint) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + entries.size() * 32);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
      out.writeUTF(vendor);
      out.write(fingerprint);
      out.writeLong(sinceMs);
      out.writeLong(watermarkMs);
      writeVarint(out, entries.size());
      long base = watermarkMs == NONE ? 0 : watermarkMs;
      for (Map.Entry<String, Entry> m : entries.entrySet()) {
        Entry e = m.getValue();
        out.writeUTF(m.getKey());
        out.writeByte(code(e.observed) | (e.id == null ? 0x80 : 0));
        out.writeByte(e.reported == null ? 0xff : code(e.reported));
        out.writeInt(e.finishHash);
        writeVarint(out, zigzag(e.timeMs - base));
        writeVarint(out, zigzag(e.firstSeenMs - base));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return PREFIX + VERSION + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(bytes.toByteArray());
  }

  /**
   * Reads a checkpoint.
   *
   * @throws IllegalArgumentException if it is not a checkpoint of this SDK, of a later version, of
   *     another vendor or of another query
   */
  static FeedState decode(String checkpoint, String vendor, byte[] fingerprint) {
    int dot = checkpoint.indexOf('.');
    if (!checkpoint.startsWith(PREFIX) || dot < 0) {
      throw notOurs("it is not a feed checkpoint of this SDK", null);
    }
    int version;
    try {
      version = Integer.parseInt(checkpoint.substring(PREFIX.length(), dot));
    } catch (NumberFormatException e) {
      throw notOurs("it is not a feed checkpoint of this SDK", e);
    }
    if (version != VERSION) {
      throw notOurs("it is of format version " + version + "; this SDK reads version " + VERSION
          + " (written by a newer SDK?)", null);
    }
    byte[] deflated;
    try {
      deflated = Base64.getUrlDecoder().decode(checkpoint.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw notOurs("it is corrupt (not base64url)", e);
    }
    Inflater inflater = new Inflater();
    try (DataInputStream in = new DataInputStream(new Bounded(
        new InflaterInputStream(new ByteArrayInputStream(deflated), inflater)))) {
      String storedVendor = in.readUTF();
      if (!storedVendor.equals(vendor)) {
        throw notOurs("it belongs to a feed of another vendor (" + clip(storedVendor) + ", not "
            + vendor + ")", null);
      }
      byte[] fp = new byte[16];
      in.readFully(fp);
      if (!Arrays.equals(fp, fingerprint)) {
        throw notOurs("it belongs to a feed of another query (the filters differ)", null);
      }
      FeedState s = new FeedState();
      s.sinceMs = in.readLong();
      s.watermarkMs = in.readLong();
      long n = readVarint(in);
      if (n < 0 || n > MAX_ENTRIES || s.sinceMs == NONE && (s.watermarkMs != NONE || n > 0)) {
        throw notOurs("it is corrupt", null);
      }
      long base = s.watermarkMs == NONE ? 0 : s.watermarkMs;
      for (long i = 0; i < n; i++) {
        String key = in.readUTF();
        int flags = in.readUnsignedByte();
        int reported = in.readUnsignedByte();
        Entry e = new Entry();
        boolean hashed = (flags & 0x80) != 0;
        e.id = hashed ? null : key;
        e.observed = status(flags & 0x7f);
        e.reported = reported == 0xff ? null : status(reported);
        e.finishHash = in.readInt();
        e.timeMs = base + unzigzag(readVarint(in));
        e.firstSeenMs = base + unzigzag(readVarint(in));
        if (key.isEmpty() || hashed != key.startsWith("#") || !hashed && key.length() > MAX_ID_CHARS
            || s.entries.put(key, e) != null) {
          throw notOurs("it is corrupt", null);
        }
      }
      if (in.read() != -1) {
        throw notOurs("it is corrupt (trailing bytes)", null);
      }
      return s;
    } catch (EOFException e) {
      throw notOurs("it is corrupt (truncated)", e);
    } catch (IOException e) {
      throw notOurs("it is corrupt", e);
    } finally {
      inflater.end();
    }
  }

  private static IllegalArgumentException notOurs(String why, Exception cause) {
    return new IllegalArgumentException("Cannot resume a run feed from this checkpoint: " + why
        + ". Start a new feed (without a checkpoint) or pass the checkpoint of this feed.", cause);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static int code(RunStatus s) {
    for (int i = 0; i < CODES.length; i++) {
      if (CODES[i] == s) {
        return i;
      }
    }
    throw new IllegalStateException("no checkpoint code for " + s);
  }

  private static RunStatus status(int code) throws IOException {
    if (code >= CODES.length) {
      throw new IOException("status code " + code);
    }
    return CODES[code];
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static void writeVarint(DataOutputStream out, long v) throws IOException {
    while ((v & ~0x7fL) != 0) {
      out.writeByte((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarint(DataInputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("varint too long");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static String hex(byte[] b, int n) {
    StringBuilder s = new StringBuilder(n * 2);
    for (int i = 0; i < n; i++) {
      s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
    }
    return s.toString();
  }

  /** Refuses to inflate past {@link #MAX_INFLATED_BYTES}: a small hostile checkpoint is no bomb. */
  private static final class Bounded extends java.io.FilterInputStream {
    private long read;

    Bounded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n;
      try {
        n = super.read(buf, off, len);
      } catch (java.util.zip.ZipException e) {
        throw new IOException("not deflated data", e);
      }
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > MAX_INFLATED_BYTES) {
        throw new IOException("checkpoint inflates past " + MAX_INFLATED_BYTES + " bytes");
      }
    }
  }
}
