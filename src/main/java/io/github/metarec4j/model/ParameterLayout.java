package io.github.metarec4j.model;

import io.github.metarec4j.util.Checks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each parameter of the scorer lives in its single flat parameter vector.
 *
 * <p>Every dense layer is stored as one <em>augmented</em> matrix of {@code (in + 1) x out}
 * values: rows {@code 0..in-1} are the weights, row {@code in} is the bias. A layer's
 * input carries a trailing column of ones, so {@code z = [x, 1] W} is one matrix product
 * and its gradient {@code [x, 1]^T dZ} yields the bias gradient {@code sum(dZ)} in the
 * same operation: half the ND4J calls, which matters at 25-50 microseconds a call.
 *
 * <p>Order: the item-ID table, the user tower, the item tower, the hidden layers, the
 * output layer. Every {@link AdaptationScope} is therefore a contiguous suffix, so the
 * adapted parameters of a user are one slice and an inner-loop update is one operation.
 *
 * <p>Immutable; thread-safe.
 */
public final class ParameterLayout {

    /** Name of the item-ID embedding block. */
    public static final String ITEM_ID = "itemId";
    /** Name of the user tower layer. */
    public static final String USER_TOWER = "userTower";
    /** Name of the item tower layer. */
    public static final String ITEM_TOWER = "itemTower";
    /** Name of the output layer. */
    public static final String OUTPUT = "output";

    /**
     * One named block of the flat vector: a {@code rows x cols} matrix in row-major order
     * starting at {@code offset}. For a layer, {@code rows = in + 1}.
     */
    public record Block(String name, int rows, int cols, long offset) {
        /** Number of values. */
        public long length() {
            return (long) rows * cols;
        }

        /** Number of inputs of a layer block (rows without the bias row). */
        public int inputs() {
            return rows - 1;
        }
    }

    private final int userInputs;
    private final int itemInputs;
    private final int idRows;
    private final int idSize;
    private final int towerSize;
    private final List<Block> blocks;
    private final Map<String, Block> byName;
    private final List<Block> denseLayers;
    private final long size;

    /**
     * Lays out the parameters of a scorer with {@code config} for inputs of the given sizes.
     *
     * @param userInputs length of an encoded user feature vector (may be 0)
     * @param itemInputs length of an encoded item feature vector (may be 0)
     * @param idRows     rows of the item-ID table including the "unknown" row 0; ignored when
     *                   the config disables item IDs
     */
    public ParameterLayout(MlpScorerConfig config, int userInputs, int itemInputs, int idRows) {
        Checks.notNull(config, "config");
        Checks.nonNegative(userInputs, "userInputs");
        Checks.nonNegative(itemInputs, "itemInputs");
        this.userInputs = userInputs;
        this.itemInputs = itemInputs;
        this.idSize = config.itemIdEmbeddingSize();
        this.idRows = idSize > 0 ? Checks.positive(idRows, "idRows") : 0;
        this.towerSize = config.towerSize();
        List<Block> list = new ArrayList<>();
        long at = 0;
        if (idSize > 0) {
            list.add(new Block(ITEM_ID, idRows, idSize, at));
            at += (long) idRows * idSize;
        }
        int t = config.towerSize();
        list.add(new Block(USER_TOWER, userInputs + 1, t, at));
        at += (long) (userInputs + 1) * t;
        list.add(new Block(ITEM_TOWER, itemInputs + 1, t, at));
        at += (long) (itemInputs + 1) * t;
        int in = concatSize(config);
        List<Block> dense = new ArrayList<>();
        for (int l = 0; l < config.hiddenLayers().size(); l++) {
            int out = config.hiddenLayers().get(l);
            Block b = new Block("dense" + (l + 1), in + 1, out, at);
            list.add(b);
            dense.add(b);
            at += (long) (in + 1) * out;
            in = out;
        }
        Block output = new Block(OUTPUT, in + 1, 1, at);
        list.add(output);
        dense.add(output);
        at += in + 1;
        this.blocks = Collections.unmodifiableList(list);
        this.denseLayers = Collections.unmodifiableList(dense);
        Map<String, Block> map = new LinkedHashMap<>();
        list.forEach(b -> map.put(b.name(), b));
        this.byName = Collections.unmodifiableMap(map);
        this.size = at;
    }

    private static int concatSize(MlpScorerConfig config) {
        return 2 * config.towerSize() + config.itemIdEmbeddingSize();
    }

    /** Total number of parameters. */
    public long size() {
        return size;
    }

    /** All blocks in storage order. */
    public List<Block> blocks() {
        return blocks;
    }

    /** The block called {@code name}. */
    public Block block(String name) {
        Block b = byName.get(name);
        Checks.argument(b != null, "no parameter block '" + name + "'; blocks are " + byName.keySet());
        return b;
    }

    /** Whether the item-ID table exists. */
    public boolean hasItemIds() {
        return idSize > 0;
    }

    /** The hidden layers and the output layer, in order. */
    public List<Block> denseLayers() {
        return denseLayers;
    }

    /** Length of an encoded user vector. */
    public int userInputs() {
        return userInputs;
    }

    /** Length of an encoded item vector. */
    public int itemInputs() {
        return itemInputs;
    }

    /** Rows of the item-ID table (0 without IDs). */
    public int idRows() {
        return idRows;
    }

    /** Width of an item-ID embedding (0 without IDs). */
    public int idSize() {
        return idSize;
    }

    /** Width of each tower. */
    public int towerSize() {
        return towerSize;
    }

    /** Width of the concatenation {@code [h_user, h_item, e_id]} that feeds the first dense layer. */
    public int concatSize() {
        return 2 * towerSize + idSize;
    }

    /** Offset where the parameters adapted under {@code scope} begin; they run to the end. */
    public long adaptedOffset(AdaptationScope scope) {
        return switch (scope) {
            case HEAD -> block(OUTPUT).offset();
            case DENSE -> denseLayers.get(0).offset();
            case ALL -> block(USER_TOWER).offset();
        };
    }

    /** Number of parameters adapted under {@code scope}. */
    public long adaptedSize(AdaptationScope scope) {
        return size - adaptedOffset(scope);
    }

    /** Whether {@code block} is adapted under {@code scope}. */
    public boolean isAdapted(Block block, AdaptationScope scope) {
        return block.offset() >= adaptedOffset(scope);
    }

    /**
     * The block as a {@code rows x cols} view of {@code flat}, a row vector holding the parameters
     * from {@code base} on (the whole vector: base 0; an adapted slice: its adapted offset).
     * Writes to the view write {@code flat}.
     */
    public static INDArray view(INDArray flat, Block block, long base) {
        return matrix(flat, block.offset() - base, block.rows(), block.cols());
    }

    /** The weight rows of a layer block (without the bias row), as a view like {@link #view}. */
    public static INDArray weightsView(INDArray flat, Block block, long base) {
        return matrix(flat, block.offset() - base, block.inputs(), block.cols());
    }

    /** The bias row of a layer block, {@code [1, cols]}, as a view like {@link #view}. */
    public static INDArray biasView(INDArray flat, Block block, long base) {
        return matrix(flat, block.offset() - base + (long) block.inputs() * block.cols(), 1, block.cols());
    }

    /**
     * The block as a {@code [tasks, rows, cols]} view of {@code perTask}, a {@code [tasks, n]}
     * matrix whose row {@code b} holds task b's copy of the parameters from {@code base} on.
     */
    public static INDArray perTaskView(INDArray perTask, Block block, long base) {
        return perTask(perTask, block.offset() - base, block.rows(), block.cols());
    }

    /** Values {@code from .. from + length} of a row vector, as a {@code [1, length]} view. */
    public static INDArray slice(INDArray flat, long from, long length) {
        return matrix(flat, from, 1, length);
    }

    /*
     * Views are built from the buffer, offset and strides directly. ND4J 1.0.0-M2.1's
     * INDArray.get(interval) is unreliable on a view created with an explicit offset: for
     * some offsets it returns an empty array (e.g. rows [4, 5) of a 5x3 view at offset 12),
     * so the library never indexes into such views.
     */
    private static INDArray matrix(INDArray flat, long from, long rows, long cols) {
        return Nd4j.create(flat.data(), new long[]{rows, cols}, new long[]{cols, 1}, flat.offset() + from, 'c');
    }

    private static INDArray perTask(INDArray perTask, long from, long rows, long cols) {
        return Nd4j.create(perTask.data(), new long[]{perTask.size(0), rows, cols},
                new long[]{perTask.stride(0), cols, 1}, perTask.offset() + from, 'c');
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ParameterLayout[").append(size).append(" parameters:");
        for (Block b : blocks) {
            s.append(' ').append(b.name()).append(' ').append(b.rows()).append('x').append(b.cols());
        }
        return s.append(']').toString();
    }
}
