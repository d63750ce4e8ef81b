package io.github.metarec4j;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.internal.util.Crc32Trailer;

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
    /**
     * Format 3 added the skipped items; format 2 added the checksum (format 2 is read, with no
     * skipped items; format 1 had no checksum and is refused).
     */
    private static final int FORMAT = 3;
    /** The magic number and the format, before the fields. */
    private static final int HEADER = ValueBytes.HEADER;
    private static final String TYPE = "UserModel";
    private static final String REMEDY = "adapt the user again";
    /** The CRC-32 at the end. */
    private static final int CHECKSUM = Crc32Trailer.LENGTH;

    private final String modelId;
    private final float[] userInput;
    private final float[] adapted;
    private final Set<String> supportItems;
    private final Set<String> skippedItems;

    UserModel(String modelId, float[] userInput, float[] adapted, Set<String> supportItems, Set<String> skippedItems) {
        this.modelId = modelId;
        this.userInput = userInput.clone();
        this.adapted = adapted.clone();
        this.supportItems = Collections.unmodifiableSet(new LinkedHashSet<>(supportItems));
        this.skippedItems = Collections.unmodifiableSet(new LinkedHashSet<>(skippedItems));
    }

    /** The items of the support set (excluded from {@code recommend} by default). */
    public Set<String> supportItems() {
        return supportItems;
    }

    /**
     * The support items a {@link MetaRecommender#lenient() lenient} recommender skipped because
     * it did not know them; empty in strict mode. Kept by {@link #toBytes()}.
     */
    public Set<String> skippedItems() {
        return skippedItems;
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

    /**
     * This user model as bytes, for caches and stores: a versioned binary format (format
     * {@value #FORMAT}) ending in a CRC-32 of everything before it, so that {@link #fromBytes}
     * notices bytes damaged in storage or transit.
     */
    public byte[] toBytes() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            // format 2 when nothing was skipped: a reader of 0.2.0 snapshots still takes the bytes
            int format = skippedItems.isEmpty() ? 2 : FORMAT;
            out.writeInt(format);
            out.writeUTF(modelId);
            ValueBytes.writeFloats(out, userInput);
            ValueBytes.writeFloats(out, adapted);
            ValueBytes.writeIds(out, supportItems);
            if (format == FORMAT) {
                ValueBytes.writeIds(out, skippedItems);
            }
            out.flush();
            return Crc32Trailer.append(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a user model written by {@link #toBytes()}, checking its checksum and that every
     * value is a finite number.
     *
     * @throws IllegalArgumentException if the bytes are not a user model, are of another format,
     *                                  are truncated or damaged (the checksum does not match), or
     *                                  hold a value that is not a finite number; the message says
     *                                  which. Adapting the user again makes a good one.
     */
    public static UserModel fromBytes(byte[] bytes) {
        int format = ValueBytes.checkFrame(bytes, MAGIC, TYPE, Set.of(2, FORMAT), "formats 2 and " + FORMAT, REMEDY);
        int body = bytes.length - CHECKSUM;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, HEADER, body - HEADER))) {
            String modelId = in.readUTF();
            float[] userInput = ValueBytes.readFloats(in, TYPE, "encoded feature", REMEDY);
            float[] adapted = ValueBytes.readFloats(in, TYPE, "adapted value", REMEDY);
            Set<String> items = ValueBytes.readIds(in, TYPE, "support items", REMEDY);
            Set<String> skipped = format >= 3 ? ValueBytes.readIds(in, TYPE, "skipped items", REMEDY) : Set.of();
            Checks.argument(in.available() == 0, "a UserModel has trailing bytes; the data is damaged");
            return new UserModel(modelId, userInput, adapted, items, skipped);
        } catch (IOException e) {
            // a checksum that matches bytes that do not parse: written by something other than toBytes
            throw new IllegalArgumentException("these bytes are a damaged UserModel (they end before its last "
                    + "field); pass what UserModel.toBytes() produced, or adapt the user again", e);
        }
    }

    /**
     * Equal when adapted by the same model to the same values, with the same support and skipped
     * items: what {@code adapt} gives for the same input.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof UserModel u && modelId.equals(u.modelId) && java.util.Arrays.equals(userInput, u.userInput)
                && java.util.Arrays.equals(adapted, u.adapted) && supportItems.equals(u.supportItems)
                && skippedItems.equals(u.skippedItems);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(modelId, java.util.Arrays.hashCode(userInput), java.util.Arrays.hashCode(adapted),
                supportItems, skippedItems);
    }

    @Override
    public String toString() {
        return "UserModel[" + supportItems.size() + " support items, " + adapted.length + " adapted parameters]";
    }
}
