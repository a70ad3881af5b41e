package org.nabla4j.integrate;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.integrate.gauss.GaussKronrodRule;

/**
 * Globally adaptive Gauss–Kronrod integration with extrapolation, in the manner of QUADPACK's QAGS, QAGP and QAGI
 * (Piessens et al., 1983), written anew.
 *
 * <p>The range is covered by subintervals kept in a priority queue ordered by error estimate; each step bisects the
 * subinterval with the largest error. On each subinterval the Kronrod rule gives the value {@code K} and the embedded
 * Gauss rule a second value {@code G}; the error estimate is QUADPACK's
 * {@code ρ · min(1, (200 |K - G| / ρ)^{3/2})}, where {@code ρ = ∫|f - K/(b-a)|} measures the variation of the
 * integrand, floored at {@code 50 ε ∫|f|} so that rounding is never claimed to be absent. The run stops when the sum
 * of the errors is at most {@code max(absTol, relTol · |I|)}.
 *
 * <p>With extrapolation enabled (the default), once the largest errors sit in the smallest subintervals, the sequence
 * of total areas obtained each time the partition is refined one level further towards them is accelerated with
 * Wynn's epsilon algorithm. This resolves integrable endpoint and interior singularities at a small cost. Round-off
 * and divergence are detected with QUADPACK's heuristics and reported in the status.
 *
 * <p>Infinite and semi-infinite ranges are mapped onto a finite interval: {@code x = a + (1 - t)/t} for
 * {@code [a, ∞)}, {@code x = b - (1 - t)/t} for {@code (-∞, b]} and {@code x = t / (1 - t²)} for the whole line.
 * Break points (known singularities or discontinuities inside the range) start the partition there, as in QAGP.
 *
 * <p>The integrand is evaluated on all nodes of a step at once: the first pass applies the rule to every initial
 * subinterval in one evaluation, and each bisection evaluates the Kronrod nodes of both halves together. A
 * {@link BatchIntegrand} given to {@code integrateBatched} is therefore called once per step, on a node tensor, and
 * a {@link DoubleUnaryOperator} once per node; both run the same algorithm.
 *
 * <p>Instances are immutable; {@code with...} methods return modified copies.
 */
public final class GaussKronrodIntegrator implements UnivariateIntegrator {
    /** Refinement levels towards a difficult point without any better extrapolated value before giving up. */
    private static final int MAX_STEPS_WITHOUT_PROGRESS = 20;

    private final GaussKronrodRule rule;
    private final double absTol;
    private final double relTol;
    private final int maxEvaluations;
    private final boolean extrapolation;
    // Positive half of the rule: x_j > 0 ascending, with Kronrod and Gauss weights; the centre node separately.
    private final double[] positiveNodes;
    private final double[] kronrodPositive;
    private final double[] gaussPositive;
    private final double kronrodCentre;
    private final double gaussCentre;

    private GaussKronrodIntegrator(
            GaussKronrodRule rule, double absTol, double relTol, int maxEvaluations, boolean extrapolation) {
        this.rule = rule;
        this.absTol = absTol;
        this.relTol = relTol;
        this.maxEvaluations = maxEvaluations;
        this.extrapolation = extrapolation;
        int n = rule.gaussPoints();
        positiveNodes = new double[n];
        kronrodPositive = new double[n];
        gaussPositive = new double[n];
        for (int j = 0; j < n; j++) {
            positiveNodes[j] = rule.node(n + 1 + j);
            kronrodPositive[j] = rule.kronrodWeight(n + 1 + j);
            gaussPositive[j] = rule.gaussWeight(n + 1 + j);
        }
        kronrodCentre = rule.kronrodWeight(n);
        gaussCentre = rule.gaussWeight(n);
    }

    /**
     * Returns an integrator with the G10–K21 pair, tolerances {@link Quadrature#DEFAULT_ABSOLUTE_TOLERANCE} and
     * {@link Quadrature#DEFAULT_RELATIVE_TOLERANCE}, at most {@link Quadrature#DEFAULT_MAX_EVALUATIONS} evaluations and
     * extrapolation enabled.
     *
     * @return the default configuration
     */
    public static GaussKronrodIntegrator create() {
        return new GaussKronrodIntegrator(
                GaussKronrodRule.G10_K21,
                Quadrature.DEFAULT_ABSOLUTE_TOLERANCE,
                Quadrature.DEFAULT_RELATIVE_TOLERANCE,
                Quadrature.DEFAULT_MAX_EVALUATIONS,
                true);
    }

    /**
     * Returns a copy that uses another Gauss–Kronrod pair on each subinterval.
     *
     * @param rule the pair, for example {@link GaussKronrodRule#G7_K15}
     * @return the modified copy
     * @throws InvalidArgumentException if {@code rule} is null
     * @throws InvalidArgumentException if the current evaluation limit is smaller than one application of the rule
     */
    public GaussKronrodIntegrator withRule(GaussKronrodRule rule) {
        Checks.notNull(rule, "GaussKronrodIntegrator", "rule");
        Checks.atLeast(maxEvaluations, rule.size(), "GaussKronrodIntegrator.withRule", "maxEvaluations");
        return new GaussKronrodIntegrator(rule, absTol, relTol, maxEvaluations, extrapolation);
    }

    /**
     * Returns a copy with other tolerances. The run succeeds when the estimated error is at most
     * {@code max(absTol, relTol · |I|)}.
     *
     * @param absTol absolute tolerance, at least 0
     * @param relTol relative tolerance, at least 0; at least {@code 50 ε} when {@code absTol} is 0
     * @return the modified copy
     * @throws InvalidArgumentException if a tolerance is NaN or negative, or both are (effectively) zero
     */
    public GaussKronrodIntegrator withTolerance(double absTol, double relTol) {
        QuadratureArguments.requireTolerances("GaussKronrodIntegrator.withTolerance", absTol, relTol);
        return new GaussKronrodIntegrator(rule, absTol, relTol, maxEvaluations, extrapolation);
    }

    /**
     * Returns a copy with another limit on integrand evaluations. The limit is never exceeded: a bisection that would
     * exceed it is not started and the run ends with {@link QuadratureStatus#EVALUATION_LIMIT}.
     *
     * @param maxEvaluations the limit, at least the size {@code 2n + 1} of the Kronrod rule
     * @return the modified copy
     * @throws InvalidArgumentException if the limit is smaller than one application of the rule
     */
    public GaussKronrodIntegrator withMaxEvaluations(int maxEvaluations) {
        Checks.atLeast(maxEvaluations, rule.size(), "GaussKronrodIntegrator.withMaxEvaluations", "maxEvaluations");
        return new GaussKronrodIntegrator(rule, absTol, relTol, maxEvaluations, extrapolation);
    }

    /**
     * Returns a copy with Wynn-epsilon extrapolation switched on or off. Without it the method is plain globally
     * adaptive bisection (QUADPACK's QAG), which is cheaper for smooth integrands and cannot be misled by
     * extrapolation, but is slow at endpoint singularities.
     *
     * @param enabled whether to extrapolate
     * @return the modified copy
     */
    public GaussKronrodIntegrator withExtrapolation(boolean enabled) {
        return new GaussKronrodIntegrator(rule, absTol, relTol, maxEvaluations, enabled);
    }

    /**
     * Returns the Gauss–Kronrod pair used on each subinterval.
     *
     * @return the rule
     */
    public GaussKronrodRule rule() {
        return rule;
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
     * Tells whether extrapolation is enabled.
     *
     * @return true if enabled
     */
    public boolean extrapolation() {
        return extrapolation;
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b}; either limit may be infinite.
     *
     * @param f the integrand; never called at a finite endpoint
     * @param a lower limit, may be {@code -∞} (or {@code +∞} for a reversed range)
     * @param b upper limit, may be {@code +∞} (or {@code -∞} for a reversed range)
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit is NaN
     * @throws InvalidArgumentException if {@code f} is null
     */
    @Override
    public QuadratureResult integrate(DoubleUnaryOperator f, double a, double b) {
        return integrate(f, a, b, new double[0]);
    }

    /**
     * Integrates {@code f} from {@code a} to {@code b}, starting the partition at the given break points: points where
     * the integrand is singular, discontinuous or has a kink. The integrand is never evaluated at a break point.
     *
     * @param f the integrand
     * @param a lower limit, may be infinite
     * @param b upper limit, may be infinite
     * @param breakPoints points strictly between the limits, in any order; duplicates are ignored
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit or break point is NaN, a break point lies outside the open range,
     *     or the break points need more evaluations than the limit allows for the first pass
     * @throws InvalidArgumentException if {@code f} or {@code breakPoints} is null
     */
    public QuadratureResult integrate(DoubleUnaryOperator f, double a, double b, double... breakPoints) {
        String method = "GaussKronrodIntegrator.integrate";
        QuadratureArguments.requireFunction(method, f);
        return integrate(method, Integrand.of(f), a, b, breakPoints);
    }

    /**
     * Integrates a batched integrand from {@code a} to {@code b} with nodes of {@link DType#FLOAT64} on
     * {@link Backends#defaultBackend()}. The algorithm, tolerances, evaluation limit and statuses are those of
     * {@link #integrate(DoubleUnaryOperator, double, double)}, and so are the value and the evaluation count (the
     * integrand values being equal); only the calls differ: {@code f} is called once for the first rule application
     * and once per bisection, on the {@code 2 · (2n + 1)} Kronrod nodes of both halves.
     *
     * @param f the batched integrand; never called at a finite endpoint
     * @param a lower limit, may be infinite
     * @param b upper limit, may be infinite
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit is NaN
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from that of the nodes
     * @throws InvalidArgumentException if {@code f} is null
     */
    public QuadratureResult integrateBatched(BatchIntegrand f, double a, double b) {
        String method = "GaussKronrodIntegrator.integrateBatched";
        return integrate(method, TensorIntegrand.ofDefault(method, f), a, b, new double[0]);
    }

    /**
     * Integrates a batched integrand from {@code a} to {@code b} with node tensors on the given backend and dtype,
     * starting the partition at the given break points; see {@link #integrateBatched(BatchIntegrand, double, double)}
     * and {@link #integrate(DoubleUnaryOperator, double, double, double...)}. With {@link DType#FLOAT32} the nodes are
     * rounded to {@code float}, and the rounding floors of the error estimates and the resolution test for
     * subintervals use single precision; ask for tolerances that single precision can meet (relative {@code 1e-5},
     * say).
     *
     * @param f the batched integrand; never called at a finite endpoint or a break point
     * @param a lower limit, may be infinite
     * @param b upper limit, may be infinite
     * @param backend the backend that creates the node tensors
     * @param dtype the dtype of the node tensors
     * @param breakPoints points strictly between the limits, in any order; duplicates are ignored
     * @return the result; {@code a > b} gives {@code -∫_b^a f}
     * @throws InvalidArgumentException if a limit or break point is NaN, a break point lies outside the open range,
     *     the break points need more evaluations than the limit allows for the first pass, or {@code backend} or
     *     {@code dtype} is null
     * @throws ShapeMismatchException if {@code f} returns a tensor whose shape differs from that of the nodes
     * @throws InvalidArgumentException if {@code f} or {@code breakPoints} is null
     */
    public QuadratureResult integrateBatched(
            BatchIntegrand f, double a, double b, Backend backend, DType dtype, double... breakPoints) {
        String method = "GaussKronrodIntegrator.integrateBatched";
        return integrate(method, TensorIntegrand.of(method, f, backend, dtype), a, b, breakPoints);
    }

    /** The shared driver of the public methods; {@code f} is already checked. */
    QuadratureResult integrate(String method, Integrand f, double a, double b, double[] breakPoints) {
        Run run = run(method, f, a, b, breakPoints);
        if (run == null) {
            return QuadratureResult.empty();
        }
        return a > b ? run.result.negate() : run.result;
    }

    /**
     * Integrates and returns, with the result, the Kronrod nodes and weights of the final partition. Without
     * extrapolation the value is their weighted sum (up to rounding); with it, the value is extrapolated from the
     * sums of a sequence of partitions and the formula gives only the last of them.
     */
    Discretization discretize(String method, Integrand f, double a, double b) {
        Run run = run(method, f, a, b, new double[0]);
        if (run == null) {
            return Discretization.empty();
        }
        double sign = a > b ? -1.0 : 1.0;
        QuadratureResult result = a > b ? run.result.negate() : run.result;
        RangeTransform g = run.g;
        double[] los;
        double[] his;
        if (run.intervals > 0) {
            los = Arrays.copyOf(run.lo, run.intervals);
            his = Arrays.copyOf(run.hi, run.intervals);
        } else {
            // No interval was completed: the first rule application met a non-finite value. Its nodes are the ones
            // that produced the result.
            los = Arrays.copyOf(run.initialPoints, run.initialPoints.length - 1);
            his = Arrays.copyOfRange(run.initialPoints, 1, run.initialPoints.length);
        }
        int size = rule.size();
        double[] t = new double[size];
        double[] nodes = new double[los.length * size];
        double[] weights = new double[los.length * size];
        int count = 0;
        for (int k = 0; k < los.length; k++) {
            run.fillNodes(los[k], his[k], t, 0);
            double half = 0.5 * his[k] - 0.5 * los[k];
            for (int i = 0; i < size; i++) {
                double x = g.toOriginal(t[i]);
                double w = sign * half * run.kronrodWeight(i) * g.jacobian(t[i]);
                if (g.beyondRange(x) || !Double.isFinite(w)) {
                    continue;
                }
                nodes[count] = x;
                weights[count++] = w;
            }
        }
        return new Discretization(result, Arrays.copyOf(nodes, count), Arrays.copyOf(weights, count));
    }

    /** Validates the limits and break points and runs the algorithm; null for an empty range. */
    private Run run(String method, Integrand f, double a, double b, double[] breakPoints) {
        QuadratureArguments.requireLimits(method, a, b);
        Checks.notNull(breakPoints, "GaussKronrodIntegrator", "breakPoints");
        if (a == b) {
            return null;
        }
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double[] points = breakPoints.clone();
        Arrays.sort(points);
        for (double p : points) {
            if (!(p > lo && p < hi)) {
                throw new InvalidArgumentException(
                        method + ": break point " + p + " is not strictly inside (" + lo + ", " + hi + ")");
            }
        }
        RangeTransform transform = RangeTransform.of(f, lo, hi);
        // The maps onto the working interval may reverse the order (x = a + (1 - t)/t does): sort after mapping.
        double[] mapped = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            mapped[i] = transform.toWorking(points[i]);
        }
        Arrays.sort(mapped);
        double[] working = new double[points.length + 2];
        int count = 0;
        working[count++] = transform.lower;
        for (double t : mapped) {
            if (t > working[count - 1] && t < transform.upper) {
                working[count++] = t;
            }
        }
        working[count++] = transform.upper;
        working = Arrays.copyOf(working, count);
        int needed = (count - 1) * rule.size();
        if (needed > maxEvaluations) {
            throw new InvalidArgumentException(method + ": " + (count - 1) + " initial subintervals need " + needed
                    + " evaluations, more than maxEvaluations = " + maxEvaluations);
        }
        Run run = new Run(transform, f.epsilon(), f.singlePrecision() ? Float.MIN_NORMAL : Double.MIN_NORMAL);
        run.integrate(working);
        return run;
    }

    /** State of one integration. */
    private final class Run {
        private final RangeTransform g;
        /** Rounding unit and underflow threshold of the precision the integrand is evaluated in. */
        private final double eps;

        private final double underflow;
        // Working-variable nodes and transformed values of the rule applications of one step.
        private double[] ts = new double[2 * rule.size()];
        private double[] fs = new double[2 * rule.size()];
        private long evaluations;
        private double[] initialPoints;
        private QuadratureResult result;
        // Result of the last rule application.
        private double lastArea;
        private double lastError;
        private double lastResabs;
        private double lastResasc;
        // Subintervals as parallel arrays, and two max-heaps of their ids by error.
        private double[] lo = new double[64];
        private double[] hi = new double[64];
        private double[] area = new double[64];
        private double[] err = new double[64];
        private int[] depth = new int[64];
        private int intervals;
        private final ErrorHeap large = new ErrorHeap();
        private final ErrorHeap small = new ErrorHeap();
        private double largeErrorSum;
        private int levelMax = Integer.MAX_VALUE;

        Run(RangeTransform g, double eps, double underflow) {
            this.g = g;
            this.eps = eps;
            this.underflow = underflow;
        }

        void integrate(double[] points) {
            initialPoints = points;
            result = firstPass(points);
        }

        /** Applies the rule on every initial subinterval, with one evaluation of the integrand for all of them. */
        private QuadratureResult firstPass(double[] points) {
            int size = rule.size();
            int initial = points.length - 1;
            if (ts.length < initial * size) {
                ts = new double[initial * size];
                fs = new double[initial * size];
            }
            for (int i = 0; i < initial; i++) {
                fillNodes(points[i], points[i + 1], ts, i * size);
            }
            try {
                evaluate(initial * size);
            } catch (NonFiniteIntegrandException e) {
                return QuadratureResult.noFiniteEstimate(evaluations, e);
            }
            double areaSum = 0.0;
            double errSum = 0.0;
            double resabsSum = 0.0;
            for (int i = 0; i < initial; i++) {
                combine(points[i], points[i + 1], i * size);
                int id = newInterval(points[i], points[i + 1], lastArea, lastError, 0);
                pushInterval(id);
                areaSum += lastArea;
                errSum += lastError;
                resabsSum += lastResabs;
            }
            double tolerance = Math.max(absTol, relTol * Math.abs(areaSum));
            if (errSum <= 100.0 * eps * resabsSum && errSum > tolerance) {
                return finish(
                        areaSum,
                        errSum,
                        QuadratureStatus.ROUNDOFF_DETECTED,
                        "the tolerance " + tolerance + " is below the rounding level of this integrand");
            }
            if (errSum == 0.0 || (errSum <= tolerance && errSum != resabsSum)) {
                return finish(areaSum, errSum, QuadratureStatus.CONVERGED, convergedMessage(errSum, tolerance));
            }
            return adapt(areaSum, errSum, resabsSum);
        }

        private QuadratureResult adapt(double areaSum, double errSum, double defabs) {
            int sign = Math.abs(areaSum) >= (1.0 - 50.0 * eps) * defabs ? 1 : -1;
            EpsilonExtrapolation table = new EpsilonExtrapolation(eps);
            boolean noExtrapolation = !extrapolation;
            if (extrapolation) {
                table.append(areaSum);
                levelMax = 1;
            }
            double extrapolated = areaSum;
            double extrapolatedError = Double.POSITIVE_INFINITY;
            double correction = 0.0;
            double errorTest = 0.0;
            int stalledSteps = 0;
            int roundoff1 = 0;
            int roundoff2 = 0;
            int roundoff3 = 0;
            boolean roundoffDuringExtrapolation = false;
            boolean largeIntervalPhase = false;
            boolean onlyLarge = false;
            int bisections = 0;
            QuadratureStatus flag = null;
            String flagMessage = null;
            double tolerance = Math.max(absTol, relTol * Math.abs(areaSum));
            try {
                while (true) {
                    if (evaluations + 2L * rule.size() > maxEvaluations) {
                        flag = QuadratureStatus.EVALUATION_LIMIT;
                        flagMessage = "evaluation limit " + maxEvaluations + " reached";
                        break;
                    }
                    int id = onlyLarge ? popLarge() : popGlobal();
                    double a1 = lo[id];
                    double b2 = hi[id];
                    double mid = 0.5 * a1 + 0.5 * b2;
                    double parentArea = area[id];
                    double parentError = err[id];
                    int childDepth = depth[id] + 1;
                    // Both halves in one evaluation of the integrand.
                    fillNodes(a1, mid, ts, 0);
                    fillNodes(mid, b2, ts, rule.size());
                    try {
                        evaluate(2 * rule.size());
                    } catch (NonFiniteIntegrandException e) {
                        // The parent is still part of areaSum and errSum: report the partition before this step.
                        pushInterval(id);
                        throw e;
                    }
                    combine(a1, mid, 0);
                    double area1 = lastArea;
                    double error1 = lastError;
                    double resasc1 = lastResasc;
                    combine(mid, b2, rule.size());
                    double area2 = lastArea;
                    double error2 = lastError;
                    double resasc2 = lastResasc;
                    bisections++;
                    double area12 = area1 + area2;
                    double error12 = error1 + error2;
                    errSum += error12 - parentError;
                    areaSum += area12 - parentArea;
                    if (resasc1 != error1 && resasc2 != error2) {
                        if (Math.abs(parentArea - area12) <= 1e-5 * Math.abs(area12) && error12 >= 0.99 * parentError) {
                            if (largeIntervalPhase) {
                                roundoff2++;
                            } else {
                                roundoff1++;
                            }
                        }
                        if (intervals > 10 && error12 > parentError) {
                            roundoff3++;
                        }
                    }
                    lo[id] = a1;
                    hi[id] = mid;
                    area[id] = area1;
                    err[id] = error1;
                    depth[id] = childDepth;
                    pushInterval(id);
                    pushInterval(newInterval(mid, b2, area2, error2, childDepth));
                    tolerance = Math.max(absTol, relTol * Math.abs(areaSum));
                    if (roundoff1 + roundoff2 >= 10 || roundoff3 >= 20) {
                        flag = QuadratureStatus.ROUNDOFF_DETECTED;
                        flagMessage = "round-off prevents the requested tolerance: bisection stopped improving";
                    }
                    if (roundoff2 >= 5) {
                        roundoffDuringExtrapolation = true;
                    }
                    double reach = Math.max(Math.abs(a1), Math.abs(b2));
                    if (reach <= (1.0 + 100.0 * eps) * (Math.abs(mid) + 1000.0 * underflow)) {
                        flag = QuadratureStatus.BAD_INTEGRAND_BEHAVIOUR;
                        flagMessage = "subintervals shrank to the resolution of doubles near x = " + describePoint(mid)
                                + " (singularity or discontinuity?)";
                    }
                    if (errSum <= tolerance) {
                        double[] sums = exactSums();
                        return finish(
                                sums[0], sums[1], QuadratureStatus.CONVERGED, convergedMessage(sums[1], tolerance));
                    }
                    if (flag != null) {
                        break;
                    }
                    onlyLarge = false;
                    if (noExtrapolation) {
                        continue;
                    }
                    if (bisections == 1) {
                        table.append(areaSum);
                        errorTest = tolerance;
                        continue;
                    }
                    if (large.size() > 0 && (small.size() == 0 || err[large.peek()] >= err[small.peek()])) {
                        continue;
                    }
                    // The largest error now sits in the smallest subintervals. Before extrapolating, bisect the
                    // larger subintervals until their share of the error is within the tolerance.
                    largeIntervalPhase = true;
                    if (!roundoffDuringExtrapolation && largeErrorSum > errorTest && large.size() > 0) {
                        onlyLarge = true;
                        continue;
                    }
                    table.add(areaSum);
                    stalledSteps++;
                    boolean stalled = stalledSteps > 5 && extrapolatedError < 1e-3 * errSum;
                    if (table.error() < extrapolatedError) {
                        stalledSteps = 0;
                        extrapolatedError = table.error();
                        extrapolated = table.estimate();
                        correction = largeErrorSum;
                        errorTest = Math.max(absTol, relTol * Math.abs(extrapolated));
                        if (extrapolatedError <= errorTest) {
                            break;
                        }
                    }
                    if (stalledSteps > MAX_STEPS_WITHOUT_PROGRESS) {
                        flag = QuadratureStatus.DIVERGENCE_SUSPECTED;
                        flagMessage = "extrapolation made no progress in " + MAX_STEPS_WITHOUT_PROGRESS
                                + " levels of refinement: the integral is probably divergent, or converges too slowly";
                        break;
                    }
                    if (stalled) {
                        flag = QuadratureStatus.ROUNDOFF_DETECTED;
                        flagMessage = "extrapolation stopped improving; round-off or an integrand too irregular "
                                + "for the requested tolerance";
                        break;
                    }
                    // Refine one level further towards the difficult spot.
                    largeIntervalPhase = false;
                    levelMax++;
                    reclassify();
                }
            } catch (NonFiniteIntegrandException e) {
                double[] sums = exactSums();
                return finish(
                        sums[0],
                        sums[1],
                        QuadratureStatus.NON_FINITE_INTEGRAND,
                        e.describe() + "; value is the estimate before that evaluation");
            }
            double[] sums = exactSums();
            areaSum = sums[0];
            errSum = sums[1];
            if (extrapolatedError == Double.POSITIVE_INFINITY) {
                return finish(areaSum, errSum, flag, describeFailure(flagMessage, errSum, tolerance));
            }
            boolean useSum;
            boolean testDivergence;
            if (flag == null && !roundoffDuringExtrapolation) {
                useSum = false;
                testDivergence = true;
            } else {
                if (roundoffDuringExtrapolation) {
                    extrapolatedError += correction;
                    if (flag == null) {
                        flag = QuadratureStatus.ROUNDOFF_DETECTED;
                        flagMessage = "round-off detected while extrapolating";
                    }
                }
                if (extrapolated != 0.0 && areaSum != 0.0) {
                    useSum = extrapolatedError / Math.abs(extrapolated) > errSum / Math.abs(areaSum);
                    testDivergence = !useSum;
                } else if (extrapolatedError > errSum) {
                    useSum = true;
                    testDivergence = false;
                } else {
                    useSum = false;
                    testDivergence = areaSum != 0.0;
                }
            }
            if (testDivergence) {
                boolean negligible = sign == -1 && Math.max(Math.abs(extrapolated), Math.abs(areaSum)) <= 0.01 * defabs;
                if (!negligible) {
                    double ratio = extrapolated / areaSum;
                    if (ratio < 0.01 || ratio > 100.0 || errSum > Math.abs(areaSum)) {
                        flag = QuadratureStatus.DIVERGENCE_SUSPECTED;
                        flagMessage = "the integral is probably divergent, or converges too slowly";
                    }
                }
            }
            double value = useSum ? areaSum : extrapolated;
            double error = useSum ? errSum : extrapolatedError;
            if (flag == null) {
                return finish(
                        value,
                        error,
                        QuadratureStatus.CONVERGED,
                        convergedMessage(error, errorTest) + " (extrapolated)");
            }
            return finish(value, error, flag, describeFailure(flagMessage, error, tolerance));
        }

        private String describePoint(double t) {
            return Double.toString(g.toOriginal(t));
        }

        private QuadratureResult finish(double value, double error, QuadratureStatus status, String message) {
            return new QuadratureResult(value, error, evaluations, intervals, status, message);
        }

        private String convergedMessage(double error, double tolerance) {
            return "converged: error estimate " + error + " <= tolerance " + tolerance + " with " + intervals
                    + " subintervals";
        }

        private String describeFailure(String reason, double error, double tolerance) {
            return reason + "; error estimate " + error + " against tolerance " + tolerance + " with " + intervals
                    + " subintervals";
        }

        /** Writes the Kronrod nodes of [a, b] (working variable) into {@code t[offset..offset + 2n + 1)}. */
        void fillNodes(double a, double b, double[] t, int offset) {
            double centre = 0.5 * a + 0.5 * b;
            double half = 0.5 * b - 0.5 * a;
            int n = positiveNodes.length;
            t[offset] = centre;
            for (int j = 0; j < n; j++) {
                double dx = half * positiveNodes[j];
                t[offset + 1 + 2 * j] = centre - dx;
                t[offset + 2 + 2 * j] = centre + dx;
            }
        }

        /** The Kronrod weight of node {@code i} in the order of {@link #fillNodes}. */
        double kronrodWeight(int i) {
            return i == 0 ? kronrodCentre : kronrodPositive[(i - 1) / 2];
        }

        /** Evaluates the transformed integrand at {@code ts[0..count)} into {@code fs}, in one call. */
        private void evaluate(int count) {
            evaluations += count;
            g.evaluate(ts, count, fs);
        }

        /**
         * Forms the Gauss–Kronrod estimates on [a, b] from the values {@code fs[offset..offset + 2n + 1)} at the nodes
         * of {@link #fillNodes} and leaves them in the last* fields.
         */
        private void combine(double a, double b, int offset) {
            double half = 0.5 * b - 0.5 * a;
            int n = positiveNodes.length;
            double fc = fs[offset];
            double resK = kronrodCentre * fc;
            double resG = gaussCentre * fc;
            double resabs = Math.abs(resK);
            for (int j = 0; j < n; j++) {
                double f1 = fs[offset + 1 + 2 * j];
                double f2 = fs[offset + 2 + 2 * j];
                double sum = f1 + f2;
                resK += kronrodPositive[j] * sum;
                resG += gaussPositive[j] * sum;
                resabs += kronrodPositive[j] * (Math.abs(f1) + Math.abs(f2));
            }
            double mean = 0.5 * resK;
            double resasc = kronrodCentre * Math.abs(fc - mean);
            for (int j = 0; j < n; j++) {
                resasc += kronrodPositive[j]
                        * (Math.abs(fs[offset + 1 + 2 * j] - mean) + Math.abs(fs[offset + 2 + 2 * j] - mean));
            }
            double absHalf = Math.abs(half);
            double result = resK * half;
            resabs *= absHalf;
            resasc *= absHalf;
            double error = Math.abs((resK - resG) * half);
            if (resasc != 0.0 && error != 0.0) {
                error = resasc * Math.min(1.0, Math.pow(200.0 * error / resasc, 1.5));
            }
            if (resabs > underflow / (50.0 * eps)) {
                error = Math.max(50.0 * eps * resabs, error);
            }
            lastArea = result;
            lastError = error;
            lastResabs = resabs;
            lastResasc = resasc;
        }

        private int newInterval(double a, double b, double value, double error, int level) {
            if (intervals == lo.length) {
                int capacity = 2 * intervals;
                lo = Arrays.copyOf(lo, capacity);
                hi = Arrays.copyOf(hi, capacity);
                area = Arrays.copyOf(area, capacity);
                err = Arrays.copyOf(err, capacity);
                depth = Arrays.copyOf(depth, capacity);
            }
            int id = intervals++;
            lo[id] = a;
            hi[id] = b;
            area[id] = value;
            err[id] = error;
            depth[id] = level;
            return id;
        }

        private void pushInterval(int id) {
            if (depth[id] <= levelMax) {
                large.push(id, err);
                largeErrorSum += err[id];
            } else {
                small.push(id, err);
            }
        }

        private int popLarge() {
            int id = large.pop(err);
            largeErrorSum -= err[id];
            return id;
        }

        private int popGlobal() {
            if (small.size() == 0 || (large.size() > 0 && err[large.peek()] >= err[small.peek()])) {
                return popLarge();
            }
            return small.pop(err);
        }

        /** After levelMax grew: small intervals that are now large move heaps; the large error sum is recomputed. */
        private void reclassify() {
            int[] ids = small.drain();
            for (int id : ids) {
                if (depth[id] <= levelMax) {
                    large.push(id, err);
                } else {
                    small.push(id, err);
                }
            }
            double sum = 0.0;
            for (int i = 0; i < large.size(); i++) {
                sum += err[large.get(i)];
            }
            largeErrorSum = sum;
        }

        /** Area and error sums recomputed from the partition with compensated summation. */
        private double[] exactSums() {
            double s = 0.0;
            double c = 0.0;
            double e = 0.0;
            for (int i = 0; i < intervals; i++) {
                double v = area[i];
                double t = s + v;
                c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
                s = t;
                e += err[i];
            }
            return new double[] {s + c, e};
        }
    }
}
