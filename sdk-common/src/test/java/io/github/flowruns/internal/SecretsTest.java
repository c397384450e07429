package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's redactor finds its credentials however a server encoded them, and keeps the rest. */
class SecretsTest {
  private static final String API_KEY = "ak/Zq+9=é~key";
  private static final String USERNAME = "ops@example.com";
  private static final String PASSWORD = "pa:ss/wörd+1=";

  private static Secrets secrets() {
    Secrets s = new Secrets();
    s.add(API_KEY);
    s.addLogin(USERNAME, PASSWORD);
    return s;
  }

  private static String unicodeEscaped(String s, String format) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(String.format(format, (int) c));
    }
    return sb.toString();
  }

  @Test
  void masksTheRawKeyAndKeepsTheTextAroundIt() {
    assertEquals("before [redacted] after", secrets().redact("before " + API_KEY + " after"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ak\\/Zq+9=\\u00e9~key", "ak\\/Zq\\u002b9\\u003d\\u00E9~key",
      "ak/Zq+9=\\u00e9~key"})
  void masksAJsonEscapedKey(String escaped) {
    String out = secrets().redact("{\"echo\":\"x " + escaped + " y\"}");
    assertEquals("{\"echo\":\"x [redacted] y\"}", out);
  }

  @Test
  void masksAKeyWhoseEveryCharacterIsAUnicodeEscapeInEitherCase() {
    assertEquals("[redacted]", secrets().redact(unicodeEscaped(API_KEY, "\\u%04x")));
    assertEquals("[redacted]", secrets().redact(unicodeEscaped(API_KEY, "\\u%04X")));
  }

  @Test
  void masksAPercentOrFormEncodedKeyOrPassword() {
    Secrets s = secrets();
    String form = URLEncoder.encode(API_KEY, StandardCharsets.UTF_8);
    assertEquals("k=[redacted]&x=1", s.redact("k=" + form + "&x=1"));
    // Lower-case hex, the password's ö as two UTF-8 escapes.
    assertEquals("p [redacted]", s.redact("p " + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
        .toLowerCase(java.util.Locale.ROOT)));
  }

  @Test
  void masksAPercentEncodedKeyInsideAJsonString() {
    String percent = URLEncoder.encode(API_KEY, StandardCharsets.UTF_8);
    String jsonOfPercent = percent.replace("%", "\\u0025");
    assertEquals("{\"m\":\"[redacted]\"}", secrets().redact("{\"m\":\"" + jsonOfPercent + "\"}"));
  }

  @Test
  void masksAnHtmlEscapedKey() {
    assertEquals("<p>[redacted]</p>", secrets().redact("<p>ak&#x2F;Zq&#43;9&#61;&#233;~key</p>"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void masksTheBase64OfTheKeyAndOfUserColonPasswordPaddedOrNot(boolean urlSafe) {
    Base64.Encoder enc = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
    Secrets s = secrets();
    for (String text : new String[] {API_KEY, USERNAME + ":" + PASSWORD, "Bearer " + API_KEY}) {
      String b64 = enc.encodeToString(text.getBytes(StandardCharsets.UTF_8));
      String out = s.redact("Basic " + b64 + " and " + b64.replace("=", ""));
      assertFalse(out.contains(b64.replace("=", "")), out);
    }
  }

  @Test
  void keepsTheUsernameVisible() {
    assertEquals("user ops@example.com failed", secrets().redact("user ops@example.com failed"));
  }

  @Test
  void tokensObtainedLaterAreMaskedAndTheOldestAreForgottenPastTheBound() {
    Secrets s = secrets();
    for (int i = 0; i < Secrets.MAX_OBTAINED + 1; i++) {
      s.addObtained("token-number-" + (1000 + i));
    }
    assertEquals("[redacted]", s.redact("token-number-" + (1000 + Secrets.MAX_OBTAINED)));
    assertEquals("token-number-1000", s.redact("token-number-1000"));
    assertEquals("[redacted]", s.redact(API_KEY));
  }

  @Test
  void aSecretShorterThanFourCharactersIsNotRegistered() {
    Secrets s = new Secrets();
    s.add("abc");
    assertTrue(s.isEmpty());
    assertEquals("abc", s.redact("abc"));
  }

  @Test
  void toStringShowsNoSecret() {
    assertFalse(secrets().toString().contains(API_KEY));
  }
}
