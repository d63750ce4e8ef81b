package io.github.metarec4j.examples;

import io.github.metarec4j.MetaRecommender;
import io.github.metarec4j.MetaTrainer;
import io.github.metarec4j.Recommendation;
import io.github.metarec4j.UserModel;
import io.github.metarec4j.data.CsvDataset;
import io.github.metarec4j.data.Dataset;
import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.Interaction;
import io.github.metarec4j.data.RatingScale;
import io.github.metarec4j.data.SyntheticData;
import io.github.metarec4j.meta.MamlConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Your own data from CSV files: ratings plus item and user attributes, read with
 * {@link CsvDataset}, then a new user adapted from their first ratings.
 *
 * <pre>
 *   mvn -q test-compile exec:java@example -Dexample=CsvExample                          # writes a demo folder first
 *   mvn -q test-compile exec:java@example -Dexample=CsvExample -Dexample.args="my-folder"
 * </pre>
 *
 * The folder holds three UTF-8 files, each with a header line:
 * <pre>
 *   ratings.csv   user,item,rating,timestamp       u1,i7,4,1000060       (ratings 1 to 5; timestamp optional)
 *   items.csv     id,genres,era,popularity         i7,g1+|g3-,1980s,0.42 (genres: values separated by |)
 *   users.csv     id,segment,age,region            u1,s2+,34,r3
 * </pre>
 * An empty cell means unknown; an item in {@code items.csv} that nobody rated is still in the
 * catalogue, scored from its attributes. Without a folder the example writes synthetic data in
 * this format to a temporary folder and reads that. {@code --quick} trains for one epoch.
 */
public final class CsvExample {

    static final FeatureSchema ITEMS = FeatureSchema.builder()
            .multiCategorical("genres").categorical("era").numeric("popularity").build();
    static final FeatureSchema USERS = FeatureSchema.builder()
            .categorical("segment").numeric("age").categorical("region").build();

    private CsvExample() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        List<String> folders = List.of(args).stream().filter(a -> !a.equals("--quick")).toList();
        Path folder = folders.isEmpty() ? writeDemoFolder() : Path.of(folders.get(0));

        Dataset data = CsvDataset.builder()
                .ratings(folder.resolve("ratings.csv"))
                .ratingScale(new RatingScale(1, 5))
                .itemAttributes(folder.resolve("items.csv"), ITEMS)
                .userAttributes(folder.resolve("users.csv"), USERS)
                .read();                            // a malformed line fails naming the file, line and column
        System.out.println("read " + folder + ": " + data);

        // hold one user out, train on the others, then treat them as a new visitor
        String newUser = data.interactions().users().id(0);
        Dataset training = data.withInteractions(data.interactions().filter(x -> !x.userId().equals(newUser)));
        MetaRecommender rec = MetaTrainer.builder()
                .training(MamlConfig.builder().epochs(quick ? 1 : 10).seed(42).build())
                .build()
                .fit(training);

        List<Interaction> history = data.interactions().ofUser(newUser);
        List<Interaction> firstFive = history.subList(0, Math.min(5, history.size()));
        UserModel user = rec.adapt(data.userFeatures(newUser), firstFive);
        System.out.println("user " + newUser + " " + data.userFeatures(newUser).asMap() + " rated " + firstFive.size()
                + " items; their top 5:");
        for (Recommendation r : rec.recommend(user, 5)) {
            Features item = data.itemFeatures(r.itemId());
            System.out.printf("  %-6s %6.2f  %s%n", r.itemId(), r.score(), item.asMap());
        }
    }

    /** Synthetic users and items, written in the files' format to a new temporary folder. */
    static Path writeDemoFolder() throws IOException {
        Dataset demo = SyntheticData.builder().users(300).items(120).seed(7).build().generate();
        Path folder = Files.createTempDirectory("csv-example");
        List<String> ratings = new ArrayList<>(List.of("user,item,rating,timestamp"));
        demo.interactions().stream().forEach(x ->
                ratings.add(x.userId() + "," + x.itemId() + "," + (int) x.value() + "," + x.timestamp()));
        Files.write(folder.resolve("ratings.csv"), ratings);
        Files.write(folder.resolve("items.csv"), attributeLines("id,genres,era,popularity", demo.itemFeatures(),
                List.of("genres", "era", "popularity")));
        Files.write(folder.resolve("users.csv"), attributeLines("id,segment,age,region", demo.userFeatures(),
                List.of("segment", "age", "region")));
        return folder;
    }

    private static List<String> attributeLines(String header, Map<String, Features> features, List<String> fields) {
        List<String> lines = new ArrayList<>(List.of(header));
        features.forEach((id, f) -> {
            StringBuilder line = new StringBuilder(id);
            for (String field : fields) {
                Object value = f.get(field).orElse("");
                line.append(',').append(value instanceof List<?> l ? String.join("|", l.stream().map(Object::toString)
                        .toList()) : value);
            }
            lines.add(line.toString());
        });
        return lines;
    }
}
