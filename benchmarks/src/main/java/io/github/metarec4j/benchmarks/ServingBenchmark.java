package io.github.metarec4j.benchmarks;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.internal.model.Nd4jThreads;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Serving one user with a model of the MeLU peer's configuration ({@code scorer=peer}: towers
 * and ID embedding 32, dense 64-64) or the library's default scorer ({@code scorer=default}:
 * no hidden layers, 64 factors per head) over a catalogue of {@code items} items (1,682, MovieLens-100k's
 * size, or 40,981, Gowalla's): {@code adapt} on 10 ratings, and a top-10 over the whole
 * catalogue. With {@code -prof gc}, JMH's {@code gc.alloc.rate.norm} is the bytes one call
 * allocates on its thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServingBenchmark {

    private MetaRecommender recommender;
    private Features features;
    private List<Interaction> support;
    private UserModel user;

    /** The catalogue's size. */
    @Param({"1682", "40981"})
    public int items;

    /** {@code peer} (the MeLU peer's shape) or {@code default} (the library's). */
    @Param({"peer", "default"})
    public String scorer;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4jThreads.singleThreaded();
        Dataset data = SyntheticData.builder().users(943).items(items).ratingsPerUser(20, 200).seed(1).build()
                .generate();
        recommender = MetaTrainer.builder()
                .scorer(scorer.equals("peer")
                        ? ScorerConfig.builder().towerSize(32).hiddenLayers(64, 64).itemIdEmbeddingSize(32).build()
                        : ScorerConfig.builder().build())
                .training(MamlConfig.builder().epochs(1).supportSize(10, 10).maxQuery(20).build())
                .build().fit(data);
        String id = data.interactions().users().id(0);
        features = data.userFeatures(id);
        support = data.interactions().ofUser(id).subList(0, 10);
        user = recommender.adapt(features, support);
    }

    @Benchmark
    public UserModel adapt() {
        return recommender.adapt(features, support);
    }

    @Benchmark
    public List<Recommendation> recommendTop10() {
        return recommender.recommend(user, 10);
    }
}
