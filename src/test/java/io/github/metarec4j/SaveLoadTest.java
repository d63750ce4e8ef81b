package io.github.metarec4j;

import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.io.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving and loading through the facade (the file format itself is tested in the io package). */
class SaveLoadTest extends TestBase {

    @Test
    void aLoadedRecommenderPredictsExactlyAsTheSavedOne(@TempDir Path dir) {
        MetaRecommender rec = Fixtures.recommender();
        Path file = dir.resolve("model.mr4j");
        rec.save(file);
        MetaRecommender loaded = MetaRecommender.load(file);
        for (String u : Fixtures.newUsers().stream().sorted().limit(5).toList()) {
            Features f = Fixtures.synthetic().userFeatures(u);
            UserModel a = rec.adapt(f, Fixtures.history(u).subList(0, 5));
            UserModel b = loaded.adapt(f, Fixtures.history(u).subList(0, 5));
            assertArrayEquals(a.adaptedParameters(), b.adaptedParameters(), "adapted weights of " + u);
            assertEquals(rec.recommend(a, 10), loaded.recommend(b, 10), "top-10 of " + u);
            // a user model cached before a restart still works with the reloaded model
            assertEquals(rec.recommend(a, 10), loaded.recommend(a, 10));
        }
        assertEquals(rec.catalogue(), loaded.catalogue());
        assertEquals(rec.trainingConfig(), loaded.trainingConfig());
        assertEquals(rec.scorerConfig(), loaded.scorerConfig());
    }

    @Test
    void aRecommenderRoundTripsThroughStreams(@TempDir Path dir) throws IOException {
        MetaRecommender rec = Fixtures.recommender();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        rec.save(out);
        Path file = dir.resolve("model.mr4j");
        rec.save(file);
        assertArrayEquals(Files.readAllBytes(file), out.toByteArray(), "the same bytes as the file");
        MetaRecommender loaded = MetaRecommender.load(new java.io.ByteArrayInputStream(out.toByteArray()));
        String u = Fixtures.newUsers().stream().sorted().findFirst().orElseThrow();
        UserModel user = rec.adapt(Fixtures.synthetic().userFeatures(u), Fixtures.history(u).subList(0, 5));
        assertEquals(rec.recommend(user, 10), loaded.recommend(user, 10));
        byte[] damaged = out.toByteArray();
        damaged[damaged.length / 2] ^= 0x21;
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> MetaRecommender.load(new java.io.ByteArrayInputStream(damaged)));
        assertTrue(e.getMessage().startsWith("the stream is damaged: "), e.getMessage());
        e = assertThrows(ModelFormatException.class,
                () -> MetaRecommender.load(new java.io.ByteArrayInputStream(new byte[0])));
        assertEquals("the stream is not a metarec4j model file (it is empty); was it written by "
                + "MetaRecommender.save?", e.getMessage());
    }

    /** Issue 12, finding 1: numbers whose sum or squares overflow made a model that saved but never loaded. */
    @Test
    void aModelOfItemsWithHugeNumbersLoadsAgain(@TempDir Path dir) {
        for (double[] years : new double[][]{{1e308, 1e308}, {1e200, -1e200}, {Double.MAX_VALUE, -Double.MAX_VALUE}}) {
            Dataset data = Fixtures.tinyWithItems(Map.of(
                    "i1", Features.builder().put("popularity", years[0]).build(),
                    "i2", Features.builder().put("popularity", years[1]).build()));
            MetaRecommender rec = MetaTrainer.builder().scorer(Fixtures.quickScorer())
                    .training(Fixtures.quickTraining().build()).build().fit(data);
            Path file = dir.resolve("huge.mr4j");
            rec.save(file);
            MetaRecommender loaded = MetaRecommender.load(file);
            double[] stats = loaded.model().itemEncoder().numericStats("popularity");
            assertTrue(Double.isFinite(stats[0]) && Double.isFinite(stats[1]) && stats[1] > 0,
                    Arrays.toString(years) + " gave " + Arrays.toString(stats));
            UserModel user = loaded.adapt(Features.none(), List.of(Interaction.of("new", "i1", 4)));
            assertEquals(rec.recommend(rec.adapt(Features.none(), List.of(Interaction.of("new", "i1", 4))), 5),
                    loaded.recommend(user, 5));
        }
    }

    @Test
    void damagedAndForeignFilesAreRefusedWithAReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.mr4j");
        Fixtures.recommender().save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x5A;
        Path damaged = Files.write(dir.resolve("damaged.mr4j"), bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> MetaRecommender.load(damaged));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        e = assertThrows(ModelFormatException.class, () -> MetaRecommender.load(text));
        assertTrue(e.getMessage().contains("not a metarec4j model file"), e.getMessage());
    }

}
