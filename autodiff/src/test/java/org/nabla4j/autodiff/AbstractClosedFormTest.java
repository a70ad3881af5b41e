package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.NotPositiveDefiniteException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.SingularMatrixException;
import org.nabla4j.core.Tensor;

/** Derivatives compared with closed forms computed by hand or by plain Java loops. */
abstract class AbstractClosedFormTest extends BackendTestBase {

    @Test
    void gradientOfQuadraticFormIsAPlusATransposeTimesX() {
        int n = 4;
        Tensor a = backend().randNormal(11, 0, 1, n, n);
        Tensor x = backend().randNormal(12, 0, 1, n);
        Tensor g = Autodiff.grad(v -> v.matmul(v.tape().constant(a).matmul(v)), x);
        double[] ad = a.toDoubleArray();
        double[] xd = x.toDoubleArray();
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected[i] += (ad[i * n + j] + ad[j * n + i]) * xd[j];
            }
        }
        assertArrayClose(expected, g, TIGHT_F64);
        assertEquals(Shape.of(n), g.shape());
    }

    @Test
    void gradientOfDeterminantIsTheCofactorMatrix() {
        // det [[a, b], [c, d]] = ad − bc, so ∂det/∂A = [[d, −c], [−b, a]] (Jacobi's formula: det(A) A⁻ᵀ).
        double a = 1.5;
        double b = -0.4;
        double c = 0.7;
        double d = 2.2;
        ValueAndGrad vg = Autodiff.valueAndGrad(Var::det, t(new double[] {a, b, c, d}, 2, 2));
        assertEquals(a * d - b * c, vg.value().item(), 1e-15);
        assertArrayClose(new double[] {d, -c, -b, a}, vg.gradient(), TIGHT_F64);
    }

    @Test
    void gradientOfSolveAndInverseMatchTheTwoByTwoClosedForm() {
        // A = [[2, 1], [1, 3]], det 5, A⁻¹ = [[3, −1], [−1, 2]] / 5. For f(b) = sum(A⁻¹ b): ∂f/∂b = A⁻ᵀ 1.
        // For f(A) = w · A⁻¹ b with x = A⁻¹ b: ∂f/∂A = −A⁻ᵀ w xᵀ.
        double[] inv = {3 / 5.0, -1 / 5.0, -1 / 5.0, 2 / 5.0};
        Tensor a = t(new double[] {2, 1, 1, 3}, 2, 2);
        Tensor b = t(new double[] {1, -2}, 2);
        Tensor gb = Autodiff.grad(bv -> bv.tape().constant(a).solve(bv).sum(), b);
        assertArrayClose(new double[] {inv[0] + inv[2], inv[1] + inv[3]}, gb, TIGHT_F64);

        double[] w = {0.5, -1.5};
        double[] x = {inv[0] * 1 + inv[1] * -2, inv[2] * 1 + inv[3] * -2};
        double[] u = {inv[0] * w[0] + inv[2] * w[1], inv[1] * w[0] + inv[3] * w[1]}; // A⁻ᵀ w
        double[] expected = {-u[0] * x[0], -u[0] * x[1], -u[1] * x[0], -u[1] * x[1]};
        Tensor wt = t(w, 2);
        Tensor ga = Autodiff.grad(
                av -> av.solve(av.tape().constant(b))
                        .mul(av.tape().constant(wt))
                        .sum(),
                a);
        assertArrayClose(expected, ga, TIGHT_F64);
        Tensor gaInverse = Autodiff.grad(
                av -> av.inverse()
                        .matmul(av.tape().constant(b))
                        .mul(av.tape().constant(wt))
                        .sum(),
                a);
        assertArrayClose(expected, gaInverse, TIGHT_F64);
    }

    @Test
    void gaussianNegativeLogLikelihoodThroughCholeskyHasTheTextbookGradient() {
        // f(K) = ½ yᵀ K⁻¹ y + ½ log det K = ½ ‖L⁻¹ y‖² + Σ log L_ii with K = L Lᵀ. With α = K⁻¹ y,
        // ∂f/∂K = ½ (K⁻¹ − α αᵀ) (Rasmussen and Williams, eq. 5.9). K = [[2, 0.5], [0.5, 1]], det 1.75.
        double det = 1.75;
        double[] inv = {1 / det, -0.5 / det, -0.5 / det, 2 / det};
        double[] y = {1, -1};
        double[] alpha = {inv[0] * y[0] + inv[1] * y[1], inv[2] * y[0] + inv[3] * y[1]};
        double[] expected = new double[4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                expected[i * 2 + j] = 0.5 * (inv[i * 2 + j] - alpha[i] * alpha[j]);
            }
        }
        Tensor yt = t(y, 2);
        Function<Var, Var> nll = k -> {
            Var l = k.cholesky();
            Var z = l.solve(k.tape().constant(yt));
            Var logDiag = l.diagonal().log();
            return z.square().sum().mul(0.5).add(logDiag.sum());
        };
        ValueAndGrad vg = Autodiff.valueAndGrad(nll, t(new double[] {2, 0.5, 0.5, 1}, 2, 2));
        double quad = y[0] * alpha[0] + y[1] * alpha[1];
        assertEquals(0.5 * quad + 0.5 * Math.log(det), vg.value().item(), 1e-14);
        assertArrayClose(expected, vg.gradient(), TIGHT_F64);
    }

    @Test
    void linearAlgebraOnTheTapeRejectsBadMatricesWithTheCoreExceptions() {
        try (GradientTape tape = new GradientTape()) {
            Var rect = tape.watch(t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
            assertThrows(ShapeMismatchException.class, rect::inverse);
            assertThrows(ShapeMismatchException.class, rect::det);
            Var square = tape.watch(t(new double[] {1, 2, 3, 4}, 2, 2));
            ShapeMismatchException e = assertThrows(
                    ShapeMismatchException.class, () -> square.solve(tape.watch(t(new double[] {1, 2, 3}, 3))));
            assertTrue(e.getMessage().contains("[3]"), e.getMessage());
            assertThrows(InvalidArgumentException.class, square::cholesky); // not symmetric
            Var indefinite = tape.watch(t(new double[] {1, 2, 2, 1}, 2, 2));
            assertThrows(NotPositiveDefiniteException.class, indefinite::cholesky);
            Var stack = tape.watch(backend().eye(3).broadcastTo(2, 3, 3));
            ShapeMismatchException batched = assertThrows(ShapeMismatchException.class, stack::det);
            assertTrue(batched.getMessage().contains("[2, 3, 3]"), batched.getMessage());
            Var singular = tape.watch(t(new double[] {1, 2, 2, 4}, 2, 2));
            assertThrows(SingularMatrixException.class, singular::inverse);
            Var det = singular.det();
            assertEquals(0.0, det.item(), 0.0);
            // Jacobi's formula needs the inverse: the gradient at a singular matrix says so instead of returning NaN
            assertThrows(SingularMatrixException.class, () -> tape.gradient(det, singular));
        }
    }

    @Test
    void gradientOfTheLargestEigenvalueIsTheOuterProductOfItsEigenvector() {
        // A = [[a, b], [b, c]]: λ_max = (a + c)/2 + r with r = √(((a − c)/2)² + b²), and dλ = vᵀ dA v, so the
        // (symmetric) gradient is v vᵀ = [[½ + (a − c)/(4r), b/(2r)], [b/(2r), ½ − (a − c)/(4r)]].
        double a = 2;
        double b = 1;
        double c = -1;
        double r = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        ValueAndGrad vg =
                Autodiff.valueAndGrad(m -> m.eigh().values().select(0, 1), t(new double[] {a, b, b, c}, 2, 2));
        assertEquals((a + c) / 2 + r, vg.value().item(), 1e-14);
        double d = (a - c) / (4 * r);
        assertArrayClose(new double[] {0.5 + d, b / (2 * r), b / (2 * r), 0.5 - d}, vg.gradient(), TIGHT_F64);
        // the trace is the sum of the eigenvalues, with gradient I, at any matrix
        Tensor trace = Autodiff.grad(m -> m.eigh().values().sum(), t(new double[] {a, b, b, c}, 2, 2));
        assertArrayClose(new double[] {1, 0, 0, 1}, trace, TIGHT_F64);
    }

    @Test
    void eigenvectorGradientAtARepeatedEigenvalueSaysSo() {
        Tensor identity = t(new double[] {1, 0, 0, 1}, 2, 2);
        // the eigenvalues' gradient exists: d trace / dA = I
        assertArrayClose(
                new double[] {1, 0, 0, 1}, Autodiff.grad(m -> m.eigh().values().sum(), identity), TIGHT_F64);
        InvalidArgumentException e = assertThrows(
                InvalidArgumentException.class,
                () -> Autodiff.grad(m -> m.eigh().vectors().square().sum(0).select(0, 0), identity));
        assertTrue(e.getMessage().contains("repeated eigenvalue"), e.getMessage());
    }

    private static Var rosenbrock(Var v) {
        Var x = v.select(0, 0);
        Var y = v.select(0, 1);
        return x.rsub(1.0).square().add(y.sub(x.square()).square().mul(100.0));
    }

    @Test
    void hessianOfRosenbrockAtTheMinimum() {
        Tensor h = Autodiff.hessian(AbstractClosedFormTest::rosenbrock, t(new double[] {1, 1}, 2));
        assertEquals(Shape.of(2, 2), h.shape());
        assertArrayClose(new double[] {802, -400, -400, 200}, h, TIGHT_F64);
        assertArrayClose(
                new double[] {0, 0},
                Autodiff.grad(AbstractClosedFormTest::rosenbrock, t(new double[] {1, 1}, 2)),
                TIGHT_F64);
    }

    @Test
    void hessianOfRosenbrockAwayFromTheMinimum() {
        double x = -0.7;
        double y = 1.3;
        Tensor h = Autodiff.hessian(AbstractClosedFormTest::rosenbrock, t(new double[] {x, y}, 2));
        double hxx = 2 - 400 * (y - x * x) + 800 * x * x;
        assertArrayClose(new double[] {hxx, -400 * x, -400 * x, 200}, h, TIGHT_F64);
    }

    @Test
    void hessianVectorProductMatchesHandComputedHessian() {
        // f = sum(x^4)/4 + x0 x1: H = diag(3 x^2) + [[0,1],[1,0]]
        double[] xd = {0.5, -1.5};
        double[] vd = {2.0, 3.0};
        Tensor hv = Autodiff.hvp(
                v -> v.pow(4.0).sum().div(4.0).add(v.select(0, 0).mul(v.select(0, 1))), t(xd, 2), t(vd, 2));
        double[] expected = {3 * xd[0] * xd[0] * vd[0] + vd[1], vd[0] + 3 * xd[1] * xd[1] * vd[1]};
        assertArrayClose(expected, hv, TIGHT_F64);
    }

    /** f(x) = [x0 x1, sin x0, x1^3]; J = [[x1, x0], [cos x0, 0], [0, 3 x1^2]]. */
    private static Var small(Var v) {
        Var a = v.select(0, 0);
        Var b = v.select(0, 1);
        return Var.stack(0, a.mul(b), a.sin(), b.pow(3.0));
    }

    @Test
    void jacobianJvpAndVjpMatchHandComputedJacobian() {
        double x0 = 0.3;
        double x1 = -1.2;
        Tensor x = t(new double[] {x0, x1}, 2);
        double[][] j = {{x1, x0}, {Math.cos(x0), 0}, {0, 3 * x1 * x1}};
        Tensor jac = Autodiff.jacobian(AbstractClosedFormTest::small, x);
        assertEquals(Shape.of(3, 2), jac.shape());
        assertArrayClose(new double[] {j[0][0], j[0][1], j[1][0], j[1][1], j[2][0], j[2][1]}, jac, TIGHT_F64);

        double[] v = {0.7, -2.0};
        Tensor jv = Autodiff.jvp(AbstractClosedFormTest::small, x, t(v, 2));
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = j[i][0] * v[0] + j[i][1] * v[1];
        }
        assertArrayClose(expected, jv, TIGHT_F64);

        double[] u = {1.5, -0.5, 2.0};
        Tensor ujt = Autodiff.vjp(AbstractClosedFormTest::small, x, t(u, 3));
        double[] expectedVjp = new double[2];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 3; i++) {
                expectedVjp[k] += u[i] * j[i][k];
            }
        }
        assertArrayClose(expectedVjp, ujt, TIGHT_F64);
    }

    @Test
    void jacobianShapeIsOutputShapeThenInputShape() {
        // f(X) = X.sum(0) for X [2, 3]: d f_j / d X_ik = [j == k]
        Tensor jac = Autodiff.jacobian(v -> v.sum(0), backend().randNormal(3, 0, 1, 2, 3));
        assertEquals(Shape.of(3, 2, 3), jac.shape());
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(j == k ? 1.0 : 0.0, jac.get(j, i, k));
                }
            }
        }
        Tensor scalarJac = Autodiff.jacobian(v -> v.exp(), scalar(0.5));
        assertEquals(Shape.scalar(), scalarJac.shape());
        assertEquals(Math.exp(0.5), scalarJac.item(), TIGHT_F64);
    }

    @Test
    void sigmoidDerivativeIsTakenAtTheInputNotAtTheOutput() {
        double[] z = {-3.0, -0.5, 0.0, 2.0};
        Tensor g = Autodiff.grad(v -> v.sigmoid().sum(), t(z, 4));
        double[] expected = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            double s = 1 / (1 + Math.exp(-z[i]));
            expected[i] = s * (1 - s);
        }
        assertArrayClose(expected, g, TIGHT_F64);
        // the classic mistake, z (1 - z), gives -2 at z = 2 instead of 0.105
        assertTrue(Math.abs(g.get(3) - z[3] * (1 - z[3])) > 1);
    }

    @Test
    void multiInputGradAndValueAndGrad() {
        double[] a = {1, -2, 3};
        double[] b = {0.5, 4, -1};
        // f(a, b) = sum(a b) + sum(a^2): df/da = b + 2a, df/db = a
        ValueAndGrads r = Autodiff.valueAndGrad(
                xs -> xs[0].mul(xs[1]).sum().add(xs[0].square().sum()), t(a, 3), t(b, 3));
        assertEquals(0.5 - 8 - 3 + 1 + 4 + 9, r.value().item(), TIGHT_F64);
        assertArrayClose(new double[] {b[0] + 2 * a[0], b[1] + 2 * a[1], b[2] + 2 * a[2]}, r.gradient(0), TIGHT_F64);
        assertArrayClose(a, r.gradients()[1], TIGHT_F64);
        Tensor[] g = Autodiff.grad(xs -> xs[0].mul(xs[1]).sum(), t(a, 3), t(b, 3));
        assertArrayClose(b, g[0], TIGHT_F64);
        assertArrayClose(a, g[1], TIGHT_F64);
        ValueAndGrad single = Autodiff.valueAndGrad(v -> v.exp().sum(), t(a, 3));
        assertEquals(Math.exp(1) + Math.exp(-2) + Math.exp(3), single.value().item(), TIGHT_F64);
        assertArrayClose(new double[] {Math.exp(1), Math.exp(-2), Math.exp(3)}, single.gradient(), TIGHT_F64);
    }

    @Test
    void thirdDerivativeByNestedGradientVars() {
        // d^3/dx^3 x^5 = 60 x^2 = 240 at x = 2
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(scalar(2.0));
            Var y = x.pow(5.0);
            Var d1 = tape.gradientVars(y, x)[0];
            Var d2 = tape.gradientVars(d1, x)[0];
            assertEquals(80.0, d1.item(), TIGHT_F64);
            assertEquals(160.0, d2.item(), TIGHT_F64);
            assertEquals(240.0, tape.gradient(d2, x).item(), TIGHT_F64);
        }
    }

    @Test
    void gradientWithRespectToAnIntermediateVar() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(t(new double[] {1, 2}, 2));
            Var y = x.mul(3.0);
            Var z = y.square().sum();
            Tensor[] g = tape.gradient(z, y, x);
            assertArrayClose(new double[] {6, 12}, g[0], TIGHT_F64);
            assertArrayClose(new double[] {18, 36}, g[1], TIGHT_F64);
        }
    }

    @Test
    void subgradientConventionsAtKinksAndTies() {
        assertArrayClose(
                new double[] {-1, 0, 1}, Autodiff.grad(v -> v.abs().sum(), t(new double[] {-2, 0, 3}, 3)), TIGHT_F64);
        assertArrayClose(
                new double[] {0, 0, 1}, Autodiff.grad(v -> v.relu().sum(), t(new double[] {-2, 0, 3}, 3)), TIGHT_F64);
        assertArrayClose(
                new double[] {0, 1, 1, 1, 0},
                Autodiff.grad(v -> v.clamp(-1, 1).sum(), t(new double[] {-2, -1, 0, 1, 2}, 5)),
                TIGHT_F64);
        assertArrayClose(
                new double[] {0, 1, 1},
                Autodiff.grad(v -> v.maximum(0.0).sum(), t(new double[] {-1, 0, 1}, 3)),
                TIGHT_F64);
        assertArrayClose(
                new double[] {1, 1, 0},
                Autodiff.grad(v -> v.minimum(0.0).sum(), t(new double[] {-1, 0, 1}, 3)),
                TIGHT_F64);
        Tensor[] tie = Autodiff.grad(
                xs -> xs[0].maximum(xs[1]).sum(), t(new double[] {1, 2, 3}, 3), t(new double[] {1, 5, 0}, 3));
        assertArrayClose(new double[] {0.5, 0, 1}, tie[0], TIGHT_F64);
        assertArrayClose(new double[] {0.5, 1, 0}, tie[1], TIGHT_F64);
        Tensor[] tieMin = Autodiff.grad(
                xs -> xs[0].minimum(xs[1]).sum(), t(new double[] {1, 2, 3}, 3), t(new double[] {1, 5, 0}, 3));
        assertArrayClose(new double[] {0.5, 1, 0}, tieMin[0], TIGHT_F64);
        assertArrayClose(new double[] {0, 0.5, 0.5}, Autodiff.grad(Var::max, t(new double[] {1, 3, 3}, 3)), TIGHT_F64);
        assertArrayClose(
                new double[] {0.5, 0.5, 0, 0, 0, 1},
                Autodiff.grad(v -> v.min(1).sum(), t(new double[] {1, 1, 2, 5, 4, 3}, 2, 3)),
                TIGHT_F64);
        assertArrayClose(new double[] {0, 0}, Autodiff.grad(Var::norm, t(new double[] {0, 0}, 2)), TIGHT_F64);
        Tensor[] pow =
                Autodiff.grad(xs -> xs[0].pow(xs[1]).sum(), t(new double[] {0, 0, 2}, 3), t(new double[] {0, 2, 0}, 3));
        assertArrayClose(new double[] {0, 0, 0}, pow[0], TIGHT_F64);
        assertArrayClose(new double[] {0, 0, Math.log(2)}, pow[1], TIGHT_F64);
    }

    @Test
    void broadcastGradientsAreSummedOverBroadcastAxes() {
        Tensor[] g = Autodiff.grad(
                xs -> xs[0].mul(xs[1]).sum(),
                t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3),
                t(new double[] {10, 20, 30}, 3));
        assertArrayClose(new double[] {10, 20, 30, 10, 20, 30}, g[0], TIGHT_F64);
        assertArrayClose(new double[] {5, 7, 9}, g[1], TIGHT_F64);
        Tensor[] s = Autodiff.grad(xs -> xs[0].add(xs[1]).sum(), scalar(1), t(new double[] {1, 2, 3, 4}, 2, 2));
        assertEquals(Shape.scalar(), s[0].shape());
        assertEquals(4.0, s[0].item(), TIGHT_F64);
    }

    @Test
    void logSumExpAndSoftmaxStayFiniteForHugeLogits() {
        Tensor z = t(new double[] {1e4, -1e4, 0}, 3);
        Tensor g = Autodiff.grad(v -> v.logSumExp(), z);
        assertArrayClose(new double[] {1, 0, 0}, g, TIGHT_F64);
        Tensor j = Autodiff.jacobian(v -> v.softmax(0), z);
        assertTrue(j.allFinite());
    }

    @Test
    void matmulGradientsMatchLoops() {
        Tensor a = backend().randNormal(5, 0, 1, 2, 3);
        Tensor b = backend().randNormal(6, 0, 1, 3, 4);
        Tensor w = backend().randNormal(7, 0, 1, 2, 4);
        Tensor[] g = Autodiff.grad(
                xs -> xs[0].matmul(xs[1]).mul(xs[0].tape().constant(w)).sum(), a, b);
        double[] ad = a.toDoubleArray();
        double[] bd = b.toDoubleArray();
        double[] wd = w.toDoubleArray();
        double[] ga = new double[6];
        double[] gb = new double[12];
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < 4; j++) {
                    ga[i * 3 + k] += wd[i * 4 + j] * bd[k * 4 + j];
                    gb[k * 4 + j] += ad[i * 3 + k] * wd[i * 4 + j];
                }
            }
        }
        assertArrayClose(ga, g[0], TIGHT_F64);
        assertArrayClose(gb, g[1], TIGHT_F64);
        assertArrayEquals(new int[] {2, 3}, g[0].dims());
    }

    @Test
    void transformsOfDegenerateFunctions() {
        Tensor x = t(new double[] {0.5, -1, 2}, 3);
        // linear function: zero Hessian; identity: identity Jacobian; constant: zero jvp and gradient
        assertArrayClose(new double[9], Autodiff.hessian(v -> v.mul(3.0).sum(), x), 0);
        assertArrayClose(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Autodiff.jacobian(v -> v, x), 0);
        Tensor c = t(new double[] {4, 5}, 2);
        assertArrayClose(new double[] {0, 0}, Autodiff.jvp(v -> v.tape().constant(c), x, x), 0);
        assertArrayClose(
                new double[] {0, 0, 0}, Autodiff.grad(v -> v.tape().constant(c).sum(), x), 0);
        assertArrayClose(new double[] {0, 0, 0}, Autodiff.hvp(v -> v.sum(), x, x), 0);
        assertEquals(Shape.of(3, 3), Autodiff.hessian(v -> v.exp().sum(), x).shape());
    }

    @Test
    void transformsValidateTheirArguments() {
        Tensor x = t(new double[] {1, 2}, 2);
        assertThrows(ShapeMismatchException.class, () -> Autodiff.grad(v -> v.exp(), x));
        assertThrows(
                ShapeMismatchException.class, () -> Autodiff.hvp(v -> v.exp().sum(), x, t(new double[] {1, 2, 3}, 3)));
        assertThrows(ShapeMismatchException.class, () -> Autodiff.jvp(v -> v.exp(), x, scalar(1)));
        assertThrows(ShapeMismatchException.class, () -> Autodiff.vjp(v -> v.exp(), x, scalar(1)));
        assertThrows(InvalidArgumentException.class, () -> Autodiff.grad(v -> null, x));
        assertThrows(InvalidArgumentException.class, () -> Autodiff.grad((Function<Var, Var>) null, x));
        assertThrows(InvalidArgumentException.class, () -> Autodiff.grad(xs -> xs[0].sum()));
        assertThrows(
                InvalidArgumentException.class,
                () -> Autodiff.hessian(v -> v.sum(), backend().zeros(1, 1, 1, 1, 1)));
        try (GradientTape other = new GradientTape()) {
            Var foreign = other.watch(scalar(1));
            assertThrows(TapeException.class, () -> Autodiff.grad(v -> foreign, x));
        }
    }
}
