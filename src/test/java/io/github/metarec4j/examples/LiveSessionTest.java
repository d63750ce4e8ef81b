package io.github.metarec4j.examples;

import io.github.metarec4j.TestBase;
import io.github.metarec4j.data.SyntheticData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live-session example runs, and its top 10 changes after each of five ratings. */
class LiveSessionTest extends TestBase {

    @Test
    void theTopTenChangesAfterEachOfFiveRatings() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int changed = LiveSession.run(SyntheticData.builder().users(300).items(150).seed(7).build().generate(), 3,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(5, changed, out);
        assertTrue(out.contains("stored as ") && out.contains("the top 10 changed after 5 of 5 ratings"), out);
    }
}
