package org.nabla4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * Adam with bias correction, optional AMSGrad, and either L2 weight decay (PyTorch's {@code torch.optim.Adam}) or
 * decoupled weight decay (AdamW, PyTorch's {@code torch.optim.AdamW}), step for step.
 *
 * <p>Update, for {@code t = 1, 2, ...} with gradient {@code g_t = ∇f(θ_{t-1})}, learning rate {@code γ}, moments
 * {@code m_0 = v_0 = v_0^max = 0}, betas {@code β1, β2}, epsilon {@code ε} and weight decay {@code λ}:
 *
 * <pre>
 * if λ ≠ 0 and decoupled:      θ_{t-1} ← θ_{t-1} − γ λ θ_{t-1}        (AdamW)
 * if λ ≠ 0 and not decoupled:  g_t ← g_t + λ θ_{t-1}                  (Adam with L2)
 * m_t ← β1 m_{t-1} + (1 − β1) g_t
 * v_t ← β2 v_{t-1} + (1 − β2) g_t²
 * m̂_t ← m_t / (1 − β1^t)
 * if amsgrad:
 *     v_t^max ← max(v_{t-1}^max, v_t)
 *     v̂_t ← v_t^max / (1 − β2^t)
 * else:
 *     v̂_t ← v_t / (1 − β2^t)
 * θ_t ← θ_{t-1} − γ m̂_t / (√v̂_t + ε)
 * </pre>
 *
 * <p>The AMSGrad maximum is taken over the raw second moments {@code v_t} and then bias-corrected, which is what
 * PyTorch's implementation does (some versions of its documentation show the maximum of the bias-corrected
 * {@code v̂_t}, which differs from its code). Build with {@link #builder()} or {@link #adamW()}; see
 * {@link Optimizer} for the shared contract.
 */
public final class Adam extends AbstractOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final boolean amsgrad;

    private Adam(Builder b, Tensor[] params) {
        super("Adam", b.lr, b.policy, bufferNames(b.amsgrad), new double[b.amsgrad ? 3 : 2], params);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        this.decoupled = b.decoupled;
        this.amsgrad = b.amsgrad;
    }

    private static String[] bufferNames(boolean amsgrad) {
        return amsgrad
                ? new String[] {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"}
                : new String[] {"exp_avg", "exp_avg_sq"};
    }

    /**
     * An Adam builder with PyTorch's defaults: learning rate 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay, no
     * AMSGrad, {@link NonFinitePolicy#SKIP_STEP}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An AdamW builder with PyTorch's AdamW defaults: as {@link #builder()} but with decoupled weight decay
     * {@code λ = 1e-2}.
     */
    public static Builder adamW() {
        return new Builder().weightDecay(1e-2).decoupledWeightDecay(true);
    }

    /** {@code β1}. */
    public double beta1() {
        return beta1;
    }

    /** {@code β2}. */
    public double beta2() {
        return beta2;
    }

    /** {@code ε}. */
    public double eps() {
        return eps;
    }

    /** The weight-decay coefficient {@code λ}. */
    public double weightDecay() {
        return weightDecay;
    }

    /** True for decoupled weight decay (AdamW), false for L2 weight decay added to the gradient. */
    public boolean decoupledWeightDecay() {
        return decoupled;
    }

    /** True for the AMSGrad variant. */
    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    void update(int i, Tensor p, Tensor g, double lr, long step) {
        Tensor m = buffers[i][0];
        Tensor v = buffers[i][1];
        Tensor d = g;
        if (weightDecay != 0) {
            if (decoupled) {
                p.muli(1 - lr * weightDecay);
            } else {
                d = g.add(p.mul(weightDecay));
            }
        }
        m.muli(beta1).addi(d.mul(1 - beta1));
        v.muli(beta2).addi(d.mul(d).mul(1 - beta2));
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        Tensor second = v;
        if (amsgrad) {
            Tensor vmax = buffers[i][2];
            vmax.assign(vmax.maximum(v));
            second = vmax;
        }
        Tensor denom = second.div(bc2).sqrt().add(eps);
        p.subi(m.div(bc1).div(denom).mul(lr));
    }

    @Override
    Map<String, Double> hyperParameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("beta1", beta1);
        h.put("beta2", beta2);
        h.put("eps", eps);
        h.put("weightDecay", weightDecay);
        h.put("decoupledWeightDecay", flag(decoupled));
        h.put("amsgrad", flag(amsgrad));
        return h;
    }

    /** Builder of {@link Adam}; hyper-parameters are validated by {@link #build}. */
    public static final class Builder extends OptimizerBuilder<Builder, Adam> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private boolean decoupled;
        private boolean amsgrad;

        private Builder() {
            super("Adam", 1e-3);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Decay rates {@code β1, β2}, each in {@code [0, 1)} (default 0.9, 0.999). */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** {@code ε > 0} added to the denominator (default 1e-8). */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Weight decay {@code λ >= 0} (default 0, or 1e-2 from {@link Adam#adamW()}). */
        @Override
        public Builder weightDecay(double weightDecay) {
            return super.weightDecay(weightDecay);
        }

        /** Decoupled weight decay (AdamW) when true, L2 weight decay added to the gradient when false. */
        public Builder decoupledWeightDecay(boolean decoupled) {
            this.decoupled = decoupled;
            return this;
        }

        /** The AMSGrad variant (default false). */
        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /**
         * Creates the optimizer over {@code params}.
         *
         * @throws InvalidArgumentException naming the parameter if {@code learningRate < 0}, a beta is outside
         *     {@code [0, 1)}, {@code eps <= 0}, {@code weightDecay < 0}, a value is not finite, the policy is null,
         *     or {@code params} is invalid (see {@link Sgd.Builder#build})
         */
        @Override
        public Adam build(Tensor... params) {
            checkLearningRate();
            unitInterval(beta1, "Adam", "beta1");
            unitInterval(beta2, "Adam", "beta2");
            Checks.positive(eps, "Adam", "eps");
            checkWeightDecay();
            return new Adam(this, params);
        }
    }
}
