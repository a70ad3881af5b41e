package org.nabla4j.integrate;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;

/**
 * Double-exponential quadrature (Takahasi and Mori): a change of variable whose Jacobian decays double-exponentially
 * at the ends, followed by the trapezoidal rule with step {@code h}, halved level by level. Endpoint singularities
 * such as {@code x^{-1/2}} or {@code ln x} are harmless because the nodes cluster at the ends doubly exponentially.
 *
 * <ul>
 *   <li>finite {@code [a, b]}: tanh-sinh, {@code x = c + ½(b - a) tanh(½π sinh t)};
 *   <li>{@code [a, ∞)} and {@code (-∞, b]}: exp-sinh, {@code x = a + exp(½π sinh t)} (mirrored for the lower case);
 *   <li>{@code (-∞, ∞)}: sinh-sinh, {@code x = sinh(½π sinh t)}.
 * </ul>
 *
 * <p>The error estimate after level {@code ℓ} is {@code |T_ℓ - T_{ℓ-1}|}, the change from the previous level (which
 * bounds the error of the new level generously, since each halving of {@code h} roughly doubles the correct digits),
 * plus an estimate of the tail cut off where the nodes could no longer be represented. That tail matters for an
 * integrand singular at a non-zero endpoint: a plain {@link DoubleUnaryOperator} cannot be sampled closer than one
 * ulp to such an endpoint, which limits the accuracy to about the integral over that last ulp; the status then says
 * so. Give an {@link EndpointIntegrand}, which receives the exact distances to the ends, to avoid the limit.
 *
 * <p>Each level evaluates all its new nodes together, which is what lets {@link #integrateBatched} call a batched
 * integrand once per level. Level 0 (step 1) evaluates every node out to the representability limit on both sides
 * and sums them outwards from the centre until the first negligible term on each side; values beyond that point are
 * evaluated but ignored (even if not finite), and counted as evaluations.
 *
 * <p>Instances are immutable; {@code with...} methods return modified copies.
 */
public final class TanhSinhIntegrator implements UnivariateIntegrator {
    /** Smallest evaluation limit accepted: room for the first three levels. */
    public static final int MIN_EVALUATIONS = 100;

    private static final double EPS = Math.ulp(1.0);
    private static final double HALF_PI = 0.5 * Math.PI;
    private static final int MAX_LEVEL = 24;
    /** Rounding error of a sum of many terms, in units of ε times the sum of their magnitudes. */
    private static final double ROUNDING_FACTOR = 16.0;
    /** Largest |u| = ½π sinh t for which e^u, sinh u and cosh u stay finite with a factor cosh t to spare. */
    private static final double MAX_EXPONENT = 700.0;
    /** The same for nodes rounded to float, where e^u must stay below Float.MAX_VALUE ≈ e^{88.7}. */
    private static final double MAX_EXPONENT_FLOAT = 80.0;

    private final double absTol;
    private final double relTol;
    private final int maxEvaluations;

    private TanhSinhIntegrator(double absTol, double relTol, int maxEvaluations) {
        this.absTol = absTol;
        this.relTol = relTol;
        this.maxEvaluations = maxEvaluations;
    }

    /**
     * Returns an integrator with tolerances {@link Quadrature#DEFAULT_ABSOLUTE_TOLERANCE} and
     * {@link Quadrature#DEFAULT_RELATIVE_TOLERANCE} and at most {@link Quadrature#DEFAULT_MAX_EVALUATIONS}
     * evaluations.
     *
     * @return the default configuration
     */
    public static TanhSinhIntegrator create() {
        return new TanhSinhIntegrator(
                Quadrature.DEFAULT_ABSOLUTE_TOLERANCE,
                Quadrature.DEFAULT_RELATIVE_TOLERANCE,
                Quadrature.DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * Returns a copy with other tolerances; the run succeeds when the estimated error is at most
     * {@code max(absTol, relTol · |I|)}.
     *
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @return the modified copy
     * @throws InvalidArgumentException if a tolerance is NaN or negative, or both are (effectively) zero
     */
    public TanhSinhIntegrator withTolerance(double absTol, double relTol) {
        QuadratureArguments.requireTolerances("TanhSinhIntegrator.withTolerance", absTol, relTol);
        return new TanhSinhIntegrator(absTol, relTol, maxEvaluations);
    }

    /**
     * Returns a copy with another limit on integrand evaluations; a level that would exceed it is not started.
     *
     * @param maxEvaluations the limit, at least {@link #MIN_EVALUATIONS}
     * @return the modified copy
     * @throws InvalidArgumentException if the limit is below {@link #MIN_EVALUATIONS}
     */
    public TanhSinhIntegrator withMaxEvaluations(int maxEvaluations) {
        Checks.atLeast(maxEvaluations, MIN_EVALUATIONS, "TanhSinhIntegrator.withMaxEvaluations", "maxEvaluations");
        return new TanhSinhIntegrator(absTol, relTol, maxEvaluations);
    }

    /**
     * Returns the absolute tolerance.
     *
     * @return {@code absTol}
     */
    public double absoluteTolerance() {
        return absTol;
    }

    /**
     * Returns the relative tolerance.
     *
     * @return {@code relTol}
     */
    public double relativeTolerance() {
        return relTol;
    }

    /**
     * Returns the limit on integrand evaluations.
     *
     * @return the limit
     */
    public int maxEvaluations() {
        return maxEvaluations;
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b}; either limit may be infinite (exp-sinh or sinh-sinh is used).
     *
     * @param f the integrand; never called at a finite endpoint
     * @param a lower limit
     * @param b upper limit
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit is NaN
     * @throws InvalidArgumentException if {@code f} is null
     */
    @Override
    public QuadratureResult integrate(DoubleUnaryOperator f, double a, double b) {
        String method = "TanhSinhIntegrator.integrate";
        QuadratureArguments.requireFunction(method, f);
        return integrate(method, Integrand.of(f), a, b);
    }

    /**
     * Integrates an integrand that receives the distances to both ends, over a finite interval. With the distances
     * the nodes can approach the ends to within the smallest normal double, so singularities at non-zero endpoints
     * are integrated to full accuracy.
     *
     * @param f the integrand; distances are measured in the sorted interval {@code [min(a,b), max(a,b)]}
     * @param a lower limit, finite
     * @param b upper limit, finite
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit is NaN or infinite
     * @throws InvalidArgumentException if {@code f} is null
     */
    public QuadratureResult integrate(EndpointIntegrand f, double a, double b) {
        String method = "TanhSinhIntegrator.integrate";
        QuadratureArguments.requireFunction(method, f);
        QuadratureArguments.requireFiniteLimits(method, a, b);
        if (a == b) {
            return QuadratureResult.empty();
        }
        Run run = new Run(Math.min(a, b), Math.max(a, b), null, f);
        run.integrate();
        return a > b ? run.result.negate() : run.result;
    }

    /**
     * Integrates a batched integrand from {@code a} to {@code b} with nodes of {@link DType#FLOAT64} on
     * {@link Backends#defaultBackend()}; either limit may be infinite. The algorithm, tolerances, evaluation limit,
     * statuses, value and evaluation count are those of {@link #integrate(DoubleUnaryOperator, double, double)} (the
     * integrand values being equal); {@code f} is called once per level, on all the new nodes of that level.
     *
     * @param f the batched integrand; never called at a finite endpoint
     * @param a lower limit
     * @param b upper limit
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit is NaN
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from that of the nodes
     * @throws InvalidArgumentException if {@code f} is null
     */
    public QuadratureResult integrateBatched(BatchIntegrand f, double a, double b) {
        String method = "TanhSinhIntegrator.integrateBatched";
        return integrate(method, TensorIntegrand.ofDefault(method, f), a, b);
    }

    /**
     * Integrates a batched integrand from {@code a} to {@code b} with node tensors on the given backend and dtype; see
     * {@link #integrateBatched(BatchIntegrand, double, double)}. With {@link DType#FLOAT32} the nodes are rounded to
     * {@code float}: they stop where {@code float} can no longer separate them from a finite end or represent them
     * towards an infinite one, and the rounding floors use single precision; ask for tolerances that single
     * precision can meet (relative {@code 1e-5}, say).
     *
     * @param f the batched integrand; never called at a finite endpoint
     * @param a lower limit
     * @param b upper limit
     * @param backend the backend that creates the node tensors
     * @param dtype the dtype of the node tensors
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit is NaN, or {@code backend} or {@code dtype} is null
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from that of the nodes
     * @throws InvalidArgumentException if {@code f} is null
     */
    public QuadratureResult integrateBatched(BatchIntegrand f, double a, double b, Backend backend, DType dtype) {
        String method = "TanhSinhIntegrator.integrateBatched";
        return integrate(method, TensorIntegrand.of(method, f, backend, dtype), a, b);
    }

    /** The shared driver of the public methods; {@code f} is already checked. */
    QuadratureResult integrate(String method, Integrand f, double a, double b) {
        QuadratureArguments.requireLimits(method, a, b);
        if (a == b) {
            return QuadratureResult.empty();
        }
        Run run = new Run(Math.min(a, b), Math.max(a, b), f, null);
        run.integrate();
        return a > b ? run.result.negate() : run.result;
    }

    /**
     * Integrates and returns, with the result, the nodes and weights of the trapezoidal sum that produced the value:
     * every node of the completed levels whose term was summed, with weight {@code h · dx/dt}. When no level was
     * completed (a non-finite value at level 0) the formula is that of level 0 with all its nodes.
     */
    Discretization discretize(String method, Integrand f, double a, double b) {
        QuadratureArguments.requireLimits(method, a, b);
        if (a == b) {
            return Discretization.empty();
        }
        Run run = new Run(Math.min(a, b), Math.max(a, b), f, null);
        run.integrate();
        double sign = a > b ? -1.0 : 1.0;
        QuadratureResult result = a > b ? run.result.negate() : run.result;
        double[] nodes;
        double[] weights;
        if (run.committed > 0) {
            nodes = Arrays.copyOf(run.usedX, run.committed);
            weights = Arrays.copyOf(run.usedW, run.committed);
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= sign * run.committedStep;
            }
        } else {
            nodes = Arrays.copyOf(run.bx, run.batchSize);
            weights = Arrays.copyOf(run.bw, run.batchSize);
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= sign;
            }
        }
        return new Discretization(result, nodes, weights);
    }

    private enum Kind {
        FINITE,
        UPPER_INFINITE,
        LOWER_INFINITE,
        BOTH_INFINITE
    }

    /** One side of the trapezoidal sum: t > 0 (index 0) or t < 0 (index 1). */
    private static final class Side {
        double tMax;
        /** True while tMax is set by the representability of the nodes rather than by negligible terms. */
        boolean truncated;

        double outermostT;
        double outermostTerm;
        double largestTerm;
        double lastSignificantT;
        /** The first node of the current batch that could not be formed, or NaN. */
        double unusableT;
    }

    private final class Run {
        private final double lo;
        private final double hi;
        private final Integrand plain;
        private final EndpointIntegrand aware;
        private final Kind kind;
        private final double halfWidth;
        /** Evaluation in single precision: nodes rounded to float, rounding floors of float. */
        private final boolean single;

        private final double eps;
        private final double negligible;
        private final double maxExponent;
        private final Side[] sides = {new Side(), new Side()};
        private final double[] node = new double[4];
        private long evaluations;
        private double l1;
        private QuadratureResult result;
        // The batch of one level: entry i has side bs[i] (-1 for the centre), parameter bt[i], point bx[i],
        // weight dx/dt bw[i], distances to the ends bl[i] and bu[i], and value bv[i].
        private int batchSize;
        private int[] bs = new int[64];
        private double[] bt = new double[64];
        private double[] bx = new double[64];
        private double[] bw = new double[64];
        private double[] bl = new double[64];
        private double[] bu = new double[64];
        private double[] bv = new double[64];
        // Points and weights dx/dt of the summed terms; the first `committed` belong to completed levels, whose
        // estimate is committedStep times their weighted sum.
        private double[] usedX = new double[64];
        private double[] usedW = new double[64];
        private int usedCount;
        private int committed;
        private double committedStep;

        Run(double lo, double hi, Integrand plain, EndpointIntegrand aware) {
            this.lo = lo;
            this.hi = hi;
            this.plain = plain;
            this.aware = aware;
            single = plain != null && plain.singlePrecision();
            eps = single ? Math.ulp(1.0f) : EPS;
            negligible = 1e-3 * eps;
            maxExponent = single ? MAX_EXPONENT_FLOAT : MAX_EXPONENT;
            if (lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY) {
                kind = Kind.BOTH_INFINITE;
            } else if (hi == Double.POSITIVE_INFINITY) {
                kind = Kind.UPPER_INFINITE;
            } else if (lo == Double.NEGATIVE_INFINITY) {
                kind = Kind.LOWER_INFINITE;
            } else {
                kind = Kind.FINITE;
            }
            halfWidth = 0.5 * hi - 0.5 * lo;
            for (int s = 0; s < 2; s++) {
                sides[s].tMax = representableLimit(s);
                sides[s].truncated = true;
                sides[s].lastSignificantT = 0.0;
            }
        }

        /** The point as the integrand sees it. */
        private double rounded(double x) {
            return single ? (float) x : x;
        }

        /** Smallest distance from a finite endpoint at which a node is still distinct from it. */
        private double minDistance(double endpoint) {
            if (aware != null) {
                return Double.MIN_NORMAL;
            }
            if (single) {
                return endpoint == 0.0 ? Float.MIN_NORMAL : Math.ulp((float) endpoint);
            }
            return endpoint == 0.0 ? Double.MIN_NORMAL : Math.ulp(endpoint);
        }

        /** Largest t on side s for which the node stays distinct from its endpoint and finite. */
        private double representableLimit(int s) {
            double u;
            switch (kind) {
                case FINITE: {
                    double endpoint = s == 0 ? hi : lo;
                    double r = minDistance(endpoint) / halfWidth;
                    if (r >= 1.0) {
                        return 0.0;
                    }
                    // distance = halfWidth · δ with δ = 1 - tanh u = 2 / (1 + e^{2u})
                    u = 0.5 * Math.log((2.0 - r) / r);
                    break;
                }
                case UPPER_INFINITE:
                case LOWER_INFINITE: {
                    boolean towardsInfinity = (kind == Kind.UPPER_INFINITE) == (s == 0);
                    if (towardsInfinity) {
                        u = maxExponent;
                    } else {
                        double endpoint = kind == Kind.UPPER_INFINITE ? lo : hi;
                        u = -Math.log(minDistance(endpoint));
                    }
                    break;
                }
                default:
                    u = maxExponent;
                    break;
            }
            // u = ½π sinh t, shaved by a little so that rounding in the node formula cannot cross the limit
            double y = u / HALF_PI;
            return Math.log(y + Math.sqrt(y * y + 1.0)) * (1.0 - 1e-12);
        }

        /**
         * Fills node[] for parameter t on side s (t >= 0): x, weight dx/dt, distance to lo, distance to hi. Returns
         * false if the node is not usable (coincides with an endpoint or overflowed).
         */
        private boolean node(int s, double t) {
            double u = HALF_PI * Math.sinh(t);
            double dudt = HALF_PI * Math.cosh(t);
            switch (kind) {
                case FINITE: {
                    double e = Math.exp(-2.0 * u);
                    double delta = 2.0 * e / (1.0 + e);
                    double near = halfWidth * delta;
                    double far = halfWidth * (2.0 - delta);
                    double weight = halfWidth * dudt * delta * (2.0 - delta);
                    if (s == 0) {
                        node[0] = hi - near;
                        node[2] = far;
                        node[3] = near;
                    } else {
                        node[0] = lo + near;
                        node[2] = near;
                        node[3] = far;
                    }
                    node[1] = weight;
                    if (near <= 0.0) {
                        return false;
                    }
                    double x = rounded(node[0]);
                    return aware != null || (x != rounded(lo) && x != rounded(hi));
                }
                case UPPER_INFINITE:
                case LOWER_INFINITE: {
                    // Side 0 follows t > 0; the map is x = a + e^{u(t)} with t of either sign.
                    double signedU = s == 0 ? u : -u;
                    double distance = Math.exp(signedU);
                    double weight = dudt * distance;
                    if (kind == Kind.UPPER_INFINITE) {
                        node[0] = lo + distance;
                        node[2] = distance;
                        node[3] = Double.POSITIVE_INFINITY;
                    } else {
                        node[0] = hi - distance;
                        node[2] = Double.POSITIVE_INFINITY;
                        node[3] = distance;
                    }
                    node[1] = weight;
                    double x = rounded(node[0]);
                    return distance > 0.0
                            && Double.isFinite(weight)
                            && Double.isFinite(x)
                            && x != rounded(lo)
                            && x != rounded(hi);
                }
                default: {
                    double x = Math.sinh(u);
                    node[0] = s == 0 ? x : -x;
                    node[1] = dudt * Math.cosh(u);
                    node[2] = Double.POSITIVE_INFINITY;
                    node[3] = Double.POSITIVE_INFINITY;
                    return Double.isFinite(node[1]) && Double.isFinite(rounded(x));
                }
            }
        }

        /** Appends the node last formed by {@link #node} to the batch. */
        private void addToBatch(int s, double t) {
            if (batchSize == bx.length) {
                int capacity = 2 * batchSize;
                bs = Arrays.copyOf(bs, capacity);
                bt = Arrays.copyOf(bt, capacity);
                bx = Arrays.copyOf(bx, capacity);
                bw = Arrays.copyOf(bw, capacity);
                bl = Arrays.copyOf(bl, capacity);
                bu = Arrays.copyOf(bu, capacity);
                bv = Arrays.copyOf(bv, capacity);
            }
            int i = batchSize++;
            bs[i] = s;
            bt[i] = t;
            bx[i] = node[0];
            bw[i] = node[1];
            bl[i] = node[2];
            bu[i] = node[3];
        }

        /** Evaluates the integrand on the whole batch: one call for a plain integrand. */
        private void evaluateBatch() {
            evaluations += batchSize;
            if (aware != null) {
                for (int i = 0; i < batchSize; i++) {
                    bv[i] = aware.value(bx[i], bl[i], bu[i]);
                }
            } else {
                plain.evaluate(bx, batchSize, bv);
            }
        }

        /** The term weight · value of batch entry i; unwinds with the point if it is not finite. */
        private double termValue(int i) {
            double x = bx[i];
            double y = bv[i];
            if (!Double.isFinite(y)) {
                throw new NonFiniteIntegrandException(x, y);
            }
            if (y == 0.0) {
                return 0.0;
            }
            double term = bw[i] * y;
            if (!Double.isFinite(term)) {
                throw NonFiniteIntegrandException.afterTransformation(x, y, term);
            }
            return term;
        }

        /** Sums batch entry i into the result: its term, the side's bookkeeping and the record of used nodes. */
        private double use(int i) {
            Side side = sides[bs[i]];
            double t = bt[i];
            double term = termValue(i);
            double magnitude = Math.abs(term);
            l1 += magnitude;
            side.largestTerm = Math.max(side.largestTerm, magnitude);
            if (t > side.outermostT) {
                side.outermostT = t;
                side.outermostTerm = magnitude;
            }
            if (magnitude > negligible * l1) {
                side.lastSignificantT = Math.max(side.lastSignificantT, t);
            }
            record(i);
            return term;
        }

        private void record(int i) {
            if (usedCount == usedX.length) {
                usedX = Arrays.copyOf(usedX, 2 * usedCount);
                usedW = Arrays.copyOf(usedW, 2 * usedCount);
            }
            usedX[usedCount] = bx[i];
            usedW[usedCount++] = bw[i];
        }

        /** A node that could not be formed ends its side: the representability limit. */
        private void unusable(Side side) {
            side.tMax = Math.min(side.tMax, side.unusableT);
            side.truncated = true;
        }

        /**
         * Level 0, step 1: the centre and, on each side, every node up to the representability limit, in one batch.
         * Outwards from the centre, each side stops at its first negligible term; the nodes beyond are evaluated but
         * not used.
         */
        private double levelZero() {
            batchSize = 0;
            node(0, 0.0);
            addToBatch(-1, 0.0);
            for (int s = 0; s < 2; s++) {
                Side side = sides[s];
                side.unusableT = Double.NaN;
                for (int k = 1; k <= side.tMax; k++) {
                    if (!node(s, k)) {
                        side.unusableT = k;
                        break;
                    }
                    addToBatch(s, k);
                }
            }
            evaluateBatch();
            double sum = termValue(0);
            record(0);
            l1 = Math.abs(sum);
            int i = 1;
            for (int s = 0; s < 2; s++) {
                Side side = sides[s];
                int end = i;
                while (end < batchSize && bs[end] == s) {
                    end++;
                }
                boolean stopped = false;
                for (; i < end; i++) {
                    double term = use(i);
                    sum += term;
                    if (Math.abs(term) <= negligible * l1) {
                        side.tMax = bt[i];
                        side.truncated = false;
                        stopped = true;
                        break;
                    }
                }
                if (!stopped && !Double.isNaN(side.unusableT)) {
                    // The node contributes nothing, which counts as a negligible term.
                    unusable(side);
                    side.tMax = side.unusableT;
                    side.truncated = false;
                }
                i = end;
            }
            return sum;
        }

        /** The odd multiples of h on both sides, up to each side's limit, in one batch; returns their sum. */
        private double refine(double h) {
            batchSize = 0;
            for (int s = 0; s < 2; s++) {
                Side side = sides[s];
                side.unusableT = Double.NaN;
                for (long k = 1; k * h <= side.tMax; k += 2) {
                    if (!node(s, k * h)) {
                        side.unusableT = k * h;
                        break;
                    }
                    addToBatch(s, k * h);
                }
            }
            if (batchSize > 0) {
                evaluateBatch();
            }
            double added = 0.0;
            int i = 0;
            for (int s = 0; s < 2; s++) {
                Side side = sides[s];
                for (; i < batchSize && bs[i] == s; i++) {
                    added += use(i);
                }
                if (!Double.isNaN(side.unusableT)) {
                    unusable(side);
                }
                // Beyond the last significant node and one more step, nothing contributes any more.
                double cut = side.lastSignificantT + h;
                if (cut < side.tMax) {
                    side.tMax = cut;
                    side.truncated = false;
                }
            }
            return added;
        }

        private void commit(double h) {
            committed = usedCount;
            committedStep = h;
        }

        void integrate() {
            result = levels();
        }

        private QuadratureResult levels() {
            double sum;
            double previous = Double.NaN;
            double estimate = Double.NaN;
            double error = Double.POSITIVE_INFINITY;
            int level = 0;
            try {
                sum = levelZero();
                estimate = sum;
                double h = 1.0;
                commit(h);
                while (true) {
                    double tolerance = Math.max(absTol, relTol * Math.abs(estimate));
                    if (level >= 2) {
                        double tail = tailEstimate();
                        // Never claim less than the rounding error of the trapezoidal sum itself.
                        error = Math.max(Math.abs(estimate - previous) + tail, ROUNDING_FACTOR * eps * h * l1);
                        if (error <= tolerance) {
                            return result(
                                    estimate,
                                    error,
                                    QuadratureStatus.CONVERGED,
                                    "converged: error estimate " + error + " <= tolerance " + tolerance + " after "
                                            + level + " levels");
                        }
                        QuadratureResult stop = checkStop(estimate, previous, error, tolerance, tail, h, level);
                        if (stop != null) {
                            return stop;
                        }
                    }
                    if (level == MAX_LEVEL) {
                        return result(
                                estimate,
                                error,
                                QuadratureStatus.ROUNDOFF_DETECTED,
                                "no convergence after " + level + " levels; error estimate " + error
                                        + " against tolerance " + tolerance);
                    }
                    double hNext = 0.5 * h;
                    long needed = newPoints(hNext);
                    if (evaluations + needed > maxEvaluations) {
                        return result(
                                estimate,
                                error,
                                QuadratureStatus.EVALUATION_LIMIT,
                                "evaluation limit " + maxEvaluations + " reached; error estimate " + error
                                        + " against tolerance " + tolerance);
                    }
                    sum += refine(hNext);
                    h = hNext;
                    level++;
                    previous = estimate;
                    estimate = h * sum;
                    commit(h);
                }
            } catch (NonFiniteIntegrandException e) {
                if (Double.isNaN(estimate)) {
                    return result(
                            Double.NaN,
                            Double.POSITIVE_INFINITY,
                            QuadratureStatus.NON_FINITE_INTEGRAND,
                            e.describe() + "; no finite estimate was formed");
                }
                return result(
                        estimate,
                        error,
                        QuadratureStatus.NON_FINITE_INTEGRAND,
                        e.describe() + "; value is the estimate of the last complete level");
            }
        }

        private QuadratureResult checkStop(
                double estimate, double previous, double error, double tolerance, double tail, double h, int level) {
            double change = Math.abs(estimate - previous);
            for (Side side : sides) {
                if (side.truncated && side.outermostTerm >= 0.01 * side.largestTerm && side.largestTerm > 0.0) {
                    return result(
                            estimate,
                            error,
                            QuadratureStatus.DIVERGENCE_SUSPECTED,
                            "the terms do not decay towards " + (side == sides[0] ? "the upper" : "the lower")
                                    + " end of the range: the integral is probably divergent, or converges too slowly");
                }
            }
            // Refinement cannot recover the part of the range beyond the last representable node.
            if ((change <= tolerance || level >= 3) && tail > tolerance) {
                return result(
                        estimate,
                        error,
                        QuadratureStatus.ROUNDOFF_DETECTED,
                        "the integrand could not be sampled close enough to an endpoint (the truncated tail is "
                                + "estimated at " + tail + "); use an EndpointIntegrand, which receives the exact "
                                + "distances to the ends");
            }
            if (change > tolerance && change <= 4.0 * ROUNDING_FACTOR * eps * h * l1) {
                return result(
                        estimate,
                        error,
                        QuadratureStatus.ROUNDOFF_DETECTED,
                        "round-off level " + (4.0 * ROUNDING_FACTOR * eps * h * l1) + " reached above the tolerance "
                                + tolerance);
            }
            return null;
        }

        private double tailEstimate() {
            double tail = 0.0;
            for (Side side : sides) {
                if (side.truncated) {
                    tail += side.outermostTerm;
                }
            }
            return tail;
        }

        private long newPoints(double h) {
            long count = 0;
            for (Side side : sides) {
                long kMax = (long) Math.floor(side.tMax / h);
                count += (kMax + 1) / 2;
            }
            return count;
        }

        private QuadratureResult result(double value, double error, QuadratureStatus status, String message) {
            return new QuadratureResult(value, error, evaluations, 1, status, message);
        }
    }
}
