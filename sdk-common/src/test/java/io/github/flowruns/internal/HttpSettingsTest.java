package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flowruns.Vendor;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

  static String resolve(String url, boolean insecure) {
    HttpSettings s = new HttpSettings(Vendor.ACTIVEPIECES, "https://cloud.activepieces.com/api");
    s.baseUrl(url);
    s.allowInsecureHttp(insecure);
    return s.resolveBaseUrl();
  }

  @Test
  void theVendorDefaultIsUsedWithoutABaseUrl() {
    assertEquals("https://cloud.activepieces.com/api", resolve(null, false));
  }

  @Test
  void aTrailingSlashIsRemoved() {
    assertEquals("https://ap.example.com/api", resolve("https://ap.example.com/api/", false));
  }

  @Test
  void plainHttpIsAcceptedOnlyForLoopbackOrWithTheOptIn() {
    assertEquals("http://localhost:8080", resolve("http://localhost:8080", false));
    assertEquals("http://127.0.0.1:8080/api", resolve("http://127.0.0.1:8080/api", false));
    assertEquals("http://[::1]:8080", resolve("http://[::1]:8080", false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("http://ap.internal.example", false));
    assertTrue(e.getMessage().contains("allowInsecureHttp"), e.getMessage());
    assertEquals("http://ap.internal.example", resolve("http://ap.internal.example", true));
  }

  @Test
  void aHostThatOnlyLooksLikeLoopbackIsNotTrusted() {
    assertThrows(IllegalArgumentException.class, () -> resolve("http://127.0.0.1.evil.example", false));
    assertThrows(IllegalArgumentException.class, () -> resolve("http://localhost.evil.example", false));
  }

  @Test
  void relativeOrNonHttpUrlsAndUserInfoAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> resolve("cloud.activepieces.com", false));
    assertThrows(IllegalArgumentException.class, () -> resolve("ftp://x.example", false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("https://user:hunter2@x.example", false));
    assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void anotherServerUrlIsCheckedByTheSameRulesAndNamedInTheMessage() {
    HttpSettings s = new HttpSettings(Vendor.PATCHWORKS, "https://core.wearepatchworks.com");
    assertEquals("https://login.example.com", s.checkUrl("loginBaseUrl", "https://login.example.com/"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.checkUrl("loginBaseUrl", "http://login.example.com"));
    assertTrue(e.getMessage().contains("loginBaseUrl"), e.getMessage());
    s.allowInsecureHttp(true);
    assertEquals("http://login.example.com", s.checkUrl("loginBaseUrl", "http://login.example.com"));
  }

  @Test
  void aCopyChangesIndependentlyOfTheOriginal() {
    HttpSettings s = new HttpSettings(Vendor.FLOWSTACK, "https://app.onflowstack.com");
    s.baseUrl("https://one.example.com");
    HttpSettings copy = s.copy();
    copy.baseUrl("https://two.example.com");
    copy.maxResponseBytes(1);
    assertEquals("https://one.example.com", s.resolveBaseUrl());
    assertEquals("https://two.example.com", copy.resolveBaseUrl());
    assertTrue(s.toString().contains("maxResponseBytes=" + BodySizeLimitInterceptor.DEFAULT_LIMIT), s.toString());
  }

  @Test
  void toStringShowsNoSecrets() {
    HttpSettings s = new HttpSettings(Vendor.FLOWSTACK, "https://app.onflowstack.com");
    s.baseUrl("https://app.onflowstack.com/?api_key=fs_live_abcdef123456");
    assertTrue(!s.toString().contains("abcdef123456"), s.toString());
  }
}
