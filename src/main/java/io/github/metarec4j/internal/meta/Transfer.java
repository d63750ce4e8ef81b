package io.github.metarec4j.internal.meta;

import io.github.metarec4j.data.FeatureSchema;
import io.github.metarec4j.internal.data.FeatureEncoder;
import io.github.metarec4j.internal.model.ParameterLayout;
import io.github.metarec4j.internal.model.ParameterLayout.Block;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starts a training run from another model's weights where they mean the same thing on the new
 * data (cross-platform transfer), and from fresh weights elsewhere.
 *
 * <p>What carries over, block by block ({@link ParameterLayout}), when the block has the same
 * shape in both models:
 * <ul>
 *   <li>how a user adapts: the inner learning rates, damping and ridge penalties
 *       ({@code innerRates}, {@code innerDamping}, {@code innerRidge});</li>
 *   <li>the hidden layers and the output layer;</li>
 *   <li>the start of the user state: all of {@code stateInit} when the user tower carries over,
 *       otherwise its bias row alone (the starting state every user shares, with the start bias
 *       of each head: the rating calibration beyond the mean rating, which is always the target
 *       data's own);</li>
 *   <li>a feature tower ({@code userTower}, {@code itemTower}, with {@code factorContent} for
 *       items) only when both models encode that side's features identically (same schema,
 *       same vocabularies, same numeric scaling): otherwise its inputs mean other things.</li>
 * </ul>
 * Never: the tables indexed by item-ID row ({@code itemId}, {@code itemFactor},
 * {@code itemBias}, {@code itemHistory}), since the two catalogues share no item.
 *
 * <p>Stateless; thread-safe.
 */
final class Transfer {

    /** The tables with one row per item of the catalogue: never carried over. */
    private static final Set<String> CATALOGUE_TABLES = Set.of(ParameterLayout.ITEM_ID, ParameterLayout.ITEM_FACTOR,
            ParameterLayout.ITEM_BIAS, ParameterLayout.ITEM_HISTORY);

    /** What was carried over: the blocks copied whole, and those of which only the bias row was. */
    record Report(List<String> copied, List<String> biasOnly) {
        @Override
        public String toString() {
            return "copied " + (copied.isEmpty() ? "nothing" : String.join(", ", copied))
                    + (biasOnly.isEmpty() ? "" : "; bias row only: " + String.join(", ", biasOnly));
        }
    }

    private Transfer() {
    }

    /**
     * Overwrites, in {@code fresh} (laid out by {@code target}), the blocks that carry over from
     * {@code source}.
     *
     * @param sameUserEncoding whether both models encode user features identically
     * @param sameItemEncoding whether both models encode item features identically
     */
    static Report apply(float[] fresh, ParameterLayout target, float[] sourceParams, ParameterLayout source,
                        boolean sameUserEncoding, boolean sameItemEncoding) {
        List<String> copied = new ArrayList<>();
        List<String> biasOnly = new ArrayList<>();
        for (Block b : target.blocks()) {
            if (CATALOGUE_TABLES.contains(b.name()) || !source.has(b.name())) {
                continue;
            }
            Block s = source.block(b.name());
            if (s.rows() != b.rows() || s.cols() != b.cols()) {
                continue;
            }
            boolean whole = switch (b.name()) {
                case ParameterLayout.USER_TOWER -> sameUserEncoding;
                case ParameterLayout.ITEM_TOWER, ParameterLayout.FACTOR_CONTENT -> sameItemEncoding;
                case ParameterLayout.STATE_INIT -> sameUserEncoding;
                default -> true;
            };
            if (whole) {
                System.arraycopy(sourceParams, (int) s.offset(), fresh, (int) b.offset(), (int) b.length());
                copied.add(b.name());
            } else if (b.name().equals(ParameterLayout.STATE_INIT)) {
                // the last row of an augmented layer is its bias: the state every user starts from
                long row = (long) b.inputs() * b.cols();
                System.arraycopy(sourceParams, (int) (s.offset() + row), fresh, (int) (b.offset() + row), b.cols());
                biasOnly.add(b.name());
            }
        }
        return new Report(List.copyOf(copied), List.copyOf(biasOnly));
    }

    /** Whether two encoders turn every feature value into the same input vector. */
    static boolean sameEncoding(FeatureEncoder a, FeatureEncoder b) {
        FeatureSchema schema = a.schema();
        if (!schema.equals(b.schema()) || a.dimension() != b.dimension()) {
            return false;
        }
        for (FeatureSchema.Field f : schema.fields()) {
            boolean same = switch (f.type()) {
                case NUMERIC -> java.util.Arrays.equals(a.numericStats(f.name()), b.numericStats(f.name()));
                default -> a.vocabulary(f.name()).equals(b.vocabulary(f.name()));
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
