package org.nabla4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;

/**
 * One row per differentiable {@link Var} operation (PyTorch OpInfo style): named like the Var method, with sample
 * inputs (shapes including rank 0 and broadcasting, and a value domain per input that keeps kinks and poles away)
 * and the function to check. Overloads of one method are variants of one row.
 */
final class OpTable {

    /** Where the values of one input are drawn from. */
    enum Domain {
        /** Uniform in [-2, 2]. */
        REAL,
        /** Uniform in [0.5, 2.5]: log, sqrt, reciprocal, denominators, bases of real powers. */
        POSITIVE,
        /** |x| in [0.2, 1.5] with a random sign: away from the kinks of abs and relu at 0. */
        AWAY_FROM_ZERO,
        /** Uniform in [-0.5, 2]: log1p. */
        ABOVE_MINUS_HALF,
        /** Uniform in [-1.5, 1.5] at least 0.1 away from ±0.5: clamp(-0.5, 0.5). */
        AWAY_FROM_HALF,
        /** Uniform in [-1.5, 2] at least 0.1 away from 0.3: maximum(0.3), minimum(0.3). */
        AWAY_FROM_POINT_THREE,
        /** k + [0.1, 0.4], k in -2..2: first operand of maximum/minimum, never within 0.2 of {@link #INTERLEAVED_B}. */
        INTERLEAVED_A,
        /** k + [0.6, 0.9], k in -2..2. */
        INTERLEAVED_B,
        /** Distinct values at least 0.2 apart in random order: max and min reductions without ties. */
        DISTINCT;

        double[] sample(SplittableRandom r, int n) {
            double[] d = new double[n];
            switch (this) {
                case REAL -> fill(d, r, -2, 2);
                case POSITIVE -> fill(d, r, 0.5, 2.5);
                case AWAY_FROM_ZERO -> {
                    for (int i = 0; i < n; i++) {
                        d[i] = (r.nextBoolean() ? 1 : -1) * (0.2 + 1.3 * r.nextDouble());
                    }
                }
                case ABOVE_MINUS_HALF -> fill(d, r, -0.5, 2);
                case AWAY_FROM_HALF -> {
                    for (int i = 0; i < n; i++) {
                        double x;
                        do {
                            x = -1.5 + 3 * r.nextDouble();
                        } while (Math.abs(Math.abs(x) - 0.5) < 0.1);
                        d[i] = x;
                    }
                }
                case AWAY_FROM_POINT_THREE -> {
                    for (int i = 0; i < n; i++) {
                        double x;
                        do {
                            x = -1.5 + 3.5 * r.nextDouble();
                        } while (Math.abs(x - 0.3) < 0.1);
                        d[i] = x;
                    }
                }
                case INTERLEAVED_A -> {
                    for (int i = 0; i < n; i++) {
                        d[i] = r.nextInt(-2, 3) + 0.1 + 0.3 * r.nextDouble();
                    }
                }
                case INTERLEAVED_B -> {
                    for (int i = 0; i < n; i++) {
                        d[i] = r.nextInt(-2, 3) + 0.6 + 0.3 * r.nextDouble();
                    }
                }
                case DISTINCT -> {
                    for (int i = 0; i < n; i++) {
                        d[i] = -2 + 0.3 * i + 0.1 * r.nextDouble();
                    }
                    for (int i = n - 1; i > 0; i--) {
                        int j = r.nextInt(i + 1);
                        double tmp = d[i];
                        d[i] = d[j];
                        d[j] = tmp;
                    }
                }
                default -> throw new IllegalStateException();
            }
            return d;
        }

        private static void fill(double[] d, SplittableRandom r, double lo, double hi) {
            for (int i = 0; i < d.length; i++) {
                d[i] = lo + (hi - lo) * r.nextDouble();
            }
        }
    }

    /** One input: its shape and value domain. */
    record Input(int[] shape, Domain domain) {}

    /** One sample of a row: a label, the inputs and the function of them. */
    record Variant(String label, List<Input> inputs, Function<Var[], Var> fn) {
        boolean hasRankZeroInput() {
            return inputs.stream().anyMatch(in -> in.shape().length == 0);
        }

        /** Seeded input tensors on {@code backend}. */
        Tensor[] tensors(Backend backend, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor[] ts = new Tensor[inputs.size()];
            for (int i = 0; i < ts.length; i++) {
                Input in = inputs.get(i);
                int n = 1;
                for (int d : in.shape()) {
                    n *= d;
                }
                double[] data = in.domain().sample(r, n);
                ts[i] = in.shape().length == 0 ? backend.scalar(data[0]) : backend.of(data, in.shape());
            }
            return ts;
        }
    }

    /** A differentiable operation: the Var method name, its variants, and whether to check second derivatives. */
    record Row(String name, List<Variant> variants, boolean secondOrder) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final int[][] UNARY_SHAPES = {{}, {5}, {2, 3}, {2, 1, 2}};
    static final int[][][] BINARY_SHAPES = {
        {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{}, {2, 2}}, {{3}, {}}, {{}, {}}, {{2, 1, 3}, {4, 1}}
    };

    private OpTable() {}

    static int[] s(int... dims) {
        return dims;
    }

    static Input in(int[] shape, Domain d) {
        return new Input(shape, d);
    }

    static Variant v(String label, Function<Var[], Var> fn, Input... inputs) {
        return new Variant(label, List.of(inputs), fn);
    }

    static Row row(String name, Variant... variants) {
        return new Row(name, List.of(variants), true);
    }

    static List<Variant> unaryVariants(String label, Domain d, UnaryOperator<Var> f) {
        List<Variant> out = new ArrayList<>();
        for (int[] sh : UNARY_SHAPES) {
            out.add(v(label + java.util.Arrays.toString(sh), xs -> f.apply(xs[0]), in(sh, d)));
        }
        return out;
    }

    static Row unary(String name, Domain d, UnaryOperator<Var> f) {
        return new Row(name, unaryVariants(name, d, f), true);
    }

    static List<Variant> binaryVariants(String label, Domain da, Domain db, BinaryOperator<Var> f) {
        List<Variant> out = new ArrayList<>();
        for (int[][] sh : BINARY_SHAPES) {
            out.add(v(
                    label + java.util.Arrays.toString(sh[0]) + java.util.Arrays.toString(sh[1]),
                    xs -> f.apply(xs[0], xs[1]),
                    in(sh[0], da),
                    in(sh[1], db)));
        }
        return out;
    }

    /** A row mixing the {@code Var} and the {@code double} overloads of a binary operation. */
    static Row binaryAndScalar(
            String name, Domain da, Domain db, BinaryOperator<Var> f, Domain ds, UnaryOperator<Var> scalarForm) {
        List<Variant> vs = new ArrayList<>(binaryVariants(name + "(Var)", da, db, f));
        vs.addAll(unaryVariants(name + "(double)", ds, scalarForm));
        return new Row(name, vs, true);
    }

    /** x ↦ x³, with its rule written in Var operations (so it is twice differentiable). */
    static final CustomOp CUBE = new CustomOp() {
        @Override
        public String name() {
            return "cube";
        }

        @Override
        public Tensor forward(Tensor... x) {
            return x[0].pow(3.0);
        }

        @Override
        public Var[] vjp(Var g, Var y, Var... x) {
            return new Var[] {g.mul(x[0].square()).mul(3.0)};
        }
    };

    /** (a, b) ↦ a b², broadcast, with the broadcast undone in the rule. */
    static final CustomOp MUL_SQUARE = new CustomOp() {
        @Override
        public String name() {
            return "mulSquare";
        }

        @Override
        public Tensor forward(Tensor... x) {
            try (Tensor b2 = x[1].square()) {
                return x[0].mul(b2);
            }
        }

        @Override
        public Var[] vjp(Var g, Var y, Var... x) {
            return new Var[] {
                g.mul(x[1].square()).sumTo(x[0].shape()),
                g.mul(x[0]).mul(x[1]).mul(2.0).sumTo(x[1].shape())
            };
        }
    };

    /** {@code x + 8 I} for a square {@code x} with entries in [−2, 2]: strictly diagonally dominant up to n = 3. */
    static Var dominant(Var x) {
        int n = x.shape().dim(-1);
        return x.add(x.tape().constant(x.value().backend().eye(n).mul(8.0)));
    }

    /** {@code X + Xᵀ}: symmetric. */
    static Var symmetric(Var x) {
        return x.add(x.transpose(-1, -2));
    }

    /** {@code X Xᵀ + I}: symmetric positive definite for any {@code X}. */
    static Var spd(Var x) {
        int n = x.shape().dim(-2);
        return x.matmul(x.transpose(-1, -2))
                .add(x.tape().constant(x.value().backend().eye(n)));
    }

    /** Every row; {@code backend} creates the condition tensors of {@code where}. */
    static List<Row> rows(Backend backend) {
        Domain R = Domain.REAL;
        Domain P = Domain.POSITIVE;
        List<Row> rows = new ArrayList<>();

        // element-wise arithmetic
        rows.add(binaryAndScalar("add", R, R, Var::add, R, x -> x.add(0.7)));
        rows.add(binaryAndScalar("sub", R, R, Var::sub, R, x -> x.sub(0.7)));
        rows.add(unary("rsub", R, x -> x.rsub(1.3)));
        rows.add(binaryAndScalar("mul", R, R, Var::mul, R, x -> x.mul(-1.7)));
        rows.add(binaryAndScalar("div", R, P, Var::div, R, x -> x.div(2.5)));
        rows.add(unary("rdiv", P, x -> x.rdiv(1.5)));
        List<Variant> pow = new ArrayList<>(binaryVariants("pow(Var)", P, R, Var::pow));
        pow.addAll(unaryVariants("pow(3)", R, x -> x.pow(3.0)));
        pow.addAll(unaryVariants("pow(2.5)", P, x -> x.pow(2.5)));
        pow.addAll(unaryVariants("pow(-1.5)", P, x -> x.pow(-1.5)));
        rows.add(new Row("pow", pow, true));
        rows.add(unary("neg", R, Var::neg));
        rows.add(binaryAndScalar(
                "maximum",
                Domain.INTERLEAVED_A,
                Domain.INTERLEAVED_B,
                Var::maximum,
                Domain.AWAY_FROM_POINT_THREE,
                x -> x.maximum(0.3)));
        rows.add(binaryAndScalar(
                "minimum",
                Domain.INTERLEAVED_B,
                Domain.INTERLEAVED_A,
                Var::minimum,
                Domain.AWAY_FROM_POINT_THREE,
                x -> x.minimum(0.3)));
        rows.add(unary("clamp", Domain.AWAY_FROM_HALF, x -> x.clamp(-0.5, 0.5)));

        // element-wise functions
        rows.add(unary("abs", Domain.AWAY_FROM_ZERO, Var::abs));
        rows.add(unary("exp", R, Var::exp));
        rows.add(unary("expm1", R, Var::expm1));
        rows.add(unary("log", P, Var::log));
        rows.add(unary("log1p", Domain.ABOVE_MINUS_HALF, Var::log1p));
        rows.add(unary("sqrt", P, Var::sqrt));
        rows.add(unary("square", R, Var::square));
        rows.add(unary("reciprocal", P, Var::reciprocal));
        rows.add(unary("sin", R, Var::sin));
        rows.add(unary("cos", R, Var::cos));
        rows.add(unary("tan", Domain.AWAY_FROM_HALF, Var::tan));
        rows.add(unary("tanh", R, Var::tanh));
        rows.add(unary("sigmoid", R, Var::sigmoid));
        rows.add(unary("relu", Domain.AWAY_FROM_ZERO, Var::relu));
        rows.add(unary("softplus", R, Var::softplus));
        rows.add(row(
                "where",
                v("[2,3] same", xs -> Var.where(cond(backend, 2, 3), xs[0], xs[1]), in(s(2, 3), R), in(s(2, 3), R)),
                v(
                        "broadcast a[3] b[2,1]",
                        xs -> Var.where(cond(backend, 2, 3), xs[0], xs[1]),
                        in(s(3), R),
                        in(s(2, 1), R)),
                v("rank0 a", xs -> Var.where(cond(backend, 2, 2), xs[0], xs[1]), in(s(), R), in(s(2, 2), R)),
                v("rank0 both, cond [3]", xs -> Var.where(cond(backend, 3), xs[0], xs[1]), in(s(), R), in(s(), R))));

        // reductions
        rows.add(row(
                "sum",
                v("all", xs -> xs[0].sum(), in(s(2, 3, 2), R)),
                v("rank0", xs -> xs[0].sum(), in(s(), R)),
                v("axis 1", xs -> xs[0].sum(1), in(s(2, 3, 2), R)),
                v("axes 0,2 keep", xs -> xs[0].sum(new int[] {0, 2}, true), in(s(2, 3, 2), R)),
                v("axis -1 keep", xs -> xs[0].sum(new int[] {-1}, true), in(s(3, 4), R)),
                v("no axes", xs -> xs[0].sum(new int[0], false), in(s(2, 2), R))));
        rows.add(row(
                "mean",
                v("all", xs -> xs[0].mean(), in(s(2, 3, 2), R)),
                v("rank0", xs -> xs[0].mean(), in(s(), R)),
                v("axis 0", xs -> xs[0].mean(0), in(s(3, 4), R)),
                v("axes 0,2 keep", xs -> xs[0].mean(new int[] {0, 2}, true), in(s(2, 3, 2), R))));
        rows.add(row(
                "max",
                v("all", xs -> xs[0].max(), in(s(2, 3, 2), Domain.DISTINCT)),
                v("rank0", xs -> xs[0].max(), in(s(), R)),
                v("axis 1", xs -> xs[0].max(1), in(s(3, 4), Domain.DISTINCT)),
                v("axes 0,2 keep", xs -> xs[0].max(new int[] {0, 2}, true), in(s(2, 3, 2), Domain.DISTINCT))));
        rows.add(row(
                "min",
                v("all", xs -> xs[0].min(), in(s(2, 3, 2), Domain.DISTINCT)),
                v("rank0", xs -> xs[0].min(), in(s(), R)),
                v("axis 0", xs -> xs[0].min(0), in(s(3, 4), Domain.DISTINCT)),
                v("axes 1,2 keep", xs -> xs[0].min(new int[] {1, 2}, true), in(s(2, 3, 2), Domain.DISTINCT))));
        rows.add(row(
                "logSumExp",
                v("all", xs -> xs[0].logSumExp(), in(s(2, 3), R)),
                v("rank0", xs -> xs[0].logSumExp(), in(s(), R)),
                v("axis 1", xs -> xs[0].logSumExp(1), in(s(3, 4), R)),
                v("axes 0,2 keep", xs -> xs[0].logSumExp(new int[] {0, 2}, true), in(s(2, 3, 2), R))));
        rows.add(row(
                "norm",
                v("all", xs -> xs[0].norm(), in(s(2, 3), R)),
                v("rank0", xs -> xs[0].norm(), in(s(), Domain.AWAY_FROM_ZERO)),
                v("axis 1 keep", xs -> xs[0].norm(new int[] {1}, true), in(s(3, 4), R)),
                v("axis 0", xs -> xs[0].norm(new int[] {0}, false), in(s(2, 3, 2), R))));
        rows.add(row(
                "logSoftmax",
                v("axis 1", xs -> xs[0].logSoftmax(1), in(s(2, 3), R)),
                v("axis -1 of [4]", xs -> xs[0].logSoftmax(-1), in(s(4), R)),
                v("axis 0", xs -> xs[0].logSoftmax(0), in(s(3, 2), R))));
        rows.add(row(
                "softmax",
                v("axis 1", xs -> xs[0].softmax(1), in(s(2, 3), R)),
                v("axis 0 of [4]", xs -> xs[0].softmax(0), in(s(4), R)),
                v("axis 2", xs -> xs[0].softmax(2), in(s(2, 1, 3), R))));

        // matmul
        rows.add(row(
                "matmul",
                v("2-D", xs -> xs[0].matmul(xs[1]), in(s(2, 3), R), in(s(3, 4), R)),
                v("1-D x 2-D", xs -> xs[0].matmul(xs[1]), in(s(3), R), in(s(3, 2), R)),
                v("2-D x 1-D", xs -> xs[0].matmul(xs[1]), in(s(2, 3), R), in(s(3), R)),
                v("1-D x 1-D", xs -> xs[0].matmul(xs[1]), in(s(3), R), in(s(3), R)),
                v("batched", xs -> xs[0].matmul(xs[1]), in(s(2, 2, 3), R), in(s(2, 3, 2), R)),
                v("batch broadcast", xs -> xs[0].matmul(xs[1]), in(s(2, 1, 2, 3), R), in(s(3, 3, 2), R)),
                v("batched x 1-D", xs -> xs[0].matmul(xs[1]), in(s(2, 2, 3), R), in(s(3), R)),
                v("1-D x batched", xs -> xs[0].matmul(xs[1]), in(s(3), R), in(s(2, 3, 2), R))));

        rows.add(row(
                "diagonal",
                v("[3,3]", xs -> xs[0].diagonal(), in(s(3, 3), R)),
                v("[2,4]", xs -> xs[0].diagonal(), in(s(2, 4), R)),
                v("[4,2]", xs -> xs[0].diagonal(), in(s(4, 2), R)),
                v(
                        "log det from Cholesky",
                        xs -> spd(xs[0]).cholesky().diagonal().log().sum().mul(2),
                        in(s(3, 3), R))));
        // linear algebra: inputs are made well-conditioned (diagonally dominant, or X Xᵀ + I) inside the function
        rows.add(row(
                "solve",
                v("A[3,3] b[3]", xs -> dominant(xs[0]).solve(xs[1]), in(s(3, 3), R), in(s(3), R)),
                v("A[3,3] B[3,2]", xs -> dominant(xs[0]).solve(xs[1]), in(s(3, 3), R), in(s(3, 2), R)),
                v("A[1,1] b[1]", xs -> dominant(xs[0]).solve(xs[1]), in(s(1, 1), R), in(s(1), R)),
                v("stack A[2,3,3] b[3] shared", xs -> dominant(xs[0]).solve(xs[1]), in(s(2, 3, 3), R), in(s(3), R)),
                v(
                        "stack A[2,1,3,3] B[2,3,2] broadcast",
                        xs -> dominant(xs[0]).solve(xs[1]),
                        in(s(2, 1, 3, 3), R),
                        in(s(2, 3, 2), R))));
        rows.add(row(
                "inverse",
                v("[3,3]", xs -> dominant(xs[0]).inverse(), in(s(3, 3), R)),
                v("[1,1]", xs -> dominant(xs[0]).inverse(), in(s(1, 1), R)),
                v("stack [2,3,3]", xs -> dominant(xs[0]).inverse(), in(s(2, 3, 3), R))));
        rows.add(row(
                "det",
                v("[3,3] scaled to O(1)", xs -> dominant(xs[0]).mul(0.25).det(), in(s(3, 3), R)),
                v("[2,2] unshifted", xs -> xs[0].det(), in(s(2, 2), P)),
                v("[1,1]", xs -> xs[0].det(), in(s(1, 1), R))));
        rows.add(row(
                "logAbsDet",
                v("[3,3]", xs -> dominant(xs[0]).logAbsDet(), in(s(3, 3), R)),
                v("[3,3] negated, det < 0", xs -> dominant(xs[0]).neg().logAbsDet(), in(s(3, 3), R)),
                v("[1,1]", xs -> xs[0].logAbsDet(), in(s(1, 1), P))));
        rows.add(row(
                "cholesky",
                v("X[3,3] X Xᵀ + I", xs -> spd(xs[0]).cholesky(), in(s(3, 3), R)),
                v("X[4,2] X Xᵀ + I", xs -> spd(xs[0]).cholesky(), in(s(4, 2), R)),
                v("[1,1] positive", xs -> xs[0].cholesky(), in(s(1, 1), P)),
                v("stack X[2,3,3] X Xᵀ + I", xs -> spd(xs[0]).cholesky(), in(s(2, 3, 3), R))));
        rows.add(row(
                "eigh",
                v("values, X[3,3] X + Xᵀ", xs -> symmetric(xs[0]).eigh().values(), in(s(3, 3), R)),
                v(
                        "vectors squared, X[3,3] X + Xᵀ",
                        xs -> symmetric(xs[0]).eigh().vectors().square(),
                        in(s(3, 3), R)),
                v(
                        "V diag(tanh λ) Vᵀ, X[4,4]",
                        xs -> {
                            Var.Eigen e = symmetric(xs[0]).eigh();
                            return e.vectors()
                                    .mul(e.values().tanh().unsqueeze(0))
                                    .matmul(e.vectors().transpose());
                        },
                        in(s(4, 4), R)),
                v("[1,1]", xs -> xs[0].eigh().values(), in(s(1, 1), R)),
                v("stack values, X[2,3,3]", xs -> symmetric(xs[0]).eigh().values(), in(s(2, 3, 3), R)),
                v(
                        "stack vectors squared, X[2,3,3]",
                        xs -> symmetric(xs[0]).eigh().vectors().square(),
                        in(s(2, 3, 3), R))));

        // shape
        rows.add(row(
                "transpose",
                v("()", xs -> xs[0].transpose(), in(s(2, 3), R)),
                v("() rank 3", xs -> xs[0].transpose(), in(s(2, 3, 2), R)),
                v("() rank 0", xs -> xs[0].transpose(), in(s(), R)),
                v("(0,2)", xs -> xs[0].transpose(0, 2), in(s(2, 3, 2), R)),
                v("(-1,-2)", xs -> xs[0].transpose(-1, -2), in(s(3, 2), R))));
        rows.add(row(
                "permute",
                v("(2,0,1)", xs -> xs[0].permute(2, 0, 1), in(s(2, 3, 2), R)),
                v("(1,0)", xs -> xs[0].permute(1, 0), in(s(3, 2), R)),
                v("rank 0", xs -> xs[0].permute(), in(s(), R))));
        rows.add(row(
                "reshape",
                v("[2,3]->[3,2]", xs -> xs[0].reshape(3, 2), in(s(2, 3), R)),
                v("-1", xs -> xs[0].reshape(-1, 2), in(s(2, 3), R)),
                v("rank0->[1,1]", xs -> xs[0].reshape(1, 1), in(s(), R)),
                v("[1]->rank0", xs -> xs[0].reshape(), in(s(1), R))));
        rows.add(row(
                "flatten",
                v("[2,3]", xs -> xs[0].flatten(), in(s(2, 3), R)),
                v("rank0", xs -> xs[0].flatten(), in(s(), R))));
        rows.add(row(
                "squeeze",
                v("axis 1", xs -> xs[0].squeeze(1), in(s(2, 1, 3), R)),
                v("axis -1", xs -> xs[0].squeeze(-1), in(s(3, 1), R)),
                v("[1]", xs -> xs[0].squeeze(0), in(s(1), R))));
        rows.add(row(
                "unsqueeze",
                v("axis 0", xs -> xs[0].unsqueeze(0), in(s(2, 3), R)),
                v("axis -1", xs -> xs[0].unsqueeze(-1), in(s(2, 3), R)),
                v("rank0", xs -> xs[0].unsqueeze(0), in(s(), R))));
        rows.add(row(
                "slice",
                v("axis 0 [1,4)", xs -> xs[0].slice(0, 1, 4), in(s(5, 3), R)),
                v("step 2", xs -> xs[0].slice(0, 0, 5, 2), in(s(5, 3), R)),
                v("step 3 offset", xs -> xs[0].slice(1, 1, 7, 3), in(s(2, 7), R)),
                v("negative bounds", xs -> xs[0].slice(0, -3, -1), in(s(5, 2), R)),
                v("axis 1", xs -> xs[0].slice(1, 0, 2), in(s(3, 3), R)),
                v("whole", xs -> xs[0].slice(0, 0, 4), in(s(4), R)),
                v("single of step 2", xs -> xs[0].slice(0, 3, 4, 2), in(s(5), R))));
        rows.add(row(
                "select",
                v("axis 0", xs -> xs[0].select(0, 2), in(s(4, 3), R)),
                v("axis 1 negative", xs -> xs[0].select(1, -1), in(s(4, 3), R)),
                v("to rank 0", xs -> xs[0].select(0, 1), in(s(3), R))));
        rows.add(row(
                "concat",
                v("axis 0", xs -> Var.concat(0, xs[0], xs[1]), in(s(2, 3), R), in(s(1, 3), R)),
                v("axis 1", xs -> Var.concat(1, xs[0], xs[1]), in(s(2, 1), R), in(s(2, 2), R)),
                v("three, axis -1", xs -> Var.concat(-1, xs[0], xs[1], xs[2]), in(s(2), R), in(s(3), R), in(s(1), R)),
                v("same var twice", xs -> Var.concat(0, xs[0], xs[0]), in(s(3), R))));
        rows.add(row(
                "stack",
                v("axis 0", xs -> Var.stack(0, xs[0], xs[1]), in(s(2, 3), R), in(s(2, 3), R)),
                v("axis -1", xs -> Var.stack(-1, xs[0], xs[1]), in(s(3), R), in(s(3), R)),
                v("rank0", xs -> Var.stack(0, xs[0], xs[1], xs[2]), in(s(), R), in(s(), R), in(s(), R))));
        rows.add(row(
                "broadcastTo",
                v("[3]->[2,3]", xs -> xs[0].broadcastTo(2, 3), in(s(3), R)),
                v("rank0->[2,2]", xs -> xs[0].broadcastTo(2, 2), in(s(), R)),
                v("[2,1]->[2,3]", xs -> xs[0].broadcastTo(2, 3), in(s(2, 1), R)),
                v("same", xs -> xs[0].broadcastTo(2, 2), in(s(2, 2), R))));
        rows.add(row(
                "sumTo",
                v("[2,3]->[3]", xs -> xs[0].sumTo(org.nabla4j.core.Shape.of(3)), in(s(2, 3), R)),
                v("[2,3]->[1,3]", xs -> xs[0].sumTo(org.nabla4j.core.Shape.of(1, 3)), in(s(2, 3), R)),
                v("[2,3]->rank0", xs -> xs[0].sumTo(org.nabla4j.core.Shape.scalar()), in(s(2, 3), R)),
                v("same", xs -> xs[0].sumTo(org.nabla4j.core.Shape.of(2)), in(s(2), R)),
                v(
                        "rank0 same",
                        xs -> xs[0].sumTo(org.nabla4j.core.Shape.scalar()).mul(xs[0]),
                        in(s(), R))));

        // user-defined
        rows.add(row(
                "custom",
                v("cube [2,3]", xs -> Var.custom(CUBE, xs[0]), in(s(2, 3), R)),
                v("cube rank0", xs -> Var.custom(CUBE, xs[0]), in(s(), R)),
                v("mulSquare broadcast", xs -> Var.custom(MUL_SQUARE, xs[0], xs[1]), in(s(2, 3), R), in(s(3), R)),
                v("mulSquare rank0", xs -> Var.custom(MUL_SQUARE, xs[0], xs[1]), in(s(), R), in(s(2), R))));
        return rows;
    }

    /** A fixed condition pattern (1, 0, -2, 1, 0, ...) of the given shape (non-zero means true). */
    static Tensor cond(Backend backend, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = i % 3 == 1 ? 0.0 : i % 3 == 0 ? 1.0 : -2.0;
        }
        return backend.of(c, shape);
    }
}
