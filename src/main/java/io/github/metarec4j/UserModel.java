package io.github.metarec4j;

import io.github.metarec4j.util.Checks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One user, adapted: the weights the inner loop fitted to their support set, their encoded
 * features, and the items they already gave feedback on (which {@code recommend} leaves
 * out). Produced by {@link MetaRecommender#adapt}; usable only with the recommender that
 * made it (or one loaded from the same saved model).
 *
 * <p>A small immutable value (a few thousand numbers) that an application may cache, send
 * or store with {@link #toBytes()} and refresh by adapting again when new feedback comes.
 * Thread-safe.
 */
public final class UserModel {

    private static final int MAGIC = 0x4D52554D; // "MRUM"
    private static final int FORMAT = 1;

    private final String modelId;
    private final float[] userInput;
    private final float[] adapted;
    private final Set<String> supportItems;

    UserModel(String modelId, float[] userInput, float[] adapted, Set<String> supportItems) {
        this.modelId = modelId;
        this.userInput = userInput.clone();
        this.adapted = adapted.clone();
        this.supportItems = Collections.unmodifiableSet(new LinkedHashSet<>(supportItems));
    }

    /** The items of the support set (excluded from {@code recommend}). */
    public Set<String> supportItems() {
        return supportItems;
    }

    /** Identifies the model that adapted this user. */
    public String modelId() {
        return modelId;
    }

    /** A copy of the adapted parameters. */
    public float[] adaptedParameters() {
        return adapted.clone();
    }

    float[] userInput() {
        return userInput;
    }

    float[] adapted() {
        return adapted;
    }

    /** This user model as bytes (a versioned binary format), for caches and stores. */
    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(modelId);
            writeFloats(out, userInput);
            writeFloats(out, adapted);
            out.writeInt(supportItems.size());
            for (String item : supportItems) {
                out.writeUTF(item);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a user model written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not a user model of a known format
     */
    public static UserModel fromBytes(byte[] bytes) {
        Checks.notNull(bytes, "bytes");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            Checks.argument(in.readInt() == MAGIC, "these bytes are not a UserModel (wrong magic number); "
                    + "pass what UserModel.toBytes() produced");
            int format = in.readInt();
            Checks.argument(format == FORMAT, "UserModel format " + format + " is not supported; this version "
                    + "reads format " + FORMAT + ": adapt the user again");
            String modelId = in.readUTF();
            float[] userInput = readFloats(in);
            float[] adapted = readFloats(in);
            int n = in.readInt();
            Set<String> items = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                items.add(in.readUTF());
            }
            Checks.argument(in.available() == 0, "a UserModel has trailing bytes; the data is damaged");
            return new UserModel(modelId, userInput, adapted, items);
        } catch (IOException e) {
            throw new IllegalArgumentException("these bytes are a truncated or damaged UserModel: " + e.getMessage(),
                    e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        Checks.argument(n >= 0 && n <= in.available() / 4, "a UserModel array length is damaged: " + n);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    @Override
    public String toString() {
        return "UserModel[" + supportItems.size() + " support items, " + adapted.length + " adapted parameters]";
    }
}
