package io.github.metarec4j.model;

import io.github.metarec4j.TestBase;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our forward and backward pass equal, to float tolerance, a Deeplearning4j
 * ComputationGraph of the same architecture (two dense towers and an embedding, merged,
 * two dense layers, an output layer) holding the same weights.
 */
class Dl4jReferenceTest extends TestBase {

    private static final int TASKS = 2;
    private static final int ROWS = 3;
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(value = Objective.class, names = {"RATING", "IMPLICIT"})
    void matchesDl4jComputationGraph(Objective objective) {
        ScorerFixture f = new ScorerFixture(objective, DataType.FLOAT, TASKS, ROWS, false, 2, 5);
        MlpScorer scorer = f.scorer;
        ParameterLayout layout = scorer.layout();
        ComputationGraph graph = referenceGraph(layout, objective);
        copyWeights(f.params, layout, graph);

        // DL4J sees one example per row, with the task's user features repeated
        INDArray users = Nd4j.create(DataType.FLOAT, TASKS * ROWS, ScorerFixture.USER_INPUTS);
        for (int r = 0; r < TASKS * ROWS; r++) {
            users.getRow(r).assign(f.batch.users.get(NDArrayIndex.point(r / ROWS),
                    NDArrayIndex.interval(0, ScorerFixture.USER_INPUTS)));
        }
        INDArray items = f.batch.items.get(NDArrayIndex.all(), NDArrayIndex.interval(0, ScorerFixture.ITEM_INPUTS))
                .dup();
        INDArray ids = Nd4j.createFromArray(f.batch.idRows).castTo(DataType.FLOAT).reshape(TASKS * ROWS, 1);
        graph.setInputs(users, items, ids);
        graph.setLabels(f.batch.targets);
        graph.computeGradientAndScore();

        MlpScorer.Pass pass = scorer.forward(scorer.prefix(f.params, AdaptationScope.DENSE, f.batch),
                scorer.adaptedCopies(f.params, AdaptationScope.DENSE, TASKS));
        double ours = scorer.lossGradient(pass);
        INDArray expectedOut = graph.outputSingle(users, items, ids);
        INDArray out = pass.predictions(scorer);
        for (int r = 0; r < TASKS * ROWS; r++) {
            assertEquals(expectedOut.getDouble(r, 0), out.getDouble(r, 0), TOLERANCE, "prediction of row " + r);
        }
        assertEquals(graph.score(), ours, TOLERANCE, "loss");

        INDArray grad = f.params.ulike();
        scorer.backward(pass, Nd4j.create(DataType.FLOAT, TASKS, layout.adaptedSize(AdaptationScope.DENSE)), grad);
        for (ParameterLayout.Block b : layout.blocks()) {
            INDArray ourBlock = ParameterLayout.view(grad, b, 0);
            if (b.name().equals(ParameterLayout.ITEM_ID)) {
                assertClose(gradient(graph, b.name(), "W"), ourBlock, b.name());
                continue;
            }
            assertClose(gradient(graph, b.name(), "W"), ParameterLayout.weightsView(grad, b, 0), b.name() + " weights");
            assertClose(gradient(graph, b.name(), "b"), ParameterLayout.biasView(grad, b, 0), b.name() + " bias");
        }
    }

    /**
     * DL4J's gradient of the mean loss. {@code gradient()} holds the gradient of the loss summed
     * over the minibatch (DL4J's updater divides by the minibatch size later), while the score
     * and our gradient are of the mean.
     */
    private static INDArray gradient(ComputationGraph graph, String layer, String param) {
        return graph.gradient().getGradientFor(layer + "_" + param).div(TASKS * ROWS);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double[] e = expected.dup().data().asDouble();
        double[] a = actual.dup().data().asDouble();
        assertEquals(e.length, a.length, what + " size");
        for (int i = 0; i < a.length; i++) {
            double x = e[i];
            double y = a[i];
            assertEquals(x, y, TOLERANCE * Math.max(1, Math.abs(x)), what + " gradient entry " + i);
        }
    }

    private static ComputationGraph referenceGraph(ParameterLayout layout, Objective objective) {
        int t = layout.towerSize();
        List<ParameterLayout.Block> dense = layout.denseLayers();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).updater(new NoOp()).seed(1)
                .graphBuilder()
                .addInputs("user", "item", "id")
                .addLayer(ParameterLayout.USER_TOWER, new DenseLayer.Builder().nIn(layout.userInputs()).nOut(t)
                        .activation(Activation.RELU).build(), "user")
                .addLayer(ParameterLayout.ITEM_TOWER, new DenseLayer.Builder().nIn(layout.itemInputs()).nOut(t)
                        .activation(Activation.RELU).build(), "item")
                .addLayer(ParameterLayout.ITEM_ID, new EmbeddingLayer.Builder().nIn(layout.idRows())
                        .nOut(layout.idSize()).activation(Activation.IDENTITY).hasBias(false).build(), "id")
                .addVertex("concat", new MergeVertex(), ParameterLayout.USER_TOWER, ParameterLayout.ITEM_TOWER,
                        ParameterLayout.ITEM_ID);
        String previous = "concat";
        List<String> names = new ArrayList<>();
        for (ParameterLayout.Block b : dense) {
            names.add(b.name());
        }
        for (int l = 0; l < dense.size() - 1; l++) {
            ParameterLayout.Block b = dense.get(l);
            g.addLayer(b.name(), new DenseLayer.Builder().nIn(b.inputs()).nOut(b.cols())
                    .activation(Activation.RELU).build(), previous);
            previous = b.name();
        }
        ParameterLayout.Block out = dense.get(dense.size() - 1);
        boolean rating = objective == Objective.RATING;
        g.addLayer(out.name(), new OutputLayer.Builder(rating ? LossFunctions.LossFunction.MSE
                : LossFunctions.LossFunction.XENT).nIn(out.inputs()).nOut(1)
                .activation(rating ? Activation.IDENTITY : Activation.SIGMOID).build(), previous);
        ComputationGraph graph = new ComputationGraph(g.setOutputs(out.name()).build());
        graph.init();
        return graph;
    }

    private static void copyWeights(INDArray params, ParameterLayout layout, ComputationGraph graph) {
        for (ParameterLayout.Block b : layout.blocks()) {
            INDArray block = ParameterLayout.view(params, b, 0);
            if (b.name().equals(ParameterLayout.ITEM_ID)) {
                graph.getLayer(b.name()).setParam("W", block.dup());
                continue;
            }
            graph.getLayer(b.name()).setParam("W", ParameterLayout.weightsView(params, b, 0).dup());
            graph.getLayer(b.name()).setParam("b", ParameterLayout.biasView(params, b, 0).dup());
        }
    }
}
