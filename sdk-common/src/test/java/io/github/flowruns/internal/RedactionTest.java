package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void sensitiveHeaderValuesAreMaskedAndOthersKept() {
    Headers h = new Headers.Builder().add("Authorization", "Bearer abc").add("X-Api-Key", "k1")
        .add("Cookie", "s=1").add("Accept", "application/json").add("X-Session-Token", "t").build();
    Map<String, String> r = Redaction.redactHeaders(h);
    assertEquals("[redacted]", r.get("Authorization"));
    assertEquals("[redacted]", r.get("X-Api-Key"));
    assertEquals("[redacted]", r.get("Cookie"));
    assertEquals("[redacted]", r.get("X-Session-Token"));
    assertEquals("application/json", r.get("Accept"));
  }

  @Test
  void headerMapsKeepTheirOrder() {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("b", "1");
    in.put("authorization", "x");
    assertEquals("{b=1, authorization=[redacted]}", Redaction.redactHeaders(in).toString());
  }

  @Test
  void sensitiveQueryParametersAndUserInfoAreRemovedFromUrls() {
    HttpUrl url = HttpUrl.get("https://user:pw@h.example/x?token=t1&api_key=k1&key=k2&password=p&page=2");
    String r = Redaction.redactUrl(url);
    assertFalse(r.contains("t1") || r.contains("k1") || r.contains("k2") || r.contains("pw"), r);
    assertTrue(r.contains("page=2"), r);
    assertTrue(r.startsWith("https://h.example/x?"), r);
  }

  @Test
  void jsonTokenAndPasswordValuesAreMasked() {
    String r = Redaction.redactText(
        "{\"username\":\"ann\",\"password\":\"p\\\"w\",\"token\":\"eyJx\",\"access_token\":\"a\",\"total_tokens\":12}");
    assertEquals("{\"username\":\"ann\",\"password\":\"[redacted]\",\"token\":\"[redacted]\","
        + "\"access_token\":\"[redacted]\",\"total_tokens\":12}", r);
  }

  @Test
  void aSecretCutOffByTruncationIsMasked() {
    assertEquals("{\"a\":1,\"token\":\"[redacted]", Redaction.redactText("{\"a\":1,\"token\":\"eyJhbGciOi"));
  }

  @Test
  void bearerCredentialsJwtsAndKnownKeyShapesAreMaskedInFreeText() {
    String r = Redaction.redactText("sent Bearer abc.def-123 and eyJhbGciOiJI.eyJzdWIiOiIx.sig and "
        + "fs_live_abcdef123456 and Authorization: raw-key-9\nnext line");
    assertFalse(r.contains("abc.def-123"), r);
    assertFalse(r.contains("eyJhbGciOiJI"), r);
    assertFalse(r.contains("fs_live_abcdef123456"), r);
    assertFalse(r.contains("raw-key-9"), r);
    assertTrue(r.contains("next line"), r);
  }

  @Test
  void formStyleSecretsAreMasked() {
    assertEquals("a=1&token=[redacted]&password=[redacted]",
        Redaction.redactText("a=1&token=xyz&password=hunter2"));
  }

  @Test
  void ordinaryWordsAreLeftAlone() {
    String s = "the vendor returned the same continuation token again";
    assertEquals(s, Redaction.redactText(s));
  }

  @Test
  void hugeBodiesDoNotOverflowTheStack() {
    String big = "{\"data\":\"" + "a\\\"b".repeat(200_000) + "\"}";
    assertTrue(Redaction.excerpt(big, 2048).length() <= 2048);
  }
}
