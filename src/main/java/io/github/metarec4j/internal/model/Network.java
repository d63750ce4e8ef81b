package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;
import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.Objective;
import io.github.metarec4j.model.ScorerConfig.EngagementLoss;
import io.github.metarec4j.model.ScorerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.metarec4j.internal.model.ParameterLayout.FACTOR_CONTENT;
import static io.github.metarec4j.internal.model.ParameterLayout.INNER_DAMPING;
import static io.github.metarec4j.internal.model.ParameterLayout.INNER_RATES;
import static io.github.metarec4j.internal.model.ParameterLayout.INNER_RIDGE;
import static io.github.metarec4j.internal.model.ParameterLayout.ITEM_BIAS;
import static io.github.metarec4j.internal.model.ParameterLayout.ITEM_FACTOR;
import static io.github.metarec4j.internal.model.ParameterLayout.ITEM_HISTORY;
import static io.github.metarec4j.internal.model.ParameterLayout.ITEM_ID;
import static io.github.metarec4j.internal.model.ParameterLayout.ITEM_TOWER;
import static io.github.metarec4j.internal.model.ParameterLayout.OUTPUT;
import static io.github.metarec4j.internal.model.ParameterLayout.STATE_INIT;
import static io.github.metarec4j.internal.model.ParameterLayout.USER_TOWER;

/**
 * The scorer, defined once: its forward pass, its loss, its backward pass, the inner loop
 * that adapts it to one user and the first-order meta-gradient of one task, all written
 * against {@link Tensors}. Training and serving run it on {@link JavaTensors} (the fast
 * path); the tests run it on {@link Nd4jTensors} too (the reference, and double precision
 * for gradient checks). Nothing else in the library computes the scorer's maths.
 *
 * <pre>
 *   h_u = relu([u, 1] W_user)                    user tower       (u: encoded user features)
 *   h_v = relu([v, 1] W_item)                    item tower       (v: encoded item features)
 *   e   = E[id]                                  item-ID embedding (row 0: no ID of its own)
 *   a_0 = [h_u, h_v, e];  a_l = relu([a_(l-1), 1] W_l);   m = [a_L, 1] W_out      one column per head
 *   q_h = F_h[id] + [h_v, 1] W_q,h               item factors of head h
 *   y_h = m_h + G[id, h] + b_h + p . q_h          head h's output
 * </pre>
 *
 * The user state {@code s = [p, b]} (k factors, shared by the heads or one vector per head
 * with {@link ScorerConfig#separateFactors()}, and one bias per head) is what the inner loop
 * adapts (with the output layer under {@link AdaptationScope#HEAD}). It starts at
 * {@code [h_u, 1] W_s}, plus, with the history encoder, {@code |S|^-1/2 sum_(j in S) Y[id_j]}
 * over the user's support items added to p (to the engagement head's p when each head has
 * its own). Each inner step is
 * {@code A <- A - exp(rho) * grad_A L_S(A)} with per-value log learning rates rho (learned, as
 * Meta-SGD, or all equal to a fixed rate). The rating is {@code mu + b_i + y_rating}; the
 * engagement head's output is a score whose differences are log-odds between items.
 *
 * <p>Loss of one side's {@link Rows} with outputs y, weighted by c:
 * <pre>
 *   L = c [ lambda_r / (2P) sum_(j &lt; P) (y_rating,j - t_j)^2
 *         + lambda_e / sum(w) sum_(j &lt; P) w_j softplus(logsumexp_(n &ge; P)(y_eng,n) - y_eng,j) ]
 * </pre>
 * over the P positives (the user's interactions, strengths w) and the sampled negatives; the
 * second term is a sampled softmax that ranks each positive above the negatives.
 *
 * <p>First order: the adapted values {@code A_K} are treated as {@code A_0 + delta} with delta a
 * constant, so the query loss's gradient at {@code A_K} is also its gradient at {@code A_0}
 * and flows into {@code W_s}, the user tower, the history table and (HEAD) the output layer.
 * The learning rates get {@code dL/drho_j = -c_j sum_k dL/dA_j exp(rho_j) g_k,j}, the derivative
 * of the unrolled steps with each step's gradient {@code g_k} held fixed (c the damping factor,
 * 1 without), and the damping counts {@code dL/ddelta_j = -dL/dA_j (A_K - A_0)_j n e^delta_j / (n + e^delta_j)^2}.
 *
 * <p>Immutable and thread-safe; the {@link Tensors} passed to each call are not.
 */
public final class Network {

    private final ScorerConfig config;
    private final ParameterLayout layout;
    private final Objective objective;
    private final int heads;
    private final int k;
    private final int factorHeads;
    private final int towerSize;
    private final int hiddenLayers;
    private final int ratingHead;
    private final int engagementHead;
    private final double ratingWeight;
    private final double engagementWeight;

    /**
     * @param config    the scorer's configuration
     * @param objective the resolved objective
     * @param layout    the parameter layout for this configuration and objective
     */
    public Network(ScorerConfig config, Objective objective, ParameterLayout layout) {
        this.config = Checks.notNull(config, "config");
        this.layout = Checks.notNull(layout, "layout");
        this.objective = Checks.notNull(objective, "objective");
        Checks.argument(objective.heads() == layout.heads(), "the layout has " + layout.heads()
                + " heads but objective " + objective + " has " + objective.heads());
        this.heads = layout.heads();
        this.k = layout.factors();
        this.factorHeads = layout.factorHeads();
        this.towerSize = layout.towerSize();
        this.hiddenLayers = layout.denseLayers().size() - 1;
        this.ratingHead = objective.ratingHead();
        this.engagementHead = objective.engagementHead();
        this.ratingWeight = objective.hasRatingHead() ? 1 : 0;
        this.engagementWeight = objective == Objective.JOINT ? config.engagementWeight()
                : objective == Objective.ENGAGEMENT ? 1 : 0;
    }

    /** The parameter layout. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The configuration. */
    public ScorerConfig config() {
        return config;
    }

    /** The resolved objective. */
    public Objective objective() {
        return objective;
    }

    // ------------------------------------------------------------------ forward

    /** The user tower's output {@code h_u}: a {@code 1 x T} row. */
    public <M> M user(Tensors<M> t, float[] userInput) {
        Checks.argument(userInput.length == layout.userInputs(), "a user input has " + layout.userInputs()
                + " values, got " + userInput.length);
        return t.relu(t.affine(t.constant(new float[][]{userInput}), t.param(layout.block(USER_TOWER)), 0));
    }

    /**
     * What a set of item rows computes before it meets a user: everything here is the same for
     * every user, so a served model computes it once for its whole catalogue.
     *
     * @param <M> the matrix type
     */
    public static final class Items<M> {
        final M input;
        final int[] ids;
        final M hv;
        /** {@code [h_v, e]}: the item part of the first dense layer's input. */
        final M x;
        /**
         * {@code [x, 1] W_1[T ..]}: the item part of the first layer that meets the user (the first
         * hidden layer, or the shared output layer without hidden layers); null if that layer is adapted.
         */
        final M first;
        /** Item factors {@code n x factorHeads*k}; null without factors. */
        final M q;
        /** Item biases {@code n x heads}. */
        final M g;

        Items(M input, int[] ids, M hv, M x, M first, M q, M g) {
            this.input = input;
            this.ids = ids;
            this.hv = hv;
            this.x = x;
            this.first = first;
            this.q = q;
            this.g = g;
        }

        /** Number of rows. */
        public int size() {
            return ids.length;
        }
    }

    /** The user-independent part of {@code rows} (encoded item features and ID rows). */
    public <M> Items<M> items(Tensors<M> t, float[][] inputs, int[] ids) {
        Checks.argument(inputs.length == ids.length, inputs.length + " item inputs but " + ids.length + " ids");
        M input = t.constant(inputs);
        M hv = t.relu(t.affine(input, t.param(layout.block(ITEM_TOWER)), 0));
        M x = layout.idSize() > 0 ? t.concat(hv, t.gather(layout.block(ITEM_ID), ids)) : hv;
        // the item part of the first layer the user meets: a hidden layer's, or, without hidden
        // layers, the output layer's when it is shared (not adapted)
        M first = hiddenLayers > 0 ? t.affine(x, t.param(layout.denseLayers().get(0)), towerSize)
                : layout.scope() == AdaptationScope.USER ? t.affine(x, t.param(layout.block(OUTPUT)), towerSize)
                : null;
        M q = k > 0 ? t.add(t.gather(layout.block(ITEM_FACTOR), ids),
                t.affine(hv, t.param(layout.block(FACTOR_CONTENT)), 0)) : null;
        M g = t.gather(layout.block(ITEM_BIAS), ids);
        return new Items<>(input, ids, hv, x, first, q, g);
    }

    /** The hidden layers' outputs {@code a_1 .. a_L} for a user's rows (empty without hidden layers). */
    public <M> List<M> hidden(Tensors<M> t, M hu, Items<M> items) {
        List<M> acts = new ArrayList<>(hiddenLayers);
        if (hiddenLayers == 0) {
            return acts;
        }
        List<ParameterLayout.Block> dense = layout.denseLayers();
        M a = t.relu(t.addRow(items.first, t.times(hu, t.param(dense.get(0)), 0)));
        acts.add(a);
        for (int l = 1; l < hiddenLayers; l++) {
            a = t.relu(t.affine(a, t.param(dense.get(l)), 0));
            acts.add(a);
        }
        return acts;
    }

    /** The output layer {@code m = [a_L, 1] W_out} (or {@code [h_u, x, 1] W_out} without hidden layers). */
    private <M> M outputLayer(Tensors<M> t, M hu, Items<M> items, List<M> acts, M wOut) {
        if (hiddenLayers == 0) {
            // the shared layer's item part is computed with the items; an adapted one per user
            M itemPart = items.first != null ? items.first : t.affine(items.x, wOut, towerSize);
            return t.addRow(itemPart, t.times(hu, wOut, 0));
        }
        return t.affine(acts.get(hiddenLayers - 1), wOut, 0);
    }

    /** {@code y = m + g + factor part}: the heads' outputs for a user state. */
    private <M> M heads(Tensors<M> t, Items<M> items, M m, double[] adapted) {
        M y = t.add(m, items.g);
        if (k == 0) {
            return t.addRow(y, t.constant(new double[][]{Arrays.copyOfRange(adapted, 0, heads)}));
        }
        return t.add(y, t.affine(items.q, t.constant(factorMatrix(adapted)), 0));
    }

    /**
     * The user state as augmented weights over the item factors: {@code (factorHeads k + 1) x heads},
     * head h's column holding p against its factor set and b_h in the last row.
     */
    private double[][] factorMatrix(double[] state) {
        double[][] w = new double[factorHeads * k + 1][heads];
        for (int h = 0; h < heads; h++) {
            int set = factorSet(h);
            for (int j = 0; j < k; j++) {
                w[set * k + j][h] = state[set * k + j];
            }
            w[factorHeads * k][h] = state[layout.biasOffset() + h];
        }
        return w;
    }

    /** The set of item and user factors head {@code h} reads: its own with separate factors, else the shared set 0. */
    int factorSet(int h) {
        return factorHeads == 1 ? 0 : h;
    }

    /** The output layer's weights for a user: the adapted copy under HEAD, else the shared ones. */
    private <M> M outputWeights(Tensors<M> t, double[] adapted) {
        ParameterLayout.Block out = layout.block(OUTPUT);
        if (layout.scope() == AdaptationScope.USER) {
            return t.param(out);
        }
        double[][] w = new double[out.rows()][out.cols()];
        int at = layout.stateSize();
        for (double[] row : w) {
            System.arraycopy(adapted, at, row, 0, row.length);
            at += row.length;
        }
        return t.constant(w);
    }

    /**
     * One user's rows, forward, with what the backward pass needs.
     *
     * @param <M> the matrix type
     */
    public static final class Pass<M> {
        final M hu;
        final Items<M> items;
        final List<M> acts;
        /** The output layer's result for the shared weights (USER scope), reused by every inner step. */
        final M sharedOutput;

        Pass(M hu, Items<M> items, List<M> acts, M sharedOutput) {
            this.hu = hu;
            this.items = items;
            this.acts = acts;
            this.sharedOutput = sharedOutput;
        }
    }

    /** Runs everything that does not depend on the adapted values: towers, tables, hidden layers. */
    public <M> Pass<M> pass(Tensors<M> t, M hu, Items<M> items) {
        List<M> acts = hidden(t, hu, items);
        M shared = layout.scope() == AdaptationScope.USER
                ? outputLayer(t, hu, items, acts, t.param(layout.block(OUTPUT))) : null;
        return new Pass<>(hu, items, acts, shared);
    }

    /** The heads' outputs for adapted values {@code adapted}: {@code n x heads}. */
    public <M> M outputs(Tensors<M> t, Pass<M> pass, double[] adapted) {
        checkAdapted(adapted);
        M m = pass.sharedOutput != null ? pass.sharedOutput
                : outputLayer(t, pass.hu, pass.items, pass.acts, outputWeights(t, adapted));
        return heads(t, pass.items, m, adapted);
    }

    // ------------------------------------------------------------------ loss

    /**
     * The query loss of one side's rows (see the class comment), times {@code weight}; writes
     * its gradient with respect to the outputs into {@code dY} ({@code n x heads}, overwritten).
     */
    public double loss(double[][] y, Rows rows, double weight, double[][] dY) {
        return loss(y, rows, weight, dY, true);
    }

    /**
     * The support loss the inner loop descends: the query loss, except that the engagement head's
     * term is {@link ScorerConfig#innerEngagementLoss()}.
     */
    public double supportLoss(double[][] y, Rows rows, double weight, double[][] dY) {
        return loss(y, rows, weight, dY, config.innerEngagementLoss() == EngagementLoss.SOFTMAX);
    }

    /**
     * The loss with the engagement head's term as a sampled softmax ({@code softmax}) or as
     * binary cross-entropy: {@code sum_j w_j softplus(-y_j) / sum(w) + mean_n softplus(y_n)},
     * every positive against 1 and every negative against 0.
     */
    private double loss(double[][] y, Rows rows, double weight, double[][] dY, boolean softmax) {
        int n = rows.size();
        Checks.argument(y.length == n && dY.length == n, "outputs for " + y.length + " rows and a gradient for "
                + dY.length + ", but " + n + " rows");
        for (double[] d : dY) {
            Arrays.fill(d, 0);
        }
        int p = rows.positives();
        if (p == 0 || weight == 0) {
            return 0;
        }
        double loss = 0;
        if (ratingWeight > 0) {
            // half the mean squared error: its curvature in the user's bias is 1, as a rate of 1
            // suits the engagement head's cross-entropy, so one starting rate serves both heads
            double c = weight * ratingWeight / p;
            for (int j = 0; j < p; j++) {
                double e = y[j][ratingHead] - rows.targets()[j];
                loss += c * e * e / 2;
                dY[j][ratingHead] = c * e;
            }
        }
        if (engagementWeight > 0 && rows.negatives() > 0 && !softmax) {
            int h = engagementHead;
            double strength = 0;
            for (int j = 0; j < p; j++) {
                strength += rows.strengths()[j];
            }
            for (int j = 0; j < p; j++) {
                double c = weight * engagementWeight * rows.strengths()[j] / strength;
                loss += c * softplus(-y[j][h]);
                dY[j][h] -= c * sigmoid(-y[j][h]);
            }
            double c = weight * engagementWeight / rows.negatives();
            for (int r = p; r < n; r++) {
                loss += c * softplus(y[r][h]);
                dY[r][h] += c * sigmoid(y[r][h]);
            }
        } else if (engagementWeight > 0 && rows.negatives() > 0) {
            int h = engagementHead;
            double most = Double.NEGATIVE_INFINITY;
            for (int r = p; r < n; r++) {
                most = Math.max(most, y[r][h]);
            }
            double sum = 0;
            for (int r = p; r < n; r++) {
                sum += Math.exp(y[r][h] - most);
            }
            double lse = most + Math.log(sum); // logsumexp over the negatives
            double strength = 0;
            for (int j = 0; j < p; j++) {
                strength += rows.strengths()[j];
            }
            double toNegatives = 0;
            for (int j = 0; j < p; j++) {
                double c = weight * engagementWeight * rows.strengths()[j] / strength;
                double z = lse - y[j][h];
                loss += c * softplus(z);
                double s = sigmoid(z);
                dY[j][h] -= c * s;
                toNegatives += c * s;
            }
            for (int r = p; r < n; r++) {
                dY[r][h] += toNegatives * Math.exp(y[r][h] - lse);
            }
        }
        return loss;
    }

    private static double softplus(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    // ------------------------------------------------------------------ the inner loop

    /**
     * The adapted values' starting point for a user: the state {@code [h_u, 1] W_s} (plus the
     * support's history embeddings on p), then, under HEAD, the shared output layer.
     *
     * @param supportIds the ID rows of the user's support items (the positives)
     */
    public <M> double[] start(Tensors<M> t, M hu, int[] supportIds) {
        double[] state = t.values(t.affine(hu, t.param(layout.block(STATE_INIT)), 0))[0];
        if (layout.hasHistory() && supportIds.length > 0) {
            double[] sum = t.values(t.columnSums(t.gather(layout.block(ITEM_HISTORY), supportIds)))[0];
            double scale = 1 / Math.sqrt(supportIds.length);
            for (int j = 0; j < k; j++) {
                state[layout.historyOffset() + j] += scale * sum[j];
            }
        }
        double[] start = new double[layout.adaptedSize()];
        System.arraycopy(state, 0, start, 0, state.length);
        if (layout.scope() == AdaptationScope.HEAD) {
            double[][] out = t.values(t.param(layout.block(OUTPUT)));
            int at = state.length;
            for (double[] row : out) {
                System.arraycopy(row, 0, start, at, row.length);
                at += row.length;
            }
        }
        return start;
    }

    /** The inner loop's log learning rates: learned, or all {@code ln(fixedRate)}. */
    public <M> double[] logRates(Tensors<M> t, double fixedRate) {
        if (layout.learnsRates()) {
            return t.values(t.param(layout.block(INNER_RATES)))[0];
        }
        Checks.positive(fixedRate, "fixedRate", "the inner loop's step size");
        double[] rates = new double[layout.adaptedSize()];
        Arrays.fill(rates, Math.log(fixedRate));
        return rates;
    }

    /**
     * The adapted values after the inner loop, with what the meta-gradients of the learning
     * rates and the damping need.
     *
     * @param adapted the values after the last step, damped
     * @param steps   {@code steps[k]}: the support loss's gradient at step k
     * @param change  the steps' change {@code A_K - A_0}, before damping
     * @param shrink  each value's damping factor {@code n / (n + e^delta)} (1 without damping)
     * @param ridge   the closed-form solution of the rating head's user values, null without
     */
    public record Adaptation(double[] adapted, List<double[]> steps, double[] change, double[] shrink,
                             RidgeFit ridge) {
    }

    /**
     * The rating head's user values solved in closed form: the regression's rows and targets
     * (the support's item factors and what the rest of the network leaves of each rating),
     * its penalties, prior mean and solution.
     *
     * @param at     the positions of the solved values in the adapted values
     * @param x      the rows {@code [q_rating, 1]} of the support's positives
     * @param z      their targets
     * @param lambda the penalties
     * @param prior  the starting values (the prior mean)
     * @param fit    the solution
     */
    public record RidgeFit(int[] at, double[][] x, double[] z, double[] lambda, double[] prior, Ridge fit) {
    }

    /** The damping factors {@code n / (n + e^delta)} of a support of {@code n} positives (all 1 without damping). */
    public <M> double[] shrink(Tensors<M> t, int n) {
        double[] c = new double[layout.adaptedSize()];
        if (!layout.damped()) {
            Arrays.fill(c, 1);
            return c;
        }
        double[] logCounts = t.values(t.param(layout.block(INNER_DAMPING)))[0];
        for (int j = 0; j < c.length; j++) {
            c[j] = n / (n + Math.exp(logCounts[j]));
        }
        return c;
    }

    /**
     * {@code steps} steps of {@code A <- A - exp(rho) grad_A L_S(A)} from {@code start} on the
     * support pass, then the damping of the change.
     */
    public <M> Adaptation adapt(Tensors<M> t, Pass<M> support, Rows rows, double[] start, double[] logRates,
                                int steps) {
        checkAdapted(start);
        double[] a = start.clone();
        List<double[]> gradients = new ArrayList<>(steps);
        double[] shrink = shrink(t, rows.positives());
        if (rows.positives() == 0) {
            return new Adaptation(a, gradients, new double[a.length], shrink, null);
        }
        double[] rates = new double[logRates.length];
        for (int j = 0; j < rates.length; j++) {
            rates[j] = Math.exp(logRates[j]);
        }
        int[] solved = layout.ridgeValues();
        double[][] dY = new double[rows.size()][heads];
        for (int step = 0; step < steps; step++) {
            double[][] y = t.values(outputs(t, support, a));
            supportLoss(y, rows, 1, dY);
            double[] g = adaptedGradient(t, support, a, t.constant(dY));
            for (int j : solved) {
                g[j] = 0; // solved in closed form below
            }
            for (int j = 0; j < a.length; j++) {
                a[j] -= rates[j] * g[j];
            }
            gradients.add(g);
        }
        double[] change = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            change[j] = a[j] - start[j];
            a[j] = start[j] + shrink[j] * change[j];
        }
        RidgeFit ridge = solved.length == 0 ? null : ridge(t, support, rows, a, start);
        if (ridge != null) {
            double[] w = ridge.fit().w();
            for (int i = 0; i < solved.length; i++) {
                a[solved[i]] = w[i];
            }
        }
        return new Adaptation(a, gradients, change, shrink, ridge);
    }

    /**
     * The rating head's user values in closed form: with the rest of the network fixed, its output
     * is {@code y0 + [q_rating, 1] . w} for {@code w} = (its factors, its bias), so fitting the
     * support's ratings with the prior {@code w ~ N(start, 1 / lambda)} is a ridge regression.
     */
    private <M> RidgeFit ridge(Tensors<M> t, Pass<M> support, Rows rows, double[] adapted, double[] start) {
        int[] solved = layout.ridgeValues();
        double[] base = adapted.clone();
        for (int j : solved) {
            base[j] = 0;
        }
        double[][] y0 = t.values(outputs(t, support, base));
        int p = rows.positives();
        int kr = solved.length - 1;
        // the rating head's item factors are the first set: its own, or the only one
        double[][] q = kr == 0 ? null : t.values(t.columns(support.items.q, 0, k));
        double[][] x = new double[p][kr + 1];
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < kr; i++) {
                x[j][i] = q[j][i];
            }
            x[j][kr] = 1;
            z[j] = rows.targets()[j] - y0[j][ratingHead];
        }
        double[] logLambda = t.values(t.param(layout.block(INNER_RIDGE)))[0];
        double[] lambda = new double[solved.length];
        double[] prior = new double[solved.length];
        boolean finite = true;
        for (int i = 0; i < solved.length; i++) {
            lambda[i] = Math.exp(logLambda[i]);
            prior[i] = start[solved[i]];
            finite &= lambda[i] > 0 && Double.isFinite(lambda[i]) && Double.isFinite(prior[i]);
        }
        for (int j = 0; j < p && finite; j++) {
            finite = Double.isFinite(z[j]) && Arrays.stream(x[j]).allMatch(Double::isFinite);
        }
        if (!finite) {
            // diverged parameters: no regression to solve; NaN values make the loss NaN, which stops
            // training with the divergence error that names the epoch and step
            Arrays.fill(prior, Double.NaN);
            return new RidgeFit(solved, x, z, lambda, prior, Ridge.nan(solved.length));
        }
        return new RidgeFit(solved, x, z, lambda, prior, Ridge.solve(x, z, lambda, prior));
    }

    /**
     * The gradient with respect to the adapted values of a loss whose gradient with respect to
     * the outputs is {@code dY}; under HEAD it also needs nothing below the output layer.
     */
    private <M> double[] adaptedGradient(Tensors<M> t, Pass<M> pass, double[] adapted, M dY) {
        double[] g = new double[adapted.length];
        foldState(t, pass.items, dY, g);
        if (layout.scope() == AdaptationScope.HEAD) {
            double[][] dW = outputWeightGradient(t, pass, dY);
            int at = layout.stateSize();
            for (double[] row : dW) {
                System.arraycopy(row, 0, g, at, row.length);
                at += row.length;
            }
        }
        return g;
    }

    /** Writes the gradient with respect to the user state into {@code g[0 .. stateSize)}. */
    private <M> void foldState(Tensors<M> t, Items<M> items, M dY, double[] g) {
        if (k == 0) {
            double[] db = t.values(t.columnSums(dY))[0];
            System.arraycopy(db, 0, g, 0, heads);
            return;
        }
        double[][] dP = t.values(t.affineGradient(items.q, dY));
        for (int h = 0; h < heads; h++) {
            int set = factorSet(h);
            for (int j = 0; j < k; j++) {
                g[set * k + j] += dP[set * k + j][h];
            }
            g[layout.biasOffset() + h] = dP[factorHeads * k][h];
        }
    }

    /** The gradient of the output layer's augmented weights, {@code rows x heads}, for {@code dY}. */
    private <M> double[][] outputWeightGradient(Tensors<M> t, Pass<M> pass, M dY) {
        if (hiddenLayers > 0) {
            return t.values(t.affineGradient(pass.acts.get(hiddenLayers - 1), dY));
        }
        double[][] user = t.values(t.affineGradient(pass.hu, t.columnSums(dY)));
        double[][] items = t.values(t.affineGradient(pass.items.x, dY));
        double[][] w = new double[towerSize + items.length][];
        System.arraycopy(user, 0, w, 0, towerSize);
        System.arraycopy(items, 0, w, towerSize, items.length);
        return w;
    }

    // ------------------------------------------------------------------ serving

    /**
     * Adapts the scorer to one user: the starting point from their features and support items,
     * then {@code steps} inner steps on the support rows.
     *
     * @return the adapted values ({@link ParameterLayout#adaptedSize()})
     */
    public <M> double[] adapt(Tensors<M> t, float[] userInput, Rows support, int steps, double fixedRate) {
        return adapt(t, userInput, items(t, support.inputs(), support.ids()), support, steps, fixedRate);
    }

    /**
     * {@link #adapt(Tensors, float[], Rows, int, double)} with the support rows' item part
     * already computed ({@code items}, row for row the items of {@code support}: a served
     * model's cached catalogue rows, see {@link CatalogueScorer#rows}).
     */
    public <M> double[] adapt(Tensors<M> t, float[] userInput, Items<M> items, Rows support, int steps,
                              double fixedRate) {
        Checks.argument(items.size() == support.size(), items.size() + " item rows for " + support.size()
                + " support rows");
        M hu = user(t, userInput);
        double[] start = start(t, hu, positiveIds(support));
        if (steps == 0 || support.positives() == 0) {
            return start;
        }
        Pass<M> pass = pass(t, hu, items);
        return adapt(t, pass, support, start, logRates(t, fixedRate), steps).adapted();
    }

    /** The heads' raw outputs for one adapted user on the given items: {@code items x heads}. */
    public <M> double[][] score(Tensors<M> t, float[] userInput, double[] adapted, float[][] inputs, int[] ids) {
        M hu = user(t, userInput);
        return t.values(outputs(t, pass(t, hu, items(t, inputs, ids)), adapted));
    }

    // ------------------------------------------------------------------ the meta-gradient

    /**
     * One task of first-order MAML: adapts on the support, scores the query at the adapted
     * values, and adds {@code weight} times the query loss's gradient to {@code t}'s gradient.
     *
     * @param fixedRate the inner learning rate when the rates are not learned
     * @param itemL2    the L2 penalty on the item-table rows the task reads (see {@link #rowPenalty})
     * @return {@code weight} times the query loss plus the penalty
     */
    public <M> double metaGradient(Tensors<M> t, float[] userInput, Rows support, Rows query, int steps,
                                   double fixedRate, double itemL2, double weight) {
        return metaGradient(t, userInput, support, query, steps, fixedRate, itemL2, weight, 0);
    }

    /**
     * One task of second-order MAML: as {@link #metaGradient}, but the gradient is that of the
     * query loss through the whole inner loop: every step's dependence on the shared parameters
     * and on the values it started from (the Hessian-vector products of the support loss, by
     * central differences of its gradient), and the closed-form fit's dependence on its rows and
     * targets (exact), so that it is the derivative of the task's loss as a function of the
     * shared parameters.
     *
     * @param hvpStep the largest change of an adapted value in the central differences of the
     *                Hessian-vector products (about 1e-2 in single precision, 1e-5 in double)
     */
    public <M> double secondOrderMetaGradient(Tensors<M> t, float[] userInput, Rows support, Rows query, int steps,
                                              double fixedRate, double itemL2, double weight, double hvpStep) {
        Checks.positive(hvpStep, "hvpStep", "the step of the Hessian-vector products' differences");
        return metaGradient(t, userInput, support, query, steps, fixedRate, itemL2, weight, hvpStep);
    }

    /** The meta-gradient: first order with {@code hvpStep == 0}, else second order. */
    private <M> double metaGradient(Tensors<M> t, float[] userInput, Rows support, Rows query, int steps,
                                    double fixedRate, double itemL2, double weight, double hvpStep) {
        M u = t.constant(new float[][]{userInput});
        M hu = user(t, userInput);
        int[] supportIds = positiveIds(support);
        double[] start = start(t, hu, supportIds);
        double[] logRates = logRates(t, fixedRate);
        Pass<M> supportPass = support.positives() == 0 || steps == 0 ? null
                : pass(t, hu, items(t, support.inputs(), support.ids()));
        Adaptation adaptation = supportPass == null
                ? new Adaptation(start.clone(), List.of(), new double[start.length], shrink(t, support.positives()),
                null)
                : adapt(t, supportPass, support, start, logRates, steps);
        double[] adapted = adaptation.adapted();

        Pass<M> pass = pass(t, hu, items(t, query.inputs(), query.ids()));
        double[][] dYv = new double[query.size()][heads];
        double loss = loss(t.values(outputs(t, pass, adapted)), query, weight, dYv);
        M dY = t.constant(dYv);
        double[] dA = new double[adapted.length];
        M dhu = backward(t, pass, adapted, dY, dA);

        double[] dStart;
        if (hvpStep > 0 && supportPass != null) {
            dStart = new double[adapted.length];
            M fromSupport = throughTheInnerLoop(t, supportPass, support, start, adaptation, logRates, dA, hvpStep,
                    dStart);
            if (fromSupport != null) {
                dhu = t.add(dhu, fromSupport);
            }
        } else {
            dStart = firstOrder(t, adaptation, logRates, dA);
        }
        M ds = t.constant(new double[][]{Arrays.copyOf(dStart, layout.stateSize())});
        t.addGradient(layout.block(STATE_INIT), t.affineGradient(hu, ds), 0);
        dhu = t.add(dhu, t.timesTransposed(ds, t.param(layout.block(STATE_INIT)), 0, towerSize));
        if (layout.hasHistory() && supportIds.length > 0) {
            double scale = 1 / Math.sqrt(supportIds.length);
            double[][] rows = new double[supportIds.length][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = new double[k];
                for (int j = 0; j < k; j++) {
                    rows[r][j] = scale * dStart[layout.historyOffset() + j];
                }
            }
            t.addGradientRows(layout.block(ITEM_HISTORY), supportIds, t.constant(rows));
        }
        if (layout.scope() == AdaptationScope.HEAD) {
            ParameterLayout.Block out = layout.block(OUTPUT);
            double[][] dW = new double[out.rows()][out.cols()];
            int at = layout.stateSize();
            for (double[] row : dW) {
                System.arraycopy(dStart, at, row, 0, row.length);
                at += row.length;
            }
            t.addGradient(out, t.constant(dW), 0);
        }
        M dzu = t.reluGradient(dhu, hu);
        t.addGradient(layout.block(USER_TOWER), t.affineGradient(u, dzu), 0);
        return loss + rowPenalty(t, query, supportIds, itemL2, weight);
    }

    /**
     * First order: adds the gradients of the learning rates, the damping counts and the ridge's
     * penalties, and returns the gradient with respect to the starting values. The gradient at
     * the adapted values is taken as the gradient at the start, except for the values solved in
     * closed form, whose solution's derivative in its prior mean is exact.
     */
    private <M> double[] firstOrder(Tensors<M> t, Adaptation adaptation, double[] logRates, double[] dA) {
        double[] shrink = adaptation.shrink();
        if (layout.learnsRates()) {
            double[] dRho = new double[dA.length];
            for (double[] g : adaptation.steps()) {
                for (int j = 0; j < dA.length; j++) {
                    dRho[j] -= dA[j] * shrink[j] * Math.exp(logRates[j]) * g[j];
                }
            }
            t.addGradient(layout.block(INNER_RATES), t.constant(new double[][]{dRho}), 0);
        }
        addDampingGradient(t, adaptation, dA);
        double[] dStart = dA.clone();
        RidgeFit ridge = adaptation.ridge();
        if (ridge != null) {
            double[] dw = new double[ridge.at().length];
            for (int i = 0; i < dw.length; i++) {
                dw[i] = dA[ridge.at()[i]];
            }
            double[] solved = ridgePriorGradient(t, ridge, dw); // A^-1 dL/dw
            for (int i = 0; i < dw.length; i++) {
                dStart[ridge.at()[i]] = ridge.lambda()[i] * solved[i];
            }
        }
        return dStart;
    }

    /** Adds the damping counts' gradient: with c = n / (n + e^delta), dc/ddelta = -c (1 - c). */
    private <M> void addDampingGradient(Tensors<M> t, Adaptation adaptation, double[] dDamped) {
        if (!layout.damped()) {
            return;
        }
        double[] shrink = adaptation.shrink();
        double[] dDelta = new double[dDamped.length];
        for (int j = 0; j < dDamped.length; j++) {
            dDelta[j] = -dDamped[j] * adaptation.change()[j] * shrink[j] * (1 - shrink[j]);
        }
        t.addGradient(layout.block(INNER_DAMPING), t.constant(new double[][]{dDelta}), 0);
    }

    /**
     * Adds the gradient of the ridge's log penalties for {@code dw}, the gradient with respect
     * to its solution, and returns {@code A^-1 dw}: with {@code A w = X^T z + Lambda w0},
     * {@code dw/dw0 = A^-1 Lambda} and {@code dw/dlambda_i = A^-1 e_i (w0_i - w_i)}.
     */
    private <M> double[] ridgePriorGradient(Tensors<M> t, RidgeFit ridge, double[] dw) {
        double[] solved = ridge.fit().inverseTimes(dw);
        double[] w = ridge.fit().w();
        double[] dLogLambda = new double[dw.length];
        for (int i = 0; i < dw.length; i++) {
            dLogLambda[i] = ridge.lambda()[i] * (ridge.prior()[i] - w[i]) * solved[i]; // dlambda/dlog(lambda) = lambda
        }
        t.addGradient(layout.block(INNER_RIDGE), t.constant(new double[][]{dLogLambda}), 0);
        return solved;
    }

    /**
     * Second order: the gradient of the query loss (its gradient {@code dA} at the adapted values)
     * carried back through the closed-form fit, the damping and every inner step to the starting
     * values, written into {@code dStart}; adds what the shared parameters get on the way (through
     * the support's rows) and returns the part that reaches {@code h_u} (null if none).
     *
     * <p>The fit {@code w = A^-1 b}, {@code A = X^T X + Lambda}, {@code b = X^T z + Lambda w0}: with
     * {@code s = A^-1 dL/dw}, {@code dL/dz = X s} and {@code dL/dX = (z - X w) s^T - X s w^T}; z is
     * the ratings minus the rest of the network's output, X the support's rating factors. A step
     * {@code A' = A - r g(A, theta)} sends {@code v = dL/dA'} to {@code v - H_AA (r v)} and adds
     * {@code -d/dtheta [(r v) . g]} to the shared parameters' gradient: both are the change of the
     * support loss's gradient along {@code r v}, taken by central differences.
     */
    private <M> M throughTheInnerLoop(Tensors<M> t, Pass<M> support, Rows rows, double[] start, Adaptation adaptation,
                                      double[] logRates, double[] dA, double hvpStep, double[] dStart) {
        int n = start.length;
        double[] dDamped = dA.clone(); // the gradient at the damped values, before the fit replaced its own
        M dhu = null;
        RidgeFit ridge = adaptation.ridge();
        boolean[] stepped = new boolean[n];
        Arrays.fill(stepped, true);
        if (ridge != null) {
            int[] at = ridge.at();
            double[] dw = new double[at.length];
            for (int i = 0; i < at.length; i++) {
                dw[i] = dA[at[i]];
                dDamped[at[i]] = 0;
                stepped[at[i]] = false;
            }
            double[] s = ridgePriorGradient(t, ridge, dw);
            double[] w = ridge.fit().w();
            for (int i = 0; i < at.length; i++) {
                dStart[at[i]] += ridge.lambda()[i] * s[i];
            }
            int kr = at.length - 1;
            double[][] dY0 = new double[rows.size()][heads];
            double[][] dq = new double[rows.size()][factorHeads * k];
            for (int j = 0; j < ridge.x().length; j++) {
                double[] x = ridge.x()[j];
                double xs = 0;
                double xw = 0;
                for (int i = 0; i < x.length; i++) {
                    xs += x[i] * s[i];
                    xw += x[i] * w[i];
                }
                dY0[j][ratingHead] = -xs; // z = rating - y0
                for (int i = 0; i < kr; i++) {
                    dq[j][i] = (ridge.z()[j] - xw) * s[i] - xs * w[i];
                }
            }
            double[] base = adaptation.adapted().clone();
            for (int j : at) {
                base[j] = 0;
            }
            double[] dBase = new double[n];
            dhu = backward(t, support, base, t.constant(dY0), dBase);
            for (int j = 0; j < n; j++) {
                if (stepped[j]) {
                    dDamped[j] += dBase[j];
                }
            }
            if (kr > 0) {
                addItemTowerGradient(t, support.items, itemFactorGradient(t, support.items, t.constant(dq)));
            }
        }
        addDampingGradient(t, adaptation, dDamped);
        double[] shrink = adaptation.shrink();
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = shrink[j] * dDamped[j];
            dStart[j] += (1 - shrink[j]) * dDamped[j];
        }
        List<double[]> steps = adaptation.steps();
        double[] rates = new double[n];
        Arrays.setAll(rates, j -> Math.exp(logRates[j]));
        double[][] iterates = new double[steps.size()][];
        double[] a = start.clone();
        for (int step = 0; step < steps.size(); step++) {
            iterates[step] = a.clone();
            for (int j = 0; j < n; j++) {
                a[j] -= rates[j] * steps.get(step)[j];
            }
        }
        double[] dRho = new double[n];
        for (int step = steps.size() - 1; step >= 0; step--) {
            double[] direction = new double[n];
            double most = 0;
            for (int j = 0; j < n; j++) {
                if (stepped[j]) {
                    direction[j] = rates[j] * v[j];
                    dRho[j] -= direction[j] * steps.get(step)[j];
                    most = Math.max(most, Math.abs(direction[j]));
                }
            }
            if (most == 0) {
                continue;
            }
            double eps = hvpStep / most;
            for (int sign = 1; sign >= -1; sign -= 2) {
                double[] at = iterates[step].clone();
                for (int j = 0; j < n; j++) {
                    at[j] += sign * eps * direction[j];
                }
                double[][] dY = new double[rows.size()][heads];
                supportLoss(t.values(outputs(t, support, at)), rows, -sign / (2 * eps), dY);
                double[] dAt = new double[n];
                M fromHu = backward(t, support, at, t.constant(dY), dAt);
                dhu = dhu == null ? fromHu : t.add(dhu, fromHu);
                for (int j = 0; j < n; j++) {
                    v[j] += dAt[j];
                }
            }
        }
        if (layout.learnsRates()) {
            t.addGradient(layout.block(INNER_RATES), t.constant(new double[][]{dRho}), 0);
        }
        for (int j = 0; j < n; j++) {
            dStart[j] += v[j];
        }
        return dhu;
    }

    /**
     * The L2 penalty on the item-table rows a task reads, as matrix factorisation regularises
     * by SGD: {@code weight * itemL2 / P} times the squared norms of the ID embedding, factor
     * and bias rows of the query's P positives, plus those of the history rows of the support
     * (over its size); rows of items without an ID of their own (row 0) are not penalised.
     * Adds its gradient to {@code t}'s.
     *
     * @return the penalty
     */
    public <M> double rowPenalty(Tensors<M> t, Rows query, int[] supportIds, double itemL2, double weight) {
        if (itemL2 == 0 || weight == 0) {
            return 0;
        }
        double penalty = 0;
        int[] queryIds = withIds(positiveIds(query));
        if (queryIds.length > 0) {
            double c = weight * itemL2 / query.positives();
            for (ParameterLayout.Block table : layout.tables()) {
                if (!table.name().equals(ITEM_HISTORY)) {
                    penalty += penalise(t, table, queryIds, c);
                }
            }
        }
        int[] historyIds = withIds(supportIds);
        if (layout.hasHistory() && historyIds.length > 0) {
            penalty += penalise(t, layout.block(ITEM_HISTORY), historyIds, weight * itemL2 / supportIds.length);
        }
        return penalty;
    }

    private static <M> double penalise(Tensors<M> t, ParameterLayout.Block table, int[] ids, double c) {
        M rows = t.gather(table, ids);
        double sum = 0;
        for (double[] row : t.values(rows)) {
            for (double v : row) {
                sum += v * v;
            }
        }
        t.addGradientRows(table, ids, t.scale(rows, 2 * c));
        return c * sum;
    }

    private static int[] withIds(int[] ids) {
        return Arrays.stream(ids).filter(id -> id != 0).toArray();
    }

    /**
     * The backward pass of one user's rows from {@code dY}: adds the gradients of the shared
     * parameters below the heads to {@code t}'s gradient (item tables, item tower, factor map,
     * hidden layers, and the output layer unless it is adapted), writes the gradient with
     * respect to the adapted values into {@code dA}, and returns the gradient with respect to
     * {@code h_u} (from the dense layers).
     */
    public <M> M backward(Tensors<M> t, Pass<M> pass, double[] adapted, M dY, double[] dA) {
        Items<M> items = pass.items;
        foldState(t, items, dY, dA);
        t.addGradientRows(layout.block(ITEM_BIAS), items.ids, dY);
        M dhv = null;
        if (k > 0) {
            dhv = itemFactorGradient(t, items, t.timesTransposed(dY, t.constant(factorMatrix(adapted)), 0,
                    factorHeads * k));
        }
        // the dense layers, from the output layer down
        List<ParameterLayout.Block> dense = layout.denseLayers();
        ParameterLayout.Block out = layout.block(OUTPUT);
        M wOut = outputWeights(t, adapted);
        if (layout.scope() == AdaptationScope.HEAD) {
            double[][] dW = outputWeightGradient(t, pass, dY);
            int at = layout.stateSize();
            for (double[] row : dW) {
                System.arraycopy(row, 0, dA, at, row.length);
                at += row.length;
            }
        }
        M dz = dY;
        M dhu;
        M dx;
        if (hiddenLayers == 0) {
            if (layout.scope() == AdaptationScope.USER) {
                addFirstLayerGradient(t, out, pass, items.x, dz);
            }
            dhu = t.timesTransposed(t.columnSums(dz), wOut, 0, towerSize);
            dx = t.timesTransposed(dz, wOut, towerSize, towerSize + t.cols(items.x));
        } else {
            if (layout.scope() == AdaptationScope.USER) {
                t.addGradient(out, t.affineGradient(pass.acts.get(hiddenLayers - 1), dz), 0);
            }
            M da = t.timesTransposed(dz, wOut, 0, out.inputs());
            for (int l = hiddenLayers - 1; l >= 1; l--) {
                dz = t.reluGradient(da, pass.acts.get(l));
                ParameterLayout.Block w = dense.get(l);
                t.addGradient(w, t.affineGradient(pass.acts.get(l - 1), dz), 0);
                da = t.timesTransposed(dz, t.param(w), 0, w.inputs());
            }
            dz = t.reluGradient(da, pass.acts.get(0));
            ParameterLayout.Block first = dense.get(0);
            addFirstLayerGradient(t, first, pass, items.x, dz);
            M w1 = t.param(first);
            dhu = t.timesTransposed(t.columnSums(dz), w1, 0, towerSize);
            dx = t.timesTransposed(dz, w1, towerSize, towerSize + t.cols(items.x));
        }
        M dFromX = t.columns(dx, 0, towerSize);
        dhv = dhv == null ? dFromX : t.add(dhv, dFromX);
        if (layout.idSize() > 0) {
            t.addGradientRows(layout.block(ITEM_ID), items.ids, t.columns(dx, towerSize, t.cols(dx)));
        }
        addItemTowerGradient(t, items, dhv);
        return dhu;
    }

    /**
     * Adds the gradient of the item factors {@code q = F[id] + [h_v, 1] W_q} of {@code items} from
     * {@code dq} ({@code n x factorHeads*k}) to the factor table's rows and the factor map's, and
     * returns the part that reaches the item tower's output {@code h_v}.
     */
    private <M> M itemFactorGradient(Tensors<M> t, Items<M> items, M dq) {
        t.addGradientRows(layout.block(ITEM_FACTOR), items.ids, dq);
        t.addGradient(layout.block(FACTOR_CONTENT), t.affineGradient(items.hv, dq), 0);
        return t.timesTransposed(dq, t.param(layout.block(FACTOR_CONTENT)), 0, towerSize);
    }

    /** Adds the item tower's gradient from {@code dhv}, the gradient with respect to its output. */
    private <M> void addItemTowerGradient(Tensors<M> t, Items<M> items, M dhv) {
        M dzv = t.reluGradient(dhv, items.hv);
        t.addGradient(layout.block(ITEM_TOWER), t.affineGradient(items.input, dzv), 0);
    }

    /** Adds the gradient of a layer fed {@code [h_u (every row), x, 1]}: user rows, then item and bias rows. */
    private <M> void addFirstLayerGradient(Tensors<M> t, ParameterLayout.Block w, Pass<M> pass, M x, M dz) {
        M user = t.affineGradient(pass.hu, t.columnSums(dz)); // rows: h_u^T sum(dz), then sum(dz) (dropped)
        t.addGradient(w, t.rowRange(user, 0, towerSize), 0);
        t.addGradient(w, t.affineGradient(x, dz), towerSize);
    }

    // ------------------------------------------------------------------ the outputs as a linear form

    /**
     * Whether every head's output is linear in the user over constants of each item: under the
     * {@link AdaptationScope#USER} scope without hidden layers, {@link #outputs} is
     * <pre>
     *   y_h = (first_h + g_h) + (h_u W_out[user rows]_h + b_h) + p_s(h) . q_s(h)
     * </pre>
     * with {@code first} the output layer's item part ({@link Items#first}), {@code g} the item
     * biases, {@code q} the item factors ({@link Items#q}), all cached per item, and
     * {@code s(h)} the factor set head h reads ({@link #factorSet}). {@link CatalogueScorer}'s
     * flat pass computes that form (the fast path of {@link #outputs} for the whole catalogue;
     * {@code FlatPassTest} pins the two together).
     */
    public boolean linearInUser() {
        return hiddenLayers == 0 && layout.scope() == AdaptationScope.USER;
    }

    /**
     * The user's term of the linear form of {@link #linearInUser()}, one per head:
     * {@code h_u W_out[user rows]_h + b_h}, in float as {@link #outputs} adds it.
     *
     * @param hu      the user tower's output, {@link #user}
     * @param adapted the user's adapted values
     */
    public <M> float[] userTerms(Tensors<M> t, M hu, double[] adapted) {
        Checks.state(linearInUser(), "the outputs are linear in the user only under the USER scope without "
                + "hidden layers");
        checkAdapted(adapted);
        double[] row = t.values(t.times(hu, t.param(layout.block(OUTPUT)), 0))[0];
        float[] terms = new float[heads];
        for (int h = 0; h < heads; h++) {
            terms[h] = (float) row[h] + (float) adapted[layout.biasOffset() + h];
        }
        return terms;
    }

    // ------------------------------------------------------------------ what serving reads

    /**
     * The predicted rating of a row: {@code base + y_rating} clipped to {@code [min, max]}, where
     * {@code base} is the rating offset plus the item's offset.
     */
    public double rating(float[] y, double base, double min, double max) {
        if (ratingHead < 0) { // not Checks.state: its message would be built for every item of a catalogue
            throw new IllegalStateException("objective " + objective + " has no rating head");
        }
        return Math.max(min, Math.min(max, y[ratingHead] + base));
    }

    /**
     * {@code recommend}'s score of a row, higher is better: the predicted rating for a rating
     * model; the engagement score for an engagement model; with both heads,
     * {@code engagement + rankingRatingWeight * rating}, the rating clipped to the scale, so the
     * list favours items the user is likely to pick and likely to rate well (as exp(score): the
     * engagement odds times e^(weight x rating)).
     *
     * @param base the rating offset plus the item's offset (ignored without a rating head)
     */
    public double rankingScore(float[] y, double base, double min, double max) {
        return switch (objective) {
            case RATING -> y[ratingHead] + base;
            case ENGAGEMENT -> y[engagementHead];
            default -> y[engagementHead] + config.rankingRatingWeight() * rating(y, base, min, max);
        };
    }

    // ------------------------------------------------------------------ helpers

    /** The ID rows of the positives of {@code rows}: the items whose history embeddings start the user's factors. */
    public static int[] positiveIds(Rows rows) {
        return Arrays.copyOf(rows.ids(), rows.positives());
    }

    private void checkAdapted(double[] adapted) {
        Checks.argument(adapted.length == layout.adaptedSize(), "the adapted values have "
                + layout.adaptedSize() + " entries, got " + adapted.length);
    }
}
