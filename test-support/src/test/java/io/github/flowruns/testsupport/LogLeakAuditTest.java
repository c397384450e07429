package io.github.flowruns.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogLeakAuditTest {
  static final String API_KEY = "sk-live-0123456789";

  @Test
  void aCatalogSecretInALogLineIsALeak() {
    List<String> leaks = LogLeakAudit.leaks(List.of("calling with sk-live-0123456789 now"), Set.of(API_KEY));
    assertEquals(1, leaks.size());
    assertTrue(leaks.get(0).startsWith("secret sk-"), leaks.get(0));
    assertTrue(!leaks.get(0).contains(API_KEY), "the report must not repeat the secret");
  }

  @Test
  void unmaskedCredentialShapesAreLeaksAndMaskedOnesAreNot() {
    assertEquals(4, LogLeakAudit.leaks(List.of(
        "Authorization: abcdef123",
        "header Bearer eyJhbGciOiJIUzI1NiJ9.x.y",
        "{\"password\":\"hunter22\"}",
        "GET https://x/y?api_key=abc123&page=2"), Set.of()).size());
    assertEquals(List.of(), LogLeakAudit.leaks(List.of(
        "Authorization: [redacted]",
        "Bearer [redacted]",
        "{\"password\":\"[redacted]\",\"token\":\"[redacted]\"}",
        "GET https://x/y?api_key=[redacted]&page=2",
        "retrying GET https://x/y after 503"), Set.of()));
  }

  @Test
  void theCatalogCollectsSecretConstantsButNotHeaderNames() {
    class Fixture {
      static final String TOKEN = "t0k3n-value-99";
      static final String AUTH_HEADER_KEY = "Authorization";
      static final String NAME = "not-a-secret-123";
    }
    SecretCatalog.addConstants(Fixture.class);
    assertTrue(SecretCatalog.secrets().contains("t0k3n-value-99"));
    assertTrue(!SecretCatalog.secrets().contains("Authorization"));
    assertTrue(!SecretCatalog.secrets().contains("not-a-secret-123"));
  }

  @Test
  void theCaptureSeesDebugRecordsOfTheSdkLoggers() {
    System.getLogger("io.github.flowruns.http").log(System.Logger.Level.DEBUG, "debug line 42");
    Logger.getLogger("io.github.flowruns.x").finest("finest line 43");
    assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("debug line 42")));
    assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("finest line 43")));
  }
}
