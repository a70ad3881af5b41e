package org.nabla4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nabla4j.core.Tensor;

/**
 * Plain stochastic gradient descent with optional L2 weight decay: PyTorch's {@code torch.optim.SGD} with
 * {@code momentum = 0}. For momentum see {@link Momentum}.
 *
 * <p>Update, for {@code t = 1, 2, ...} with gradient {@code g_t = ∇f(θ_{t-1})}, learning rate {@code γ} and weight
 * decay {@code λ}:
 *
 * <pre>
 * if λ ≠ 0:  g_t ← g_t + λ θ_{t-1}
 * θ_t ← θ_{t-1} − γ g_t
 * </pre>
 *
 * <p>The gradient descent step of the calculus view, {@code w_{t+1} = w_t − η ∇L(w_t)}, is the case {@code λ = 0}.
 * Build with {@link #builder()}; see {@link Optimizer} for the shared contract (non-finite policy, state, schedules).
 */
public final class Sgd extends AbstractOptimizer {
    private final double weightDecay;

    private Sgd(Builder b, Tensor[] params) {
        super("Sgd", b.lr, b.policy, new String[0], new double[0], params);
        this.weightDecay = b.weightDecay;
    }

    /** A builder with the defaults learning rate 1e-3, no weight decay, {@link NonFinitePolicy#SKIP_STEP}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The L2 weight-decay coefficient {@code λ}. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void update(int i, Tensor p, Tensor g, double lr, long step) {
        Tensor d = weightDecay != 0 ? g.add(p.mul(weightDecay)) : g;
        p.subi(d.mul(lr));
    }

    @Override
    Map<String, Double> hyperParameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("weightDecay", weightDecay);
        return m;
    }

    /** Builder of {@link Sgd}; hyper-parameters are validated by {@link #build}. */
    public static final class Builder extends OptimizerBuilder<Builder, Sgd> {

        private Builder() {
            super("Sgd", 1e-3);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Creates the optimizer over {@code params}.
         *
         * @throws org.nabla4j.core.InvalidArgumentException naming the parameter if {@code learningRate < 0},
         *     {@code weightDecay < 0}, a value is not finite, the policy is null, or {@code params} is empty,
         *     contains null, a closed tensor or the same tensor twice
         */
        @Override
        public Sgd build(Tensor... params) {
            checkLearningRate();
            checkWeightDecay();
            return new Sgd(this, params);
        }
    }
}
