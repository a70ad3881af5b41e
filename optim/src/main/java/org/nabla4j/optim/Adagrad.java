package org.nabla4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * Adagrad with learning-rate decay and an initial accumulator value: PyTorch's {@code torch.optim.Adagrad}, step
 * for step.
 *
 * <p>Update, for {@code t = 1, 2, ...} with gradient {@code g_t = ∇f(θ_{t-1})}, learning rate {@code γ}, learning-rate
 * decay {@code η}, weight decay {@code λ}, epsilon {@code ε} and accumulator {@code s_0 = initialAccumulatorValue}:
 *
 * <pre>
 * γ̃ ← γ / (1 + (t − 1) η)
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t-1}
 * s_t ← s_{t-1} + g_t²
 * θ_t ← θ_{t-1} − γ̃ g_t / (√s_t + ε)
 * </pre>
 *
 * <p>A schedule, when installed, sets {@code γ}; the decay {@code η} applies on top of it, as in PyTorch. Build with
 * {@link #builder()}; see {@link Optimizer} for the shared contract.
 */
public final class Adagrad extends AbstractOptimizer {
    private final double lrDecay;
    private final double initialAccumulatorValue;
    private final double eps;
    private final double weightDecay;

    private Adagrad(Builder b, Tensor[] params) {
        super("Adagrad", b.lr, b.policy, new String[] {"sum"}, new double[] {b.initial}, params);
        this.lrDecay = b.lrDecay;
        this.initialAccumulatorValue = b.initial;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
    }

    /**
     * A builder with PyTorch's defaults: learning rate 1e-2, no learning-rate decay, initial accumulator 0, eps
     * 1e-10, no weight decay, {@link NonFinitePolicy#SKIP_STEP}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The learning-rate decay {@code η}. */
    public double lrDecay() {
        return lrDecay;
    }

    /** The initial accumulator value {@code s_0}. */
    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    /** {@code ε}. */
    public double eps() {
        return eps;
    }

    /** The L2 weight-decay coefficient {@code λ}. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void update(int i, Tensor p, Tensor g, double lr, long step) {
        Tensor sum = buffers[i][0];
        double clr = lr / (1 + (step - 1) * lrDecay);
        Tensor d = weightDecay != 0 ? g.add(p.mul(weightDecay)) : g;
        sum.addi(d.mul(d));
        p.subi(d.div(sum.sqrt().add(eps)).mul(clr));
    }

    @Override
    Map<String, Double> hyperParameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("lrDecay", lrDecay);
        h.put("initialAccumulatorValue", initialAccumulatorValue);
        h.put("eps", eps);
        h.put("weightDecay", weightDecay);
        return h;
    }

    /** Builder of {@link Adagrad}; hyper-parameters are validated by {@link #build}. */
    public static final class Builder extends OptimizerBuilder<Builder, Adagrad> {
        private double lrDecay;
        private double initial;
        private double eps = 1e-10;

        private Builder() {
            super("Adagrad", 1e-2);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Learning-rate decay {@code η >= 0} (default 0). */
        public Builder lrDecay(double lrDecay) {
            this.lrDecay = lrDecay;
            return this;
        }

        /** Initial accumulator value {@code s_0 >= 0} (default 0). */
        public Builder initialAccumulatorValue(double value) {
            this.initial = value;
            return this;
        }

        /** {@code ε > 0} added to the denominator (default 1e-10). */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Creates the optimizer over {@code params}.
         *
         * @throws InvalidArgumentException naming the parameter if {@code learningRate < 0}, {@code lrDecay < 0},
         *     {@code initialAccumulatorValue < 0}, {@code eps <= 0}, {@code weightDecay < 0}, a value is not finite,
         *     the policy is null, or {@code params} is invalid (see {@link Sgd.Builder#build})
         */
        @Override
        public Adagrad build(Tensor... params) {
            checkLearningRate();
            Checks.nonNegative(lrDecay, "Adagrad", "lrDecay");
            Checks.nonNegative(initial, "Adagrad", "initialAccumulatorValue");
            Checks.positive(eps, "Adagrad", "eps");
            checkWeightDecay();
            return new Adagrad(this, params);
        }
    }
}
