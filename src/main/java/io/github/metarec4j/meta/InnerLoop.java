package io.github.metarec4j.meta;

import io.github.metarec4j.model.AdaptationScope;
import io.github.metarec4j.model.MlpScorer;
import io.github.metarec4j.model.RowBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inner loop of MAML: {@code theta'_u = theta - alpha * grad L_S(theta)}, a few plain
 * SGD steps on each user's support loss, on the adapted parameters only, for all users of
 * a batch at once.
 */
final class InnerLoop {

    private InnerLoop() {
    }

    /**
     * Adapts a copy of {@code params}' adapted slice to each task of {@code support}.
     *
     * @return a {@code [tasks, adaptedSize]} matrix; row {@code t} is task t's adapted parameters
     */
    static INDArray adapt(MlpScorer scorer, INDArray params, AdaptationScope scope, RowBatch support, int steps,
                          double learningRate) {
        INDArray adapted = scorer.adaptedCopies(params, scope, support.tasks());
        if (steps == 0) {
            return adapted;
        }
        MlpScorer.Prefix prefix = scorer.prefix(params, scope, support);
        INDArray gradient = adapted.ulike();
        for (int step = 0; step < steps; step++) {
            MlpScorer.Pass pass = scorer.forward(prefix, adapted);
            scorer.outputGradient(pass);
            scorer.backward(pass, gradient, null);
            // one BLAS call; subi(muli(..)) on these [tasks, ~10^4] arrays costs 100x more
            Nd4j.getBlasWrapper().level1().axpy(adapted.length(), -learningRate, gradient, adapted);
        }
        return adapted;
    }
}
