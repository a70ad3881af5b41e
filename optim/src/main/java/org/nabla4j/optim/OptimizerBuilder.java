package org.nabla4j.optim;

import java.util.List;
import org.nabla4j.core.Checks;
import org.nabla4j.core.Tensor;

/**
 * The settings every first-order optimizer's builder shares: the learning rate, the weight decay and the non-finite
 * policy, with their fluent setters and validation. Each optimizer's public {@code Builder} extends this class.
 *
 * @param <B> the concrete builder, returned by the fluent setters
 * @param <O> the optimizer built
 */
abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
    /** The optimizer's name, used in exception messages. */
    final String kind;

    double lr;
    double weightDecay;
    NonFinitePolicy policy = NonFinitePolicy.SKIP_STEP;

    OptimizerBuilder(String kind, double defaultLearningRate) {
        this.kind = kind;
        this.lr = defaultLearningRate;
    }

    /** This builder, typed as the concrete builder. */
    abstract B self();

    /** Learning rate {@code γ >= 0} (the default is listed by the optimizer's {@code builder()}). */
    public B learningRate(double lr) {
        this.lr = lr;
        return self();
    }

    /** L2 weight decay {@code λ >= 0} added to the gradient (default 0). */
    public B weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return self();
    }

    /** Policy for non-finite losses and gradients (default {@link NonFinitePolicy#SKIP_STEP}). */
    public B nonFinitePolicy(NonFinitePolicy policy) {
        this.policy = policy;
        return self();
    }

    /**
     * Creates the optimizer over {@code params}.
     *
     * @throws org.nabla4j.core.InvalidArgumentException naming the parameter if a hyper-parameter is out of range,
     *     the policy is null, or {@code params} is invalid (see {@link Sgd.Builder#build})
     */
    public abstract O build(Tensor... params);

    /** Same as {@link #build(Tensor...)} with a list. */
    public O build(List<Tensor> params) {
        return build(AbstractOptimizer.toArray(kind, params));
    }

    /** Checks {@code learningRate >= 0} and finite. */
    void checkLearningRate() {
        Checks.nonNegative(lr, kind, "learningRate");
    }

    /** Checks {@code weightDecay >= 0} and finite. */
    void checkWeightDecay() {
        Checks.nonNegative(weightDecay, kind, "weightDecay");
    }
}
