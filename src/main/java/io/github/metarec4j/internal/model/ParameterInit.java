package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.model.ScorerConfig;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scorer's starting parameters:
 * <ul>
 *   <li>the tower and hidden layers' weights by the configured DL4J {@link WeightInit}, biases
 *       0, and zero weights from the "unknown" slots of categorical features (a category never
 *       seen in training then adds nothing rather than an untrained random vector);</li>
 *   <li>the output layer at 0, so that the dense layers start by adding nothing to the heads:
 *       a new model predicts the item's offset plus the user's bias (the damped-bias baseline)
 *       and ranks by the engagement head's starting biases (popularity), and the dense layers
 *       learn what they add from there, rather than first unlearning random outputs;</li>
 *   <li>the map from the item tower to item factors by {@link WeightInit#XAVIER}, so that item
 *       factors start away from 0 and the user's factors get a gradient from the first step
 *       (both starting at 0 would be a saddle point of their product);</li>
 *   <li>the ID tables N(0, 0.01^2) with the "no ID" row 0 at 0, except the item biases, which
 *       start at the values given (0, or the engagement head's log-popularity);</li>
 *   <li>the map to the starting user state at 0 (every user starts at the shared state until
 *       the towers learn otherwise), the inner log learning rates at ln(rate), the log
 *       damping counts at ln(damping), and the log ridge penalties at ln(ridge).</li>
 * </ul>
 * Each block draws from the calling thread's ND4J generator, re-seeded per block, so one
 * seed gives one set of parameters. Stateless; thread-safe, except that it re-seeds the
 * calling thread's ND4J generator.
 */
public final class ParameterInit {

    private ParameterInit() {
    }

    /**
     * Fresh parameters for {@code layout}.
     *
     * @param seed             seeds every block
     * @param userUnknownSlots positions of the "unknown" slots in the encoded user vector
     * @param itemUnknownSlots the same for items
     * @param itemBias         each ID row's starting bias per head ({@code idRows x heads}), or null for 0
     * @param innerRate        the inner loop's starting learning rate (its log fills {@code innerRates})
     * @param damping          the starting damping count (its log fills {@code innerDamping})
     * @param ridge            the starting ridge penalty (its log fills {@code innerRidge})
     * @param type             FLOAT for training, DOUBLE for gradient checks
     * @return a {@code [1, size]} row vector
     */
    public static INDArray initialParameters(ParameterLayout layout, ScorerConfig.WeightInit weightInit, long seed,
                                             int[] userUnknownSlots, int[] itemUnknownSlots, double[][] itemBias,
                                             double innerRate, double damping, double ridge,
                                             DataType type) {
        Checks.notNull(layout, "layout");
        Checks.notNull(weightInit, "weightInit");
        Checks.positive(innerRate, "innerRate", "the inner loop's starting step size; try 0.1 to 1");
        Checks.argument(!layout.ridge() || ridge > 0, "a layout with the ridge needs a positive starting penalty, "
                + "got " + ridge);
        Checks.argument(!layout.damped() || damping > 0, "a damped layout needs a positive starting damping count, got "
                + damping);
        Checks.argument(itemBias == null || itemBias.length == layout.idRows(), "one starting bias row per ID "
                + "row is needed: " + layout.idRows() + " rows, got " + (itemBias == null ? 0 : itemBias.length));
        INDArray params = Nd4j.zeros(type, 1, layout.size());
        long s = seed;
        for (ParameterLayout.Block b : layout.blocks()) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            Nd4j.getRandom().setSeed(s);
            INDArray view = ParameterLayout.view(params, b);
            switch (b.name()) {
                case ParameterLayout.ITEM_ID, ParameterLayout.ITEM_FACTOR, ParameterLayout.ITEM_HISTORY -> {
                    INDArray table = Nd4j.randn(type, b.rows(), b.cols()).muli(0.01);
                    table.getRow(0).assign(0);
                    view.assign(table);
                }
                case ParameterLayout.ITEM_BIAS -> {
                    if (itemBias != null) {
                        view.assign(Nd4j.create(itemBias).castTo(type));
                    }
                }
                case ParameterLayout.STATE_INIT, ParameterLayout.OUTPUT -> {
                    // start at 0: every user at the shared state, and the dense layers adding nothing
                }
                case ParameterLayout.INNER_RATES -> view.assign(Math.log(innerRate));
                case ParameterLayout.INNER_DAMPING -> view.assign(Math.log(damping));
                case ParameterLayout.INNER_RIDGE -> view.assign(Math.log(ridge));
                default -> {
                    if (b.inputs() == 0) {
                        break; // a layer without inputs (no features on that side): its bias alone, at 0
                    }
                    // the API's scheme is DL4J's of the same name
                    WeightInit scheme = b.name().equals(ParameterLayout.FACTOR_CONTENT) ? WeightInit.XAVIER
                            : WeightInit.valueOf(weightInit.name());
                    INDArray w = Nd4j.create(type, b.inputs(), b.cols());
                    scheme.getWeightInitFunction().init(b.inputs(), b.cols(), new long[]{b.inputs(), b.cols()}, 'c',
                            w);
                    int[] unknown = b.name().equals(ParameterLayout.USER_TOWER) ? userUnknownSlots
                            : b.name().equals(ParameterLayout.ITEM_TOWER) ? itemUnknownSlots : new int[0];
                    for (int slot : unknown) {
                        w.getRow(slot).assign(0);
                    }
                    INDArray full = Nd4j.zeros(type, b.rows(), b.cols());
                    for (int r = 0; r < b.inputs(); r++) {
                        full.getRow(r).assign(w.getRow(r));
                    }
                    view.assign(full);
                }
            }
        }
        return params;
    }
}
