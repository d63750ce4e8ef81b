package io.github.metarec4j.examples.serve;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void writesEveryType() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"q\" \\ \n\u0001é");
        m.put("whole", 5.0);
        m.put("real", 4.25);
        m.put("nan", Double.NaN);
        m.put("int", 7);
        m.put("yes", true);
        m.put("none", null);
        m.put("list", List.of(1, "x"));
        assertEquals("{\"s\":\"a \\\"q\\\" \\\\ \\n\\u0001é\",\"whole\":5,\"real\":4.25,\"nan\":null,\"int\":7,"
                + "\"yes\":true,\"none\":null,\"list\":[1,\"x\"]}", Json.write(m));
    }

    @Test
    void parsesWhatItWrites() throws Exception {
        String text = " {\"ratings\": {\"50\": 5, \"172\": 4.5e0}, \"k\": -3, \"t\": \"a\\u00e9\\\"\\n\", "
                + "\"l\": [true, false, null, []], \"o\": {}} ";
        Map<String, Object> ratings = new LinkedHashMap<>();
        ratings.put("50", 5.0);
        ratings.put("172", 4.5);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ratings", ratings);
        expected.put("k", -3.0);
        expected.put("t", "aé\"\n");
        expected.put("l", Arrays.asList(true, false, null, List.of()));
        expected.put("o", Map.of());
        Object parsed = Json.parse(text);
        assertEquals(expected, parsed);
        assertEquals(parsed, Json.parse(Json.write(parsed)));
    }

    @Test
    void malformedTextSaysWhatWasExpectedWhere() {
        assertEquals("malformed JSON: expected ',' or '}' at position 8, found the end",
                assertThrows(Json.MalformedException.class, () -> Json.parse("{\"a\": 1 ")).getMessage());
        assertEquals("malformed JSON: expected a quoted key at position 1, found 'a'",
                assertThrows(Json.MalformedException.class, () -> Json.parse("{a: 1}")).getMessage());
        assertEquals("malformed JSON: expected end of input at position 2, found 'x'",
                assertThrows(Json.MalformedException.class, () -> Json.parse("1 x")).getMessage());
        assertThrows(Json.MalformedException.class, () -> Json.parse("\"open"));
        assertThrows(Json.MalformedException.class, () -> Json.parse("1.2.3"));
        assertThrows(Json.MalformedException.class, () -> Json.parse("[1,]"));
        assertThrows(Json.MalformedException.class, () -> Json.parse(""));
    }
}
