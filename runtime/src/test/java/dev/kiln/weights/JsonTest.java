package dev.kiln.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesEveryKindOfValue() throws Json.JsonException {
    Object value = Json.parse(" {\"a\": [1, -2, 3.5e1, true, false, null], \"b\\u00e9\\n\": {\"c\": \"\\\"x\\/\"}} ");
    Map<?, ?> map = (Map<?, ?>) value;
    assertEquals(List.of(1L, -2L, 35.0, true, false, Json.NULL), map.get("a"));
    assertEquals(Map.of("c", "\"x/"), map.get("b\u00e9\n"));
  }

  @Test
  void keepsKeyOrderAndBigIntegers() throws Json.JsonException {
    Map<?, ?> map = (Map<?, ?>) Json.parse("{\"z\":9223372036854775807,\"a\":18446744073709551616}");
    assertEquals(List.of("z", "a"), List.copyOf(map.keySet()));
    assertEquals(Long.MAX_VALUE, map.get("z"));
    assertEquals(new BigInteger("18446744073709551616"), map.get("a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{\"a\":1}x", "{'a':1}", "{\"a\":01}", "{\"a\":1.}",
      "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "\"\\x\"", "\"\\u12\"", "\"a\u0001\"",
      "{\"a\":1,\"a\":2}", "{\"a\" 1}", "[1 2]", "NaN", "Infinity", "{\"a\":+1}"})
  void refusesInvalidJson(String text) {
    assertThrows(Json.JsonException.class, () -> Json.parse(text));
  }

  @Test
  void refusesDeepNestingWithoutOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
  }
}
