package org.nabla4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * RMSprop with optional momentum and the centered variant: PyTorch's {@code torch.optim.RMSprop}, step for step.
 *
 * <p>Update, for {@code t = 1, 2, ...} with gradient {@code g_t = ∇f(θ_{t-1})}, learning rate {@code γ}, smoothing
 * constant {@code α}, epsilon {@code ε}, momentum {@code μ}, weight decay {@code λ}, square average {@code v_0 = 0},
 * buffer {@code b_0 = 0} and gradient average {@code g^ave_0 = 0}:
 *
 * <pre>
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t-1}
 * v_t ← α v_{t-1} + (1 − α) g_t²
 * ṽ_t ← v_t
 * if centered:
 *     g^ave_t ← α g^ave_{t-1} + (1 − α) g_t
 *     ṽ_t ← ṽ_t − (g^ave_t)²
 * if μ > 0:
 *     b_t ← μ b_{t-1} + g_t / (√ṽ_t + ε)
 *     θ_t ← θ_{t-1} − γ b_t
 * else:
 *     θ_t ← θ_{t-1} − γ g_t / (√ṽ_t + ε)
 * </pre>
 *
 * <p>As in PyTorch, the square root is taken before {@code ε} is added. Build with {@link #builder()}; see
 * {@link Optimizer} for the shared contract.
 */
public final class RmsProp extends AbstractOptimizer {
    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;
    private final double weightDecay;
    private final int momentumIndex;
    private final int averageIndex;

    private RmsProp(Builder b, Tensor[] params) {
        super("RmsProp", b.lr, b.policy, bufferNames(b), new double[bufferNames(b).length], params);
        this.alpha = b.alpha;
        this.eps = b.eps;
        this.momentum = b.momentum;
        this.centered = b.centered;
        this.weightDecay = b.weightDecay;
        this.momentumIndex = momentum > 0 ? 1 : -1;
        this.averageIndex = centered ? (momentum > 0 ? 2 : 1) : -1;
    }

    private static String[] bufferNames(Builder b) {
        List<String> names = new ArrayList<>();
        names.add("square_avg");
        if (b.momentum > 0) {
            names.add("momentum_buffer");
        }
        if (b.centered) {
            names.add("grad_avg");
        }
        return names.toArray(new String[0]);
    }

    /**
     * A builder with PyTorch's defaults: learning rate 1e-2, alpha 0.99, eps 1e-8, no momentum, not centered, no
     * weight decay, {@link NonFinitePolicy#SKIP_STEP}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The smoothing constant {@code α}. */
    public double alpha() {
        return alpha;
    }

    /** {@code ε}. */
    public double eps() {
        return eps;
    }

    /** The momentum {@code μ}. */
    public double momentum() {
        return momentum;
    }

    /** True for the centered variant. */
    public boolean centered() {
        return centered;
    }

    /** The L2 weight-decay coefficient {@code λ}. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void update(int i, Tensor p, Tensor g, double lr, long step) {
        Tensor v = buffers[i][0];
        Tensor d = weightDecay != 0 ? g.add(p.mul(weightDecay)) : g;
        v.muli(alpha).addi(d.mul(d).mul(1 - alpha));
        Tensor vt = v;
        if (centered) {
            Tensor avg = buffers[i][averageIndex];
            avg.muli(alpha).addi(d.mul(1 - alpha));
            vt = v.sub(avg.mul(avg));
        }
        Tensor denom = vt.sqrt().add(eps);
        if (momentum > 0) {
            Tensor buf = buffers[i][momentumIndex];
            buf.muli(momentum).addi(d.div(denom));
            p.subi(buf.mul(lr));
        } else {
            p.subi(d.div(denom).mul(lr));
        }
    }

    @Override
    Map<String, Double> hyperParameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("alpha", alpha);
        h.put("eps", eps);
        h.put("momentum", momentum);
        h.put("centered", flag(centered));
        h.put("weightDecay", weightDecay);
        return h;
    }

    /** Builder of {@link RmsProp}; hyper-parameters are validated by {@link #build}. */
    public static final class Builder extends OptimizerBuilder<Builder, RmsProp> {
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double momentum;
        private boolean centered;

        private Builder() {
            super("RmsProp", 1e-2);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Smoothing constant {@code α} in {@code [0, 1)} (default 0.99). */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** {@code ε > 0} added to the denominator (default 1e-8). */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Momentum {@code μ} in {@code [0, 1)} (default 0: no momentum buffer). */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Centered RMSprop: normalize by an estimate of the gradient's variance (default false). */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        /**
         * Creates the optimizer over {@code params}.
         *
         * @throws InvalidArgumentException naming the parameter if {@code learningRate < 0}, {@code alpha} or
         *     {@code momentum} is outside {@code [0, 1)}, {@code eps <= 0}, {@code weightDecay < 0}, a value is not
         *     finite, the policy is null, or {@code params} is invalid (see {@link Sgd.Builder#build})
         */
        @Override
        public RmsProp build(Tensor... params) {
            checkLearningRate();
            unitInterval(alpha, "RmsProp", "alpha");
            Checks.positive(eps, "RmsProp", "eps");
            unitInterval(momentum, "RmsProp", "momentum");
            checkWeightDecay();
            return new RmsProp(this, params);
        }
    }
}
