package io.github.flowruns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The skeleton every vendor's error-body parser shares. */
class ErrorBodiesTest {

  @Test
  void onlyAnObjectIsAnErrorBodyAndInvalidJsonThrowsForTheStatusFallback() {
    assertEquals("x", ErrorBodies.text(ErrorBodies.object("{\"detail\":\"x\"}").get("detail")));
    assertNull(ErrorBodies.object("[1,2]"));
    assertNull(ErrorBodies.object("\"Bad Gateway\""));
    assertThrows(JsonParseException.class, () -> ErrorBodies.object("<html>502</html"));
  }

  @Test
  void textComesFromPrimitivesOnly() {
    JsonObject o = ErrorBodies.object("{\"n\":42,\"s\":\" \",\"o\":{},\"a\":[],\"z\":null,\"m\":\"msg\"}");
    assertEquals("42", ErrorBodies.text(o.get("n")));
    assertEquals(" ", ErrorBodies.text(o.get("s")));
    assertNull(ErrorBodies.nonBlank(o.get("s")));
    assertNull(ErrorBodies.text(o.get("o")));
    assertNull(ErrorBodies.text(o.get("a")));
    assertNull(ErrorBodies.text(o.get("z")));
    assertNull(ErrorBodies.text(o.get("missing")));
    assertEquals("msg", ErrorBodies.firstText(o, "s", "o", "m", "n"));
  }

  @Test
  void fieldErrorsReadAMessageOrAListOfMessagesPerField() {
    JsonObject o = ErrorBodies.object("{\"errors\":{\"per_page\":[\"Too big.\",\"\",null,\"Not a number.\"],"
        + "\"page\":\"Must be positive.\",\"nested\":{\"x\":1},\"blank\":\"  \"}}");
    VendorError.Builder error = VendorError.builder();

    ErrorBodies.fieldErrors(error, o.get("errors"));
    ErrorBodies.fieldErrors(error, o.get("missing"));

    assertEquals(Map.of("per_page", List.of("Too big.", "Not a number."), "page", List.of("Must be positive.")),
        error.build().fieldErrors());
  }
}
