package io.github.metarec4j.internal.io;

import io.github.metarec4j.data.Features;
import io.github.metarec4j.internal.meta.MamlTrainer;
import io.github.metarec4j.internal.meta.MetaModel;
import io.github.metarec4j.internal.model.ItemCatalogue;
import io.github.metarec4j.meta.MamlConfig;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Makes the golden model file that {@link GoldenModelTest} loads, and prints the values that
 * test expects. Not a test: run it by hand, from the project directory, only when a new
 * format version gets its own golden file (then under a new name, {@code golden-v3.mr4j}, and
 * with a new test beside the old one):
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.cleanupDaemonThreads=false \
 *     -Dexec.mainClass=io.github.metarec4j.internal.io.GoldenModelGenerator [-Dexec.args=--force]
 * </pre>
 *
 * It refuses to replace an existing file without {@code --force}: a released golden file must
 * never change, because its point is that files written by an old release still load and
 * predict the same.
 *
 * <p>Not thread-safe, and not for use from other code: run it alone, as a program.
 */
public final class GoldenModelGenerator {

    /** Where the golden file of format version 2 lives, from the project directory. */
    static final Path FILE = Path.of("src/test/resources/io/github/metarec4j/io/golden-v2.mr4j");

    private GoldenModelGenerator() {
    }

    /**
     * Trains the tiny golden model, writes it, and prints the expectations to paste into
     * {@link GoldenModelTest}.
     *
     * @param args {@code --force} to replace an existing file
     */
    public static void main(String[] args) throws Exception {
        boolean force = List.of(args).contains("--force");
        if (Files.exists(FILE) && !force) {
            throw new IllegalStateException(FILE.toAbsolutePath() + " exists, and a released golden file must not "
                    + "change; pass --force only if this one was never released");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        MetaModel model = new MamlTrainer(
                ScorerConfig.builder().towerSize(3).hiddenLayers(4).itemIdEmbeddingSize(2).userFactors(2)
                        .negatives(3).build(),
                MamlConfig.builder().epochs(8).metaBatchSize(4).outerLearningRate(0.01).validationFraction(0.25)
                        .validationSupport(3).validationQueryStart(3).seed(2024).build(),
                List.of()).fit(ModelFixtures.dataset(12, 8, 10, 2, false, 11));
        ModelFile.write(model, FILE);
        MetaModel loaded = ModelFile.read(FILE);
        System.out.println("wrote " + FILE.toAbsolutePath() + " (" + Files.size(FILE) + " bytes); for GoldenModelTest:");
        System.out.println("    private static final String CREATED_AT = \"" + loaded.provenance().createdAt() + "\";");
        System.out.println("    private static final String PARAMETERS_SHA256 = \"" + parameterHash(loaded) + "\";");
        float[][] scores = probeScores(loaded);
        System.out.println("    private static final float[][] SCORES = {");
        for (float[] row : scores) {
            StringBuilder s = new StringBuilder("            {");
            for (int i = 0; i < row.length; i++) {
                s.append(i == 0 ? "" : ", ").append(Float.toString(row[i])).append('f');
            }
            System.out.println(s.append("},"));
        }
        System.out.println("    };");
    }

    /** SHA-256 of the parameters as little-endian float32 values (the bytes of the parameters entry). */
    static String parameterHash(MetaModel model) throws NoSuchAlgorithmException {
        float[] values = model.parameters();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    }

    /**
     * The ranking scores ({@code recommend}'s, from both heads) of every catalogue item for three users: a known user adapted on four ratings,
     * a new user with an occupation never seen in training and no ratings (the shared weights),
     * and a user without features adapted on two ratings. Changing this changes what the
     * recorded expectations mean: don't.
     */
    static float[][] probeScores(MetaModel model) {
        ItemCatalogue catalogue = model.catalogue();
        int[] all = IntStream.range(0, catalogue.size()).toArray();
        return new float[][]{
                scores(model, Features.builder().put("occupation", "doctor").put("age", 25).build(),
                        new String[]{"i1", "i4", "i6", "i9"}, new float[]{5, 1, 4, 2}, all),
                scores(model, Features.builder().put("occupation", "pilot").put("age", 60).build(),
                        new String[0], new float[0], all),
                scores(model, Features.none(), new String[]{"i0", "i10"}, new float[]{3, 5}, all),
        };
    }

    private static float[] scores(MetaModel model, Features user, String[] rated, float[] ratings, int[] items) {
        int[] support = new int[rated.length];
        for (int i = 0; i < rated.length; i++) {
            support[i] = model.catalogue().ids().indexOf(rated[i]).orElseThrow();
        }
        float[] input = model.encodeUser(user);
        float[][] outputs = model.outputs(input, model.adapt(input, support, ratings), items);
        float[] scores = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            scores[i] = (float) model.rankingScore(outputs[i], items[i]);
        }
        return scores;
    }
}
