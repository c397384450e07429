package io.github.flowruns.testing.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque cursors that carry a scan position (a serial) and a direction. */
public final class Cursors {
  private Cursors() {}

  /** A decoded cursor: {@code forward} walks to older runs from {@code serial} inclusive. */
  public record Position(boolean forward, long serial) {}

  public static String encode(boolean forward, long serial) {
    String json = "{\"dir\":\"" + (forward ? "next" : "prev") + "\",\"pos\":" + serial + "}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Null for null; throws {@link VendorApi.BadParam} for anything this simulator did not issue. */
  public static Position decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) return null;
    try {
      String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      var o = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
      String dir = o.get("dir").getAsString();
      long pos = o.get("pos").getAsLong();
      if (pos < 0 || !(dir.equals("next") || dir.equals("prev"))) throw new VendorApi.BadParam(cursor);
      return new Position(dir.equals("next"), pos);
    } catch (RuntimeException e) {
      throw new VendorApi.BadParam(cursor);
    }
  }
}
