package io.github.metarec4j.data;

import io.github.metarec4j.Skip;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the real MovieLens-100k (skipped, with a message saying how to get it, when it is absent). */
class MovieLensTest {

    /** Read once for all tests (about a second). */
    private static Dataset data;

    // per test rather than @BeforeAll: surefire reports a class-level skip as "0 tests run", without the message
    @BeforeEach
    void loadOnce() {
        Path path = MovieLens.defaultPath();
        Skip.unlessMovieLens(path);
        if (data == null) {
            data = MovieLens.load100k(path);
        }
    }

    @Test
    void hasTheKnownCounts() {
        assertEquals(100_000, data.interactions().size());
        assertEquals(943, data.interactions().users().size());
        assertEquals(943, data.userFeatures().size());
        assertEquals(1_682, data.catalogue().size());
        assertEquals(1_682, data.itemFeatures().size());
        assertEquals(3.52986, data.interactions().mean(), 1e-9);
        assertEquals(FeedbackType.EXPLICIT, data.feedbackType());
        assertEquals(new RatingScale(1, 5), data.ratingScale().orElseThrow());
    }

    @Test
    void idsAreTheFilesNumbersInOrder() {
        assertEquals("1", data.catalogue().id(0));
        assertEquals("1682", data.catalogue().id(1_681));
        assertEquals("1", data.userFeatures().keySet().iterator().next());
        // the first line of u.data: 196 242 3 881250949
        Interaction first = data.interactions().get(0);
        assertEquals(new Interaction("196", "242", 3, 881_250_949L), first);
    }

    @Test
    void everyFilmHasItsTitle() {
        Map<String, String> titles = MovieLens.titles(MovieLens.defaultPath());
        assertEquals(data.catalogue().ids(), List.copyOf(titles.keySet()));
        assertEquals("Toy Story (1995)", titles.get("1"));
        assertEquals("Star Wars (1977)", titles.get("50"));
    }

    @Test
    void userOneHasHisFeatures() {
        assertEquals(Features.builder().put("age", 24).put("ageGroup", "18-24").put("gender", "M")
                .put("occupation", "technician").put("zipRegion", "8").build(), data.userFeatures("1"));
    }

    @Test
    void aCanadianZipIsRegionOther() {
        // user 74: zip T8H1N
        assertEquals("other", data.userFeatures("74").get("zipRegion").orElseThrow());
    }

    @Test
    void toyStoryHasItsGenresAndDecade() {
        Features toyStory = data.itemFeatures("1");
        assertEquals(List.of("Animation", "Children's", "Comedy"), toyStory.get("genres").orElseThrow());
        assertEquals("1990s", toyStory.get("decade").orElseThrow());
        assertEquals(1995.0, toyStory.get("year").orElseThrow());
    }

    @Test
    void theFilmWithoutADateHasNoYearOrDecade() {
        Features unknown = data.itemFeatures("267");
        assertTrue(unknown.get("year").isEmpty());
        assertTrue(unknown.get("decade").isEmpty());
        assertEquals(List.of("unknown"), unknown.get("genres").orElseThrow());
    }

    @Test
    void aOneDigitDayIsADate() {
        // u.item writes this film's release date as 4-Feb-1971
        long withYear1971 = data.itemFeatures().values().stream()
                .filter(f -> f.get("year").equals(Optional.of(1971.0))).count();
        assertTrue(withYear1971 >= 1, "no film of 1971 was read");
    }
}
