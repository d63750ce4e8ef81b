package io.github.metarec4j.internal.model;

import io.github.metarec4j.internal.util.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Tensors} on ND4J arrays, in the data type of the parameter vector (FLOAT, or DOUBLE
 * for gradient checks): the reference implementation of the scorer's operations, written
 * with ND4J's own products, activations and reductions, against which {@link JavaTensors} is
 * tested. Slow for a user's tens of rows (ND4J's fixed cost per operation dwarfs the
 * arithmetic; docs/performance.md); it is not on a serving or training path.
 *
 * <p>Parameter blocks are copied out of the vector before use: ND4J 1.0.0-M2.1's
 * {@code INDArray.get(interval)} is unreliable on a view created with an explicit offset (for
 * some offsets it returns an empty array), and every sub-matrix here is taken with it.
 *
 * <p>Not thread-safe: bind one per thread.
 */
public final class Nd4jTensors implements Tensors<INDArray> {

    private final ParameterLayout layout;
    private final INDArray theta;
    private final INDArray gradient;
    private final DataType type;

    /**
     * @param layout   where the blocks are
     * @param theta    the parameters, a {@code [1, size]} vector (read, never written)
     * @param gradient a {@code [1, size]} vector of the same type that {@code addGradient} adds
     *                 into; null for forward passes and adaptation only
     */
    public Nd4jTensors(ParameterLayout layout, INDArray theta, INDArray gradient) {
        this.layout = Checks.notNull(layout, "layout");
        Checks.argument(theta.length() == layout.size(), "the layout has " + layout.size() + " parameters, got "
                + theta.length());
        Checks.argument(gradient == null || (gradient.length() == theta.length()
                && gradient.dataType() == theta.dataType()), "the gradient must match the parameters' length and type");
        this.theta = theta.reshape(1, layout.size());
        this.gradient = gradient == null ? null : gradient.reshape(1, layout.size());
        this.type = theta.dataType();
    }

    @Override
    public INDArray constant(float[][] rows) {
        Checks.argument(rows.length > 0, "the reference implementation needs matrices with rows");
        return Nd4j.create(rows).castTo(type);
    }

    @Override
    public INDArray constant(double[][] rows) {
        Checks.argument(rows.length > 0, "the reference implementation needs matrices with rows");
        return Nd4j.create(rows).castTo(type);
    }

    @Override
    public double[][] values(INDArray m) {
        return m.toDoubleMatrix();
    }

    @Override
    public int rows(INDArray m) {
        return (int) m.size(0);
    }

    @Override
    public int cols(INDArray m) {
        return (int) m.size(1);
    }

    @Override
    public INDArray param(ParameterLayout.Block block) {
        return ParameterLayout.view(theta, block).dup();
    }

    @Override
    public INDArray gather(ParameterLayout.Block table, int[] ids) {
        return Nd4j.pullRows(param(table), 1, ids);
    }

    @Override
    public void addGradient(ParameterLayout.Block block, INDArray g, int fromRow) {
        Checks.state(gradient != null, "this binding has no gradient to add to");
        INDArray all = ParameterLayout.view(gradient, block);
        INDArray sum = all.dup();
        sum.get(NDArrayIndex.interval(fromRow, fromRow + rows(g)), NDArrayIndex.all()).addi(g);
        all.assign(sum);
    }

    @Override
    public void addGradientRows(ParameterLayout.Block table, int[] ids, INDArray g) {
        Checks.state(gradient != null, "this binding has no gradient to add to");
        INDArray all = ParameterLayout.view(gradient, table);
        INDArray sum = all.dup();
        for (int r = 0; r < ids.length; r++) {
            sum.getRow(ids[r]).addi(g.getRow(r));
        }
        all.assign(sum);
    }

    @Override
    public INDArray affine(INDArray x, INDArray w, int fromRow) {
        int in = cols(x);
        INDArray weights = w.get(NDArrayIndex.interval(fromRow, fromRow + in), NDArrayIndex.all());
        INDArray bias = w.get(NDArrayIndex.interval(fromRow + in, fromRow + in + 1), NDArrayIndex.all());
        return x.mmul(weights).addRowVector(bias);
    }

    @Override
    public INDArray times(INDArray x, INDArray w, int fromRow) {
        return x.mmul(w.get(NDArrayIndex.interval(fromRow, fromRow + cols(x)), NDArrayIndex.all()));
    }

    @Override
    public INDArray affineGradient(INDArray x, INDArray dz) {
        INDArray augmented = Nd4j.hstack(x, Nd4j.ones(type, rows(x), 1));
        return augmented.transpose().mmul(dz);
    }

    @Override
    public INDArray timesTransposed(INDArray dz, INDArray w, int fromRow, int toRow) {
        if (toRow == fromRow) {
            return Nd4j.zeros(type, rows(dz), 0);
        }
        return dz.mmul(w.get(NDArrayIndex.interval(fromRow, toRow), NDArrayIndex.all()).transpose());
    }

    @Override
    public INDArray relu(INDArray z) {
        return Transforms.relu(z, true);
    }

    @Override
    public INDArray reluGradient(INDArray dA, INDArray a) {
        return dA.mul(a.gt(0).castTo(type));
    }

    @Override
    public INDArray add(INDArray a, INDArray b) {
        return a.add(b);
    }

    @Override
    public INDArray addRow(INDArray a, INDArray row) {
        return a.addRowVector(row);
    }

    @Override
    public INDArray concat(INDArray a, INDArray b) {
        return Nd4j.hstack(a, b);
    }

    @Override
    public INDArray columns(INDArray m, int from, int to) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
    }

    @Override
    public INDArray rowRange(INDArray m, int from, int to) {
        return m.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    @Override
    public INDArray columnSums(INDArray m) {
        return m.sum(true, 0);
    }

    @Override
    public INDArray scale(INDArray m, double s) {
        return m.mul(s);
    }
}
