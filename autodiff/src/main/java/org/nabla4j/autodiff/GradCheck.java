package org.nabla4j.autodiff;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;

/**
 * Checks reverse-mode derivatives against central differences {@code (f(x + eps e) - f(x - eps e)) / 2 eps}.
 *
 * <p>An immutable configuration; start from {@link #defaults()} and adjust:
 *
 * <pre>{@code
 * GradCheckResult r = GradCheck.defaults().check(xs -> xs[0].mul(xs[1]).sin().sum(), a, b);
 * assertTrue(r.passed(), r::toString);
 * GradCheck.defaults().mode(GradCheck.Mode.PROJECTED).assertPasses(x -> x.exp(), x);   // throws AssertionError
 * }</pre>
 *
 * <p><b>Modes.</b> {@link Mode#FULL} compares every entry of the Jacobian of every input: one backward pass per output
 * element and two function evaluations per input element. {@link Mode#PROJECTED} compares {@code u^T J_k v} for random
 * unit vectors {@code u} (output) and {@code v} (input {@code k}): one backward pass and two evaluations per input and
 * projection, for large inputs.
 *
 * <p><b>Tolerances</b> are per dtype unless set: FLOAT64 {@code eps = 1e-6, rtol = 1e-5, atol = 1e-8}; FLOAT32
 * {@code eps = 1e-3, rtol = 1e-2, atol = 1e-3} (the least precise dtype among the inputs decides). A comparison passes
 * when {@code |analytic - numeric| <= atol + rtol * |numeric|}. In full mode the step is the difference of the rounded
 * perturbed values, so it is exact in either dtype.
 *
 * <p>The function is evaluated on fresh tapes with every input watched, so it may itself take gradients (with
 * {@link GradientTape#gradientVars} on {@code xs[0].tape()}), which checks second derivatives. Checking never throws
 * on a mismatch: it returns a {@link GradCheckResult}; {@link #assertPasses} throws {@link AssertionError} for tests.
 */
public final class GradCheck {

    /** How derivatives are compared. */
    public enum Mode {
        /** Every Jacobian entry of every input. */
        FULL,
        /** Random projections {@code u^T J v}, per input. */
        PROJECTED
    }

    private final double eps;
    private final double rtol;
    private final double atol;
    private final Mode mode;
    private final long seed;
    private final int projections;

    private GradCheck(double eps, double rtol, double atol, Mode mode, long seed, int projections) {
        this.eps = eps;
        this.rtol = rtol;
        this.atol = atol;
        this.mode = mode;
        this.seed = seed;
        this.projections = projections;
    }

    /** Full mode, per-dtype tolerances, random seed 0 and 3 projections (used in projected mode only). */
    public static GradCheck defaults() {
        return new GradCheck(Double.NaN, Double.NaN, Double.NaN, Mode.FULL, 0L, 3);
    }

    /** The default finite-difference step for {@code dtype}: 1e-6 (FLOAT64), 1e-3 (FLOAT32). */
    public static double defaultEps(DType dtype) {
        return Checks.notNull(dtype, "defaultEps", "dtype") == DType.FLOAT64 ? 1e-6 : 1e-3;
    }

    /** The default relative tolerance for {@code dtype}: 1e-5 (FLOAT64), 1e-2 (FLOAT32). */
    public static double defaultRtol(DType dtype) {
        return Checks.notNull(dtype, "defaultRtol", "dtype") == DType.FLOAT64 ? 1e-5 : 1e-2;
    }

    /** The default absolute tolerance for {@code dtype}: 1e-8 (FLOAT64), 1e-3 (FLOAT32). */
    public static double defaultAtol(DType dtype) {
        return Checks.notNull(dtype, "defaultAtol", "dtype") == DType.FLOAT64 ? 1e-8 : 1e-3;
    }

    /**
     * The finite-difference step.
     *
     * @throws InvalidArgumentException unless {@code eps > 0} and finite
     */
    public GradCheck eps(double eps) {
        return new GradCheck(Checks.positive(eps, "GradCheck", "eps"), rtol, atol, mode, seed, projections);
    }

    /**
     * The relative tolerance.
     *
     * @throws InvalidArgumentException unless {@code rtol >= 0} and finite
     */
    public GradCheck rtol(double rtol) {
        return new GradCheck(eps, Checks.nonNegative(rtol, "GradCheck", "rtol"), atol, mode, seed, projections);
    }

    /**
     * The absolute tolerance.
     *
     * @throws InvalidArgumentException unless {@code atol >= 0} and finite
     */
    public GradCheck atol(double atol) {
        return new GradCheck(eps, rtol, Checks.nonNegative(atol, "GradCheck", "atol"), mode, seed, projections);
    }

    /** The comparison mode. */
    public GradCheck mode(Mode mode) {
        return new GradCheck(eps, rtol, atol, Checks.notNull(mode, "GradCheck", "mode"), seed, projections);
    }

    /** The seed of the random projection vectors (projected mode). */
    public GradCheck seed(long seed) {
        return new GradCheck(eps, rtol, atol, mode, seed, projections);
    }

    /**
     * The number of random projections per input (projected mode).
     *
     * @throws InvalidArgumentException if {@code projections < 1}
     */
    public GradCheck projections(int projections) {
        Checks.atLeast(projections, 1, "GradCheck", "projections");
        return new GradCheck(eps, rtol, atol, mode, seed, projections);
    }

    /** Checks the derivatives of a function of one input; see {@link #check(Function, Tensor...)}. */
    public GradCheckResult check(Function<Var, Var> f, Tensor input) {
        Checks.notNull(f, "GradCheck", "f");
        return check(xs -> f.apply(xs[0]), new Tensor[] {input});
    }

    /**
     * Checks the derivatives of {@code f} with respect to every input at the given point. The output may have any
     * shape (every element is checked in full mode). The inputs are not modified.
     *
     * @throws InvalidArgumentException if {@code f} or an input is null, or no input is given
     * @throws TapeException if {@code f} returns a Var of another tape
     */
    public GradCheckResult check(Function<Var[], Var> f, Tensor... inputs) {
        Checks.notNull(f, "GradCheck", "f");
        Checks.notNull(inputs, "GradCheck", "inputs");
        if (inputs.length == 0) {
            throw new InvalidArgumentException("GradCheck: need at least one input");
        }
        DType dtype = DType.FLOAT64;
        for (int i = 0; i < inputs.length; i++) {
            Checks.notNull(inputs[i], "GradCheck", "inputs[" + i + "]").ensureOpen();
            if (inputs[i].dtype() == DType.FLOAT32) {
                dtype = DType.FLOAT32;
            }
        }
        Tensor[] xs = inputs.clone();
        double e = Double.isNaN(eps) ? defaultEps(dtype) : eps;
        double r = Double.isNaN(rtol) ? defaultRtol(dtype) : rtol;
        double a = Double.isNaN(atol) ? defaultAtol(dtype) : atol;
        Tally t = new Tally(r, a, xs);
        if (mode == Mode.FULL) {
            full(f, xs, e, t);
        } else {
            projected(f, xs, e, t);
        }
        return t.result(mode, e);
    }

    /**
     * Like {@link #check(Function, Tensor)}, but throws when the check fails.
     *
     * @throws AssertionError with the result's {@link GradCheckResult#toString()} if it did not pass
     */
    public GradCheckResult assertPasses(Function<Var, Var> f, Tensor input) {
        return check(f, input).assertPassed();
    }

    /**
     * Like {@link #check(Function, Tensor...)}, but throws when the check fails.
     *
     * @throws AssertionError with the result's {@link GradCheckResult#toString()} if it did not pass
     */
    public GradCheckResult assertPasses(Function<Var[], Var> f, Tensor... inputs) {
        return check(f, inputs).assertPassed();
    }

    @Override
    public String toString() {
        return "GradCheck[" + mode + ", eps=" + (Double.isNaN(eps) ? "default" : eps) + ", rtol="
                + (Double.isNaN(rtol) ? "default" : rtol) + ", atol=" + (Double.isNaN(atol) ? "default" : atol)
                + (mode == Mode.PROJECTED ? ", projections=" + projections + ", seed=" + seed : "") + "]";
    }

    // ------------------------------------------------------------------ modes

    private static void full(Function<Var[], Var> f, Tensor[] xs, double eps, Tally t) {
        int k = xs.length;
        double[][][] analytic = new double[k][][];
        try (GradientTape tape = GradientTape.persistent()) {
            Var[] vs = watchAll(tape, xs);
            Var y = apply(f, vs, tape);
            int m = y.size();
            for (int j = 0; j < k; j++) {
                analytic[j] = new double[m][];
            }
            double[] e = new double[m];
            for (int i = 0; i < m; i++) {
                e[i] = 1.0;
                Tensor[] g;
                try (Tensor seedTensor = Autodiff.tensorOf(y.value(), e)) {
                    g = tape.gradient(y, seedTensor, vs);
                }
                e[i] = 0.0;
                for (int j = 0; j < k; j++) {
                    analytic[j][i] = g[j].toDoubleArray();
                    g[j].close();
                }
            }
        }
        for (int j = 0; j < k; j++) {
            double[] base = xs[j].toDoubleArray();
            DType dt = xs[j].dtype();
            for (int idx = 0; idx < base.length; idx++) {
                double[] p = base.clone();
                double[] q = base.clone();
                p[idx] = dt.round(base[idx] + eps);
                q[idx] = dt.round(base[idx] - eps);
                double h = p[idx] - q[idx];
                double[] fp = evaluate(f, xs, j, p);
                double[] fq = evaluate(f, xs, j, q);
                for (int i = 0; i < fp.length; i++) {
                    t.compare(j, idx, i, analytic[j][i][idx], (fp[i] - fq[i]) / h);
                }
            }
        }
    }

    private void projected(Function<Var[], Var> f, Tensor[] xs, double eps, Tally t) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int p = 0; p < projections; p++) {
            double[][] grads = new double[xs.length][];
            double[] u;
            try (GradientTape tape = new GradientTape()) {
                Var[] vs = watchAll(tape, xs);
                Var y = apply(f, vs, tape);
                u = unitNormal(rng, y.size());
                Tensor[] g;
                try (Tensor uTensor = Autodiff.tensorOf(y.value(), u)) {
                    g = tape.gradient(y, uTensor, vs);
                }
                for (int j = 0; j < xs.length; j++) {
                    grads[j] = g[j].toDoubleArray();
                    g[j].close();
                }
            }
            for (int j = 0; j < xs.length; j++) {
                double[] base = xs[j].toDoubleArray();
                double[] v = unitNormal(rng, base.length);
                DType dt = xs[j].dtype();
                double[] plus = new double[base.length];
                double[] minus = new double[base.length];
                for (int i = 0; i < base.length; i++) {
                    plus[i] = dt.round(base[i] + eps * v[i]);
                    minus[i] = dt.round(base[i] - eps * v[i]);
                }
                double numeric = (dot(u, evaluate(f, xs, j, plus)) - dot(u, evaluate(f, xs, j, minus))) / (2 * eps);
                t.compare(j, -1, -1, dot(grads[j], v), numeric);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Var[] watchAll(GradientTape tape, Tensor[] xs) {
        Var[] vs = new Var[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = tape.watch(xs[i]);
        }
        return vs;
    }

    private static Var apply(Function<Var[], Var> f, Var[] vs, GradientTape tape) {
        Var y = f.apply(vs.clone());
        if (y == null) {
            throw new InvalidArgumentException("GradCheck: the function returned null");
        }
        if (y.tape() != tape) {
            throw new TapeException("GradCheck: the function returned a Var of another GradientTape");
        }
        return y;
    }

    /** f with input {@code j} replaced by {@code data} (same shape), as doubles. */
    private static double[] evaluate(Function<Var[], Var> f, Tensor[] xs, int j, double[] data) {
        Tensor[] ins = xs.clone();
        try (Tensor perturbed = Autodiff.tensorOf(xs[j], data);
                GradientTape tape = new GradientTape()) {
            ins[j] = perturbed;
            Var[] vs = watchAll(tape, ins);
            return apply(f, vs, tape).value().toDoubleArray();
        }
    }

    private static double[] unitNormal(SplittableRandom rng, int n) {
        double[] v = new double[n];
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            ss += v[i] * v[i];
        }
        double norm = Math.sqrt(ss);
        if (norm > 0) {
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Running maxima and the worst comparison. */
    private static final class Tally {
        final double rtol;
        final double atol;
        final Shape[] shapes;
        boolean passed = true;
        double maxAbs;
        double maxRel;
        double worstRatio = -1;
        int input = -1;
        int index = -1;
        int output = -1;
        double analytic = Double.NaN;
        double numeric = Double.NaN;
        int count;

        Tally(double rtol, double atol, Tensor[] xs) {
            this.rtol = rtol;
            this.atol = atol;
            this.shapes = new Shape[xs.length];
            for (int i = 0; i < xs.length; i++) {
                shapes[i] = xs[i].shape();
            }
        }

        void compare(int in, int idx, int out, double a, double n) {
            count++;
            double abs = a == n ? 0.0 : Math.abs(a - n);
            double scale = Math.max(Math.abs(a), Math.abs(n));
            double rel = abs == 0 ? 0.0 : abs / scale;
            double tol = atol + rtol * Math.abs(n);
            boolean ok = abs <= tol;
            double ratio = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs == 0 ? 0.0 : abs / tol;
            passed &= ok;
            maxAbs = Double.isNaN(maxAbs) || Double.isNaN(abs) ? Double.NaN : Math.max(maxAbs, abs);
            maxRel = Double.isNaN(maxRel) || Double.isNaN(rel) ? Double.NaN : Math.max(maxRel, rel);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                input = in;
                index = idx;
                output = out;
                analytic = a;
                numeric = n;
            }
        }

        GradCheckResult result(Mode mode, double eps) {
            String where = "";
            if (input >= 0) {
                where = "input " + input;
                if (index >= 0) {
                    where += ", element " + index + " " + Arrays.toString(unravel(index, shapes[input]));
                }
                if (output >= 0) {
                    where += ", output element " + output;
                }
            }
            return new GradCheckResult(
                    passed, maxAbs, maxRel, where, input, index, output, analytic, numeric, count, mode, eps, rtol,
                    atol);
        }

        private static int[] unravel(int flat, Shape s) {
            int[] idx = new int[s.rank()];
            for (int i = s.rank() - 1; i >= 0; i--) {
                int d = s.dim(i);
                idx[i] = flat % d;
                flat /= d;
            }
            return idx;
        }
    }
}
