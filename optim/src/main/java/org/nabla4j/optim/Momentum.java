package org.nabla4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * Gradient descent with heavy-ball or Nesterov momentum and dampening: PyTorch's {@code torch.optim.SGD} with
 * {@code momentum > 0}, step for step.
 *
 * <p>Update, for {@code t = 1, 2, ...} with gradient {@code g_t = ∇f(θ_{t-1})}, learning rate {@code γ}, momentum
 * {@code μ}, dampening {@code τ}, weight decay {@code λ} and momentum buffer {@code b}:
 *
 * <pre>
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t-1}
 * if t > 1:  b_t ← μ b_{t-1} + (1 − τ) g_t
 * else:      b_t ← g_t
 * if nesterov:  g_t ← g_t + μ b_t
 * else:         g_t ← b_t
 * θ_t ← θ_{t-1} − γ g_t
 * </pre>
 *
 * <p>Note that the first step copies the gradient into the buffer without dampening, as PyTorch does. Nesterov
 * momentum requires {@code τ = 0}. Build with {@link #builder()}; see {@link Optimizer} for the shared contract.
 */
public final class Momentum extends AbstractOptimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    private Momentum(Builder b, Tensor[] params) {
        super("Momentum", b.lr, b.policy, new String[] {"momentum_buffer"}, new double[] {0.0}, params);
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
    }

    /**
     * A builder with the defaults learning rate 1e-3, momentum 0.9, dampening 0, heavy-ball (not Nesterov), no
     * weight decay, {@link NonFinitePolicy#SKIP_STEP}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The momentum factor {@code μ}. */
    public double momentum() {
        return momentum;
    }

    /** The dampening {@code τ}. */
    public double dampening() {
        return dampening;
    }

    /** True for Nesterov momentum, false for heavy-ball. */
    public boolean nesterov() {
        return nesterov;
    }

    /** The L2 weight-decay coefficient {@code λ}. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void update(int i, Tensor p, Tensor g, double lr, long step) {
        Tensor buf = buffers[i][0];
        Tensor d = weightDecay != 0 ? g.add(p.mul(weightDecay)) : g;
        if (step > 1) {
            buf.muli(momentum).addi(d.mul(1 - dampening));
        } else {
            buf.assign(d);
        }
        Tensor direction = nesterov ? d.add(buf.mul(momentum)) : buf;
        p.subi(direction.mul(lr));
    }

    @Override
    Map<String, Double> hyperParameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("momentum", momentum);
        m.put("dampening", dampening);
        m.put("nesterov", flag(nesterov));
        m.put("weightDecay", weightDecay);
        return m;
    }

    /** Builder of {@link Momentum}; hyper-parameters are validated by {@link #build}. */
    public static final class Builder extends OptimizerBuilder<Builder, Momentum> {
        private double momentum = 0.9;
        private double dampening;
        private boolean nesterov;

        private Builder() {
            super("Momentum", 1e-3);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Momentum factor {@code μ} in {@code [0, 1)} (default 0.9). */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Dampening {@code τ} in {@code [0, 1]} (default 0). */
        public Builder dampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        /** Nesterov momentum instead of heavy-ball (default false); needs {@code dampening = 0}, {@code μ > 0}. */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * Creates the optimizer over {@code params}.
         *
         * @throws InvalidArgumentException naming the parameter if {@code learningRate < 0}, {@code momentum} is
         *     outside {@code [0, 1)}, {@code dampening} outside {@code [0, 1]}, {@code weightDecay < 0}, Nesterov is
         *     asked with non-zero dampening or zero momentum, the policy is null, or {@code params} is invalid (see
         *     {@link Sgd.Builder#build})
         */
        @Override
        public Momentum build(Tensor... params) {
            checkLearningRate();
            unitInterval(momentum, "Momentum", "momentum");
            Checks.inRange(dampening, 0, 1, "Momentum", "dampening");
            checkWeightDecay();
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new InvalidArgumentException("Momentum: nesterov requires momentum > 0 and dampening = 0, got"
                        + " momentum=" + momentum + ", dampening=" + dampening);
            }
            return new Momentum(this, params);
        }
    }
}
