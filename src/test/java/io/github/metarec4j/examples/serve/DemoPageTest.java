package io.github.metarec4j.examples.serve;

import io.github.metarec4j.TestBase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo page end to end in headless Chromium, on a tiny model: the page, opened with
 * {@code ?autorate=5,4,5,2,4}, rates the first film it suggests five times over, through the
 * service, and renders; Chromium's {@code --dump-dom} hands back the page as it then is
 * ({@code --virtual-time-budget} lets the page's fetches finish first). Chromium comes from
 * {@code .ci/chromium.sh}, which installs Debian's package where it may; where it cannot, the
 * test is skipped and says why.
 */
class DemoPageTest extends TestBase {

    private static final Path SCRIPT = Path.of(".ci/chromium.sh");

    @Test
    void fiveRatingsOnThePageChangeTheTopTen(@TempDir Path profile) throws Exception {
        String chromium = chromium();
        try (RecommenderServer server = RecommenderServer.start(RecommenderServerTest.tinyModel(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String base = "http://127.0.0.1:" + server.port();
            String dom = run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--user-data-dir=" + profile, "--virtual-time-budget=60000", "--dump-dom",
                    base + "/?visitor=e2e&autorate=5,4,5,2,4"));

            assertTrue(dom.contains("data-state=\"done\""), "the page finished rating: " + dom);
            List<String> first = Arrays.asList(match("data-first-top=\"([^\"]*)\"", dom).split(" "));
            List<String> top = items(section(dom, "<ol id=\"top\"", "</ol>"));
            assertEquals(10, first.size(), dom);
            assertEquals(10, top.size(), dom);
            assertNotEquals(first, top, "five ratings changed the top 10");
            List<String> rated = Pattern.compile("<li>").matcher(section(dom, "<ul id=\"rated\"", "</ul>"))
                    .results().map(m -> m.group()).toList();
            assertEquals(5, rated.size(), "five films rated: " + dom);
            assertTrue(dom.contains("After 5 ratings:"), dom);
            assertTrue(dom.contains("class=\"because\">because "), "explanations shown: " + dom);
            assertTrue(dom.contains("The First Item") || dom.contains("item i"), dom);

            // the service agrees: five ratings stored for the visitor, and the page shows its top 10
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/recommend?visitor=e2e&k=10")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<?, ?> answer = (Map<?, ?>) Json.parse(r.body());
            assertEquals(5.0, answer.get("ratings"));
            assertEquals(top, ((List<?>) answer.get("items")).stream().map(i -> ((Map<?, ?>) i).get("item")).toList());
        }
    }

    /** The path of a headless Chromium from {@code .ci/chromium.sh}; skips the test where there is none. */
    private static String chromium() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        boolean done = p.waitFor(4, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!done || p.exitValue() != 0 || out.isEmpty()) {
            p.destroyForcibly();
            String why = "DemoPageTest skipped: no headless Chromium (" + SCRIPT + ": "
                    + (done ? err : "no answer in 4 minutes") + ")";
            System.out.println(why);
            Assumptions.abort(why);
        }
        return out;
    }

    /** Runs a command and returns its standard output; fails if it fails or takes over two minutes. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("chromium", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "chromium did not finish");
            assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(log));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, from + " in " + text);
        return text.substring(start, text.indexOf(to, start));
    }

    private static List<String> items(String html) {
        return Pattern.compile("<li data-item=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }
}
