package org.nabla4j.autodiff;

import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Loss functions built from {@link Var} operations, numerically stable for large inputs. Each returns a rank-0
 * {@code Var} on the tape of its {@code Var} argument: the mean over the batch (cross-entropies) or over all elements
 * (MSE, binary cross-entropy). Targets given as tensors are constants (not differentiated) and must have the
 * backend and dtype of the prediction.
 */
public final class Losses {
    private Losses() {}

    /**
     * Mean squared error {@code mean((prediction - target)^2)} over all elements; gradient
     * {@code 2 (prediction - target) / size}.
     *
     * @throws ShapeMismatchException if the shapes differ (no broadcasting: a silent broadcast is a classic bug)
     * @throws InvalidArgumentException if an argument is null
     */
    public static Var mse(Var prediction, Tensor target) {
        Checks.notNull(prediction, "mse", "prediction");
        Checks.notNull(target, "mse", "target");
        return mse(prediction, prediction.tape().constant(target));
    }

    /**
     * Mean squared error between two {@code Var}s of the same tape and shape; both are differentiated.
     *
     * @throws ShapeMismatchException if the shapes differ
     */
    public static Var mse(Var prediction, Var target) {
        Checks.notNull(prediction, "mse", "prediction");
        Checks.notNull(target, "mse", "target");
        sameShape("mse", prediction, target.value(), "target");
        return prediction.sub(target).square().mean();
    }

    /**
     * Softmax cross-entropy from unnormalized logits {@code [batch, classes]} and integer class labels, averaged over
     * the batch: {@code mean_b (logSumExp(z_b) - z_b[label_b])}. Computed through the log-softmax, so it is finite for
     * logits of any magnitude (e.g. {@code ±1e4}); the gradient is {@code (softmax(z) - onehot(labels)) / batch}.
     *
     * @throws ShapeMismatchException if {@code logits} is not rank 2, or {@code labels.length} differs from the batch
     * @throws InvalidArgumentException if a label is outside {@code [0, classes)} or the batch is empty
     */
    public static Var crossEntropyWithLogits(Var logits, int[] labels) {
        Checks.notNull(logits, "crossEntropyWithLogits", "logits");
        Checks.notNull(labels, "crossEntropyWithLogits", "labels");
        int[] d = batchClasses("crossEntropyWithLogits", logits);
        int batch = d[0];
        int classes = d[1];
        if (labels.length != batch) {
            throw new ShapeMismatchException("crossEntropyWithLogits: " + labels.length + " labels for logits of shape "
                    + logits.shape() + " (batch " + batch + ")");
        }
        double[] onehot = new double[batch * classes];
        for (int b = 0; b < batch; b++) {
            if (labels[b] < 0 || labels[b] >= classes) {
                throw new InvalidArgumentException("crossEntropyWithLogits: label " + labels[b] + " at index " + b
                        + " is out of range for " + classes + " classes");
            }
            onehot[b * classes + labels[b]] = 1.0;
        }
        Tensor lv = logits.value();
        Var target = logits.tape().fresh(lv.backend().of(lv.dtype(), onehot, batch, classes));
        return logits.logSumExp(new int[] {1}, false)
                .sub(logits.mul(target).sum(1))
                .mean();
    }

    /**
     * Softmax cross-entropy from logits {@code [batch, classes]} and target probabilities of the same shape (soft
     * labels), averaged over the batch: {@code mean_b (-sum_c p_bc logSoftmax(z_b)_c)}. Finite for logits of any
     * magnitude; the gradient is {@code (softmax(z) sum_c p_bc - p) / batch}.
     *
     * @throws ShapeMismatchException if {@code logits} is not rank 2 or the shapes differ
     */
    public static Var crossEntropyWithLogits(Var logits, Tensor probabilities) {
        Checks.notNull(logits, "crossEntropyWithLogits", "logits");
        Checks.notNull(probabilities, "crossEntropyWithLogits", "probabilities");
        batchClasses("crossEntropyWithLogits", logits);
        sameShape("crossEntropyWithLogits", logits, probabilities, "probabilities");
        Var p = logits.tape().constant(probabilities);
        return logits.logSoftmax(1).mul(p).sum(1).mean().neg();
    }

    /**
     * Binary cross-entropy from logits {@code z} and targets {@code y} in {@code [0, 1]} of the same shape, averaged
     * over all elements: {@code mean(max(z, 0) - z y + log1p(e^-|z|))}, evaluated as {@code softplus(z) - z y} (the
     * same stable expression), so it neither overflows nor loses the gradient {@code (sigmoid(z) - y) / size}, which
     * is exact at {@code z = 0} too.
     *
     * @throws ShapeMismatchException if the shapes differ
     */
    public static Var binaryCrossEntropyWithLogits(Var logits, Tensor targets) {
        Checks.notNull(logits, "binaryCrossEntropyWithLogits", "logits");
        Checks.notNull(targets, "binaryCrossEntropyWithLogits", "targets");
        sameShape("binaryCrossEntropyWithLogits", logits, targets, "targets");
        Var y = logits.tape().constant(targets);
        return logits.softplus().sub(logits.mul(y)).mean();
    }

    private static int[] batchClasses(String op, Var logits) {
        if (logits.rank() != 2) {
            throw new ShapeMismatchException(op + ": logits must have shape [batch, classes], got " + logits.shape());
        }
        int[] d = logits.shape().dims();
        if (d[0] == 0 || d[1] == 0) {
            throw new InvalidArgumentException(op + ": logits must not be empty, got shape " + logits.shape());
        }
        return d;
    }

    private static void sameShape(String op, Var prediction, Tensor target, String name) {
        Tensor.checkSame(prediction.value(), target, op);
        if (!prediction.shape().equals(target.shape())) {
            throw new ShapeMismatchException(op + ": " + name + " shape " + target.shape()
                    + " differs from the prediction shape " + prediction.shape());
        }
    }
}
