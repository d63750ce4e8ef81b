package io.github.metarec4j.internal.model;

import io.github.metarec4j.data.Features;
import io.github.metarec4j.data.IdIndex;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.util.Checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items a scorer can score: their ids, raw features, encoded item-tower inputs and
 * item-ID rows (0 = no ID of its own: the item was not in the training interactions, so
 * it is scored from its content alone).
 *
 * <p>Immutable; thread-safe.
 */
public final class ItemCatalogue {

    private final IdIndex ids;
    private final List<Features> features;
    private final float[][] inputs;
    private final int width;
    private final int[] idRows;
    private final float[] offsets;
    /** Each item's number of training interactions; null when unknown (a model file written before they were stored). */
    private final int[] counts;

    private ItemCatalogue(IdIndex ids, List<Features> features, float[][] inputs, int width, int[] idRows,
                          float[] offsets, int[] counts) {
        this.ids = ids;
        this.features = features;
        this.inputs = inputs;
        this.width = width;
        this.idRows = idRows;
        this.offsets = offsets;
        this.counts = counts;
    }

    /**
     * Encodes {@code features} (one entry per item, in the order of {@code ids}).
     *
     * @param idRows the item-ID row of each item, 0 for none
     */
    public static ItemCatalogue of(IdIndex ids, List<Features> features, FeatureEncoder encoder, int[] idRows) {
        return of(ids, features, encoder, idRows, new float[idRows.length]);
    }

    /**
     * As {@link #of(IdIndex, List, FeatureEncoder, int[])}, with each item's rating offset: a
     * per-item constant added to the model's output (the item's damped bias in the training
     * ratings; 0 for items without ratings), so the network learns what a user's taste adds
     * to how good the item is.
     */
    public static ItemCatalogue of(IdIndex ids, List<Features> features, FeatureEncoder encoder, int[] idRows,
                                   float[] offsets) {
        Checks.notNull(ids, "ids");
        Checks.notNull(features, "features");
        Checks.notNull(encoder, "encoder");
        Checks.notNull(offsets, "offsets");
        Checks.argument(offsets.length == ids.size(), "one offset per item: " + ids.size() + " items, "
                + offsets.length + " offsets");
        for (float o : offsets) {
            Checks.argument(Float.isFinite(o), "item offsets must be finite, got " + o);
        }
        Checks.argument(features.size() == ids.size() && idRows.length == ids.size(),
                "ids, features and idRows must have one entry per item: " + ids.size() + ", " + features.size()
                        + ", " + idRows.length);
        int width = encoder.dimension();
        float[][] inputs = new float[ids.size()][width];
        for (int i = 0; i < ids.size(); i++) {
            encoder.encodeInto(features.get(i), inputs[i], 0);
        }
        return new ItemCatalogue(ids, Collections.unmodifiableList(new ArrayList<>(features)), inputs, width,
                idRows.clone(), offsets.clone(), null);
    }

    /**
     * This catalogue with each item's number of training interactions (its popularity in the
     * training data; 0 for an item nobody in it interacted with).
     */
    public ItemCatalogue withCounts(int[] counts) {
        Checks.notNull(counts, "counts");
        Checks.argument(counts.length == size(), "one count per item: " + size() + " items, " + counts.length
                + " counts");
        for (int c : counts) {
            Checks.argument(c >= 0, "training counts must not be negative, got " + c);
        }
        return new ItemCatalogue(ids, features, inputs, width, idRows, offsets, counts.clone());
    }

    /**
     * This catalogue plus {@code newItems} (appended in map order, scored from content alone);
     * ids already present are an error.
     */
    public ItemCatalogue with(Map<String, Features> newItems, FeatureEncoder encoder) {
        Checks.notNull(newItems, "newItems");
        List<String> allIds = new ArrayList<>(ids.ids());
        List<Features> allFeatures = new ArrayList<>(features);
        for (Map.Entry<String, Features> e : new LinkedHashMap<>(newItems).entrySet()) {
            Checks.argument(!ids.contains(e.getKey()), "item '" + Checks.shown(e.getKey())
                    + "' is already in the catalogue; only add items the model has not seen");
            allIds.add(e.getKey());
            allFeatures.add(Checks.notNull(e.getValue(), "features of item '" + Checks.shown(e.getKey()) + "'"));
        }
        int[] rows = java.util.Arrays.copyOf(idRows, allIds.size());
        // new items have no ratings: no ID row, no offset, no training count
        ItemCatalogue with = of(IdIndex.of(allIds), allFeatures, encoder, rows,
                java.util.Arrays.copyOf(offsets, allIds.size()));
        return counts == null ? with : with.withCounts(java.util.Arrays.copyOf(counts, allIds.size()));
    }

    /** The item ids; an item's index is its position here. */
    public IdIndex ids() {
        return ids;
    }

    /** Number of items. */
    public int size() {
        return ids.size();
    }

    /** The raw features of item {@code index}. */
    public Features features(int index) {
        return features.get(index);
    }

    /** Width of an encoded item vector. */
    public int inputWidth() {
        return width;
    }

    /** Item {@code index}'s encoded input (a shared array: read only). */
    public float[] inputRow(int index) {
        return inputs[index];
    }

    /** Copies item {@code index}'s encoded input to {@code out[at ..]}. */
    public void copyInput(int index, float[] out, int at) {
        System.arraycopy(inputs[index], 0, out, at, width);
    }

    /** The item-ID row of item {@code index} (0: none). */
    public int idRow(int index) {
        return idRows[index];
    }

    /** Item {@code index}'s rating offset (0 unless the model predicts ratings relative to item biases). */
    public float offset(int index) {
        return offsets[index];
    }

    /** Whether item {@code index} has an ID embedding of its own. */
    public boolean hasOwnId(int index) {
        return idRows[index] != 0;
    }

    /** Whether the catalogue knows its items' training counts (a model file written before they were stored does not). */
    public boolean hasCounts() {
        return counts != null;
    }

    /** Item {@code index}'s number of training interactions (see {@link #hasCounts()}; 0 when unknown). */
    public int count(int index) {
        return counts == null ? 0 : counts[index];
    }
}
