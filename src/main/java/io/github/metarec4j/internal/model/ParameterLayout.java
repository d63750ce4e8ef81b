package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each parameter of the scorer lives in its single flat parameter vector, and the
 * sizes the {@link Network} works with.
 *
 * <p>Blocks, in storage order (those a configuration does not use are absent):
 * <ol>
 *   <li>tables with one row per item-ID row (row 0: "no ID of its own", the content-only
 *       fallback): {@value #ITEM_ID} (the embedding fed to the dense layers),
 *       {@value #ITEM_FACTOR} (the item's factors, one set per factor head),
 *       {@value #ITEM_BIAS} (one bias per head), {@value #ITEM_HISTORY} (the history
 *       embedding that starts the user's factor vector);</li>
 *   <li>layers, each an <em>augmented</em> {@code (in + 1) x out} matrix whose last row is the
 *       bias: {@value #USER_TOWER}, {@value #ITEM_TOWER}, {@value #FACTOR_CONTENT} (item tower
 *       output to item factors), {@value #STATE_INIT} (user tower output to the starting user
 *       state);</li>
 *   <li>{@value #INNER_RATES}: the inner loop's log learning rates, one per adapted value
 *       (Meta-SGD), when they are learned; {@value #INNER_DAMPING}: the log damping counts that
 *       shrink each adapted value's change by the support's size, when adaptation is damped;
 *       {@value #INNER_RIDGE}: the log ridge penalties of the rating head's user values, when
 *       the inner loop solves them in closed form;</li>
 *   <li>the hidden layers {@code dense1 ..} and the {@value #OUTPUT} layer (one column per head).</li>
 * </ol>
 *
 * <p>The adapted values of a user are the user state ({@link #stateSize()}: k factors per set of
 * item factors, so one vector shared by the heads or one per head, then one bias per head)
 * followed, under {@link AdaptationScope#HEAD}, by the output layer's values.
 *
 * <p>Immutable; thread-safe.
 */
public final class ParameterLayout {

    /**
     * The most parameters a scorer may have ({@value}, 1 GiB as float32): training holds several
     * copies (the weights, their gradient, Adam's two moments, the best epoch's), and a model file
     * stores them in one array, so a larger one is refused before anything is allocated.
     */
    public static final long MAX_PARAMETERS = 1L << 28;

    /** The item-ID embedding table fed to the dense layers. */
    public static final String ITEM_ID = "itemId";
    /** The item factors by ID row: {@code factorHeads x k} columns. */
    public static final String ITEM_FACTOR = "itemFactor";
    /** The item bias by ID row, one column per head. */
    public static final String ITEM_BIAS = "itemBias";
    /** The history embedding by ID row ({@code k} columns). */
    public static final String ITEM_HISTORY = "itemHistory";
    /** The user tower layer. */
    public static final String USER_TOWER = "userTower";
    /** The item tower layer. */
    public static final String ITEM_TOWER = "itemTower";
    /** The map from the item tower's output to item factors. */
    public static final String FACTOR_CONTENT = "factorContent";
    /** The map from the user tower's output to the starting user state. */
    public static final String STATE_INIT = "stateInit";
    /** The inner loop's log learning rates, one per adapted value. */
    public static final String INNER_RATES = "innerRates";
    /** The log damping counts d of the adapted values' change, {@code n / (n + d)} for a support of n. */
    public static final String INNER_DAMPING = "innerDamping";
    /** The log ridge penalties of the rating head's user values (factors, then bias), solved in closed form. */
    public static final String INNER_RIDGE = "innerRidge";
    /** The output layer: one column per head. */
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
    private final int factors;
    private final int factorHeads;
    private final int heads;
    private final boolean history;
    private final int historyOffset;
    private final AdaptationScope scope;
    private final List<Block> blocks;
    private final Map<String, Block> byName;
    private final List<Block> denseLayers;
    private final List<Block> tables;
    private final long size;

    /**
     * Lays out the parameters of a scorer.
     *
     * @param config      the scorer's configuration
     * @param objective   the resolved objective (not {@link Objective#AUTO}): it fixes the heads
     * @param scope       what the inner loop adapts
     * @param learnRates  whether the inner loop's learning rates are parameters (Meta-SGD)
     * @param damped      whether the change the inner loop makes is shrunk by the support's size,
     *                    with learned damping counts
     * @param ridge       whether the rating head's user values are solved in closed form (ridge
     *                    regression) when they are the rating head's own: a rating model, or both
     *                    heads with separate factors, and only the user state adapted
     * @param userInputs  length of an encoded user feature vector (may be 0)
     * @param itemInputs  length of an encoded item feature vector (may be 0)
     * @param idRows      rows of the ID tables, including the "no ID" row 0 (at least 1)
     */
    public ParameterLayout(ScorerConfig config, Objective objective, AdaptationScope scope, boolean learnRates,
                           boolean damped, boolean ridge, int userInputs, int itemInputs, int idRows) {
        Checks.notNull(config, "config");
        Checks.notNull(objective, "objective");
        Checks.argument(objective != Objective.AUTO, "the layout needs a resolved objective, got AUTO");
        this.scope = Checks.notNull(scope, "scope");
        this.userInputs = Checks.nonNegative(userInputs, "userInputs");
        this.itemInputs = Checks.nonNegative(itemInputs, "itemInputs");
        this.idRows = Checks.positive(idRows, "idRows");
        this.idSize = config.itemIdEmbeddingSize();
        this.towerSize = config.towerSize();
        this.factors = config.userFactors();
        this.heads = objective.heads();
        this.factorHeads = factors == 0 ? 0 : heads == 2 && config.separateFactors() ? 2 : 1;
        this.history = config.historyEncoder() && factors > 0;
        // with a user vector per head, the history (the items the user chose) starts the engagement head's
        this.historyOffset = factorHeads == 2 ? objective.engagementHead() * factors : 0;
        int t = towerSize;
        List<Block> list = new ArrayList<>();
        long[] at = {0};
        List<Block> tableList = new ArrayList<>();
        if (idSize > 0) {
            tableList.add(add(list, at, ITEM_ID, idRows, idSize));
        }
        if (factors > 0) {
            tableList.add(add(list, at, ITEM_FACTOR, idRows, factorHeads * factors));
        }
        tableList.add(add(list, at, ITEM_BIAS, idRows, heads));
        if (history) {
            tableList.add(add(list, at, ITEM_HISTORY, idRows, factors));
        }
        add(list, at, USER_TOWER, userInputs + 1, t);
        add(list, at, ITEM_TOWER, itemInputs + 1, t);
        if (factors > 0) {
            add(list, at, FACTOR_CONTENT, t + 1, factorHeads * factors);
        }
        add(list, at, STATE_INIT, t + 1, stateSize());
        int in = concatSize();
        List<Integer> hidden = config.hiddenLayers();
        int outputInputs = hidden.isEmpty() ? in : hidden.get(hidden.size() - 1);
        int adapted = stateSize() + (scope == AdaptationScope.HEAD ? (outputInputs + 1) * heads : 0);
        if (learnRates) {
            add(list, at, INNER_RATES, 1, adapted);
        }
        if (damped) {
            add(list, at, INNER_DAMPING, 1, adapted);
        }
        boolean ownRatingValues = objective == Objective.RATING || (objective == Objective.JOINT && factorHeads != 1);
        if (ridge && ownRatingValues && scope == AdaptationScope.USER) {
            add(list, at, INNER_RIDGE, 1, factorHeads == 0 ? 1 : factors + 1);
        }
        List<Block> dense = new ArrayList<>();
        for (int l = 0; l < hidden.size(); l++) {
            dense.add(add(list, at, "dense" + (l + 1), in + 1, hidden.get(l)));
            in = hidden.get(l);
        }
        dense.add(add(list, at, OUTPUT, in + 1, heads));
        this.blocks = Collections.unmodifiableList(list);
        this.denseLayers = Collections.unmodifiableList(dense);
        this.tables = Collections.unmodifiableList(tableList);
        Map<String, Block> map = new LinkedHashMap<>();
        list.forEach(b -> map.put(b.name(), b));
        this.byName = Collections.unmodifiableMap(map);
        this.size = at[0];
        if (size > MAX_PARAMETERS) {
            Block largest = list.stream().max(java.util.Comparator.comparingLong(Block::length)).orElseThrow();
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the scorer would have %,d "
                    + "parameters, more than the %,d allowed; its largest block, %s (%,d x %,d), is set by %s: "
                    + "lower it", size, MAX_PARAMETERS, largest.name(), largest.rows(), largest.cols(),
                    settingOf(largest.name())));
        }
    }

    /** The settings (or data) that decide the size of block {@code name}, for messages. */
    private static String settingOf(String name) {
        return switch (name) {
            case ITEM_ID -> "itemIdEmbeddingSize and the number of items with an ID";
            case ITEM_FACTOR, ITEM_HISTORY -> "userFactors and the number of items with an ID";
            case ITEM_BIAS -> "the number of items with an ID";
            case USER_TOWER -> "towerSize and the width of the encoded user features";
            case ITEM_TOWER -> "towerSize and the width of the encoded item features";
            case FACTOR_CONTENT, STATE_INIT -> "towerSize and userFactors";
            case INNER_RATES, INNER_DAMPING, INNER_RIDGE -> "userFactors";
            default -> "hiddenLayers, towerSize and itemIdEmbeddingSize";
        };
    }

    private static Block add(List<Block> list, long[] at, String name, int rows, int cols) {
        Block b = new Block(name, rows, cols, at[0]);
        list.add(b);
        at[0] += (long) rows * cols;
        return b;
    }

    /** Total number of parameters. */
    public long size() {
        return size;
    }

    /** The block that holds flat parameter {@code index}. */
    public Block blockAt(long index) {
        Checks.argument(index >= 0 && index < size, "parameter index " + index + " is outside 0 to " + (size - 1));
        for (Block b : blocks) {
            if (index < b.offset() + b.length()) {
                return b;
            }
        }
        throw new IllegalStateException("the blocks do not cover parameter " + index);
    }

    /** All blocks in storage order. */
    public List<Block> blocks() {
        return blocks;
    }

    /** The tables indexed by item-ID row, in storage order. */
    public List<Block> tables() {
        return tables;
    }

    /** The block called {@code name}. */
    public Block block(String name) {
        Block b = byName.get(name);
        Checks.argument(b != null, "no parameter block '" + name + "'; blocks are " + byName.keySet());
        return b;
    }

    /** Whether there is a block called {@code name}. */
    public boolean has(String name) {
        return byName.containsKey(name);
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

    /** Rows of the ID tables, the "no ID" row 0 included. */
    public int idRows() {
        return idRows;
    }

    /** Width of an item-ID embedding (0 without one). */
    public int idSize() {
        return idSize;
    }

    /** Width of each tower. */
    public int towerSize() {
        return towerSize;
    }

    /** Length k of the user's factor vector (0 without factors). */
    public int factors() {
        return factors;
    }

    /** Sets of item factors: 0 without factors, 1 shared by the heads, 2 one per head. */
    public int factorHeads() {
        return factorHeads;
    }

    /** Number of heads (output columns). */
    public int heads() {
        return heads;
    }

    /** Whether the history encoder starts the user's factor vector. */
    public boolean hasHistory() {
        return history;
    }

    /** Width of the concatenation {@code [h_user, h_item, e_id]} that feeds the first dense layer. */
    public int concatSize() {
        return 2 * towerSize + idSize;
    }

    /** Length of the user state: k factors per set of item factors, then one bias per head. */
    public int stateSize() {
        return factorHeads * factors + heads;
    }

    /** Where the per-head user biases start in the state. */
    public int biasOffset() {
        return factorHeads * factors;
    }

    /** Where the user vector that the history encoder starts begins in the state. */
    public int historyOffset() {
        return historyOffset;
    }

    /** What the inner loop adapts. */
    public AdaptationScope scope() {
        return scope;
    }

    /** Number of adapted values per user: the state, and the output layer under {@link AdaptationScope#HEAD}. */
    public int adaptedSize() {
        return stateSize() + (scope == AdaptationScope.HEAD ? (int) block(OUTPUT).length() : 0);
    }

    /** Whether the inner loop's learning rates are parameters. */
    public boolean learnsRates() {
        return has(INNER_RATES);
    }

    /** Whether the rating head's user values are solved in closed form. */
    public boolean ridge() {
        return has(INNER_RIDGE);
    }

    /**
     * The positions in the adapted values of the rating head's own user values that the ridge
     * solves: its factors (if any), then its bias. Empty without the ridge.
     */
    public int[] ridgeValues() {
        if (!ridge()) {
            return new int[0];
        }
        int rating = 0; // the rating head is output column 0 whenever there is one (Objective.ratingHead)
        int set = factorHeads == 2 ? rating : 0;
        int k = factorHeads == 0 ? 0 : factors;
        int[] at = new int[k + 1];
        for (int j = 0; j < k; j++) {
            at[j] = set * factors + j;
        }
        at[k] = biasOffset() + rating;
        return at;
    }

    /**
     * Whether each value of the flat vector is read by head {@code head} alone: its item factors
     * and biases, its columns of the factor map, of the state map and of the output layer, its
     * user values' inner rates, damping counts and ridge penalties, and the history table when
     * it starts that head's user vector. Everything else (towers, ID embedding, hidden layers)
     * serves every head. With one head, or both heads sharing their factors, only the per-head
     * columns belong to one head.
     */
    public boolean[] ownedBy(int head) {
        Checks.argument(head >= 0 && head < heads, "head " + head + " does not exist (the layout has " + heads + ")");
        boolean[] own = new boolean[(int) size];
        boolean separate = factorHeads == 2;
        int[] stateColumns = stateColumnsOf(head, separate);
        for (Block b : blocks) {
            int at = (int) b.offset();
            switch (b.name()) {
                case ITEM_FACTOR, FACTOR_CONTENT -> {
                    if (separate) {
                        columns(own, b, head * factors, (head + 1) * factors);
                    }
                }
                case ITEM_BIAS, OUTPUT -> columns(own, b, head, head + 1);
                case STATE_INIT -> {
                    for (int c : stateColumns) {
                        columns(own, b, c, c + 1);
                    }
                }
                case INNER_RATES, INNER_DAMPING -> {
                    for (int c : stateColumns) {
                        own[at + c] = true;
                    }
                    if (scope == AdaptationScope.HEAD) {
                        // the adapted copy of the output layer: column `head` of each row
                        Block out = block(OUTPUT);
                        for (int r = 0; r < out.rows(); r++) {
                            own[at + stateSize() + r * out.cols() + head] = true;
                        }
                    }
                }
                case INNER_RIDGE -> {
                    if (head == 0) {
                        java.util.Arrays.fill(own, at, at + (int) b.length(), true); // the rating head's
                    }
                }
                case ITEM_HISTORY -> {
                    if (separate && historyOffset == head * factors) {
                        java.util.Arrays.fill(own, at, at + (int) b.length(), true);
                    }
                }
                default -> {
                    // shared by every head
                }
            }
        }
        return own;
    }

    /** The positions in the user state of head {@code head}'s own values: its factors (if its own) and its bias. */
    private int[] stateColumnsOf(int head, boolean separate) {
        int n = (separate ? factors : 0) + 1;
        int[] c = new int[n];
        for (int j = 0; j < n - 1; j++) {
            c[j] = head * factors + j;
        }
        c[n - 1] = biasOffset() + head;
        return c;
    }

    private static void columns(boolean[] own, Block b, int from, int to) {
        for (int r = 0; r < b.rows(); r++) {
            int at = (int) b.offset() + r * b.cols();
            java.util.Arrays.fill(own, at + from, at + to, true);
        }
    }

    /** Whether the inner loop's change is damped by the support's size. */
    public boolean damped() {
        return has(INNER_DAMPING);
    }

    /** The block as a {@code rows x cols} view of {@code flat} (a {@code [1, size]} vector); writes go through. */
    public static INDArray view(INDArray flat, Block block) {
        return Nd4j.create(flat.data(), new long[]{block.rows(), block.cols()}, new long[]{block.cols(), 1},
                flat.offset() + block.offset(), 'c');
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
