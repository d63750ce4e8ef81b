package io.github.metarec4j.examples;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Train once, serve anywhere: save a fitted recommender to a file (or a stream: a database, an
 * object store), load it in another process, and keep adapted users as bytes. A loaded model
 * predicts exactly as the saved one did, and says how it was made ({@code provenance()}).
 *
 * <pre>
 *   mvn -q test-compile exec:java@example -Dexample=SaveLoadExample [-Dexample.args="model.mr4j --quick"]
 * </pre>
 *
 * The first argument is where to save the model (default: a temporary file, deleted at the
 * end); {@code --quick} trains on fewer users for one epoch. The service example
 * ({@code serve}) loads such a file with {@code --model}.
 */
public final class SaveLoadExample {

    private SaveLoadExample() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        List<String> paths = List.of(args).stream().filter(a -> !a.equals("--quick")).toList();
        Path file = paths.isEmpty() ? Files.createTempFile("save-load", ".mr4j") : Path.of(paths.get(0));

        Dataset data = SyntheticData.builder().users(quick ? 120 : 600).items(quick ? 60 : 300).seed(7).build()
                .generate();
        MetaRecommender rec = MetaTrainer.builder()
                .training(MamlConfig.builder().epochs(quick ? 1 : 10).seed(42).build())
                .build()
                .fit(data);
        rec.save(file);                              // written to a temporary name, then renamed
        MetaRecommender loaded = MetaRecommender.load(file);
        System.out.printf("saved %s (%,d bytes); made by %s%n", file, Files.size(file), loaded.provenance());

        String userId = data.interactions().users().id(0);
        List<Interaction> support = data.interactions().ofUser(userId).subList(0, 5);
        UserModel user = rec.adapt(data.userFeatures(userId), support);
        System.out.println("same top 10 from the loaded model: "
                + loaded.recommend(user, 10).equals(rec.recommend(user, 10)));

        // an adapted user is a small value: store it (a session, a cache) and use it later
        byte[] stored = user.toBytes();
        UserModel restored = UserModel.fromBytes(stored);
        System.out.printf("user model: %d bytes; the restored user gets the same top 10: %s%n", stored.length,
                loaded.recommend(restored, 10).equals(rec.recommend(user, 10)));

        // streams instead of files
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        rec.save(bytes);
        MetaRecommender fromStream = MetaRecommender.load(new ByteArrayInputStream(bytes.toByteArray()));
        System.out.println("through a stream: " + fromStream + ", same predictions: "
                + (fromStream.predict(user, "i1") == rec.predict(user, "i1")));
        if (paths.isEmpty()) {
            Files.delete(file);
        }
    }
}
