package org.nabla4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesNestedValuesInOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e2, true, false, null], \"a\": {\"s\": \"x\\\"y\\\\z\\u00e9\\n\"}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        List<?> b = (List<?>) m.get("b");
        assertEquals(1.0, b.get(0));
        assertEquals(-250.0, b.get(1));
        assertEquals(Boolean.TRUE, b.get(2));
        assertEquals(Boolean.FALSE, b.get(3));
        assertNull(b.get(4));
        assertEquals("x\"y\\z\u00e9\n", ((Map<?, ?>) m.get("a")).get("s"));
    }

    @Test
    void parsesEmptyContainers() {
        assertEquals(List.of(), Json.parse("[ ]"));
        assertEquals(Map.of(), Json.parse("{}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[1,]",
                "[1 2]",
                "{\"a\" 1}",
                "\"open",
                "01",
                "1.",
                "-",
                "[1] x",
                "tru",
                "{1: 2}",
                "\"bad \\q escape\""
            })
    void rejectsMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertTrue(e.getMessage().startsWith("invalid JSON at offset "), e.getMessage());
    }
}
