package io.github.metarec4j;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A fitted recommender shared by 8 threads answers exactly as it does on one. */
class ConcurrencyTest extends TestBase {

    @Test
    void eightThreadsGetTheSameAnswersAsSequentialCalls() throws Exception {
        MetaRecommender rec = Fixtures.recommender();
        List<String> users = Fixtures.newUsers().stream().sorted().limit(24).toList();
        List<UserModel> models = new ArrayList<>();
        List<List<Recommendation>> expected = new ArrayList<>();
        for (String u : users) {
            UserModel m = rec.adapt(Fixtures.synthetic().userFeatures(u), Fixtures.history(u).subList(0, 8));
            models.add(m);
            expected.add(rec.recommend(m, 10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Recommendation>>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < users.size(); i++) {
                    String u = users.get(i);
                    UserModel m = models.get(i);
                    // half the calls also adapt concurrently, so adapt and recommend interleave
                    Callable<List<Recommendation>> call = i % 2 == 0 ? () -> rec.recommend(m, 10)
                            : () -> rec.recommend(rec.adapt(Fixtures.synthetic().userFeatures(u),
                            Fixtures.history(u).subList(0, 8)), 10);
                    results.add(pool.submit(call));
                }
            }
            for (int r = 0; r < results.size(); r++) {
                assertEquals(expected.get(r % users.size()), results.get(r).get(), "call " + r);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
