package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nabla4j.core.DType;
import org.nabla4j.core.DTypeMismatchException;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/** Tape semantics: persistence, seeds, errors with their messages, mutation detection and memory release. */
abstract class AbstractTapeTest extends BackendTestBase {

    private Tensor vec(double... d) {
        return t(d, d.length);
    }

    @Test
    void nonPersistentTapeRefusesASecondGradient() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(1, 2));
            Var y = x.square().sum();
            assertArrayClose(new double[] {2, 4}, tape.gradient(y, x), TIGHT_F64);
            TapeException e = assertThrows(TapeException.class, () -> tape.gradient(y, x));
            assertTrue(e.getMessage().contains("persistent"), e.getMessage());
            assertEquals(5.0, y.item(), TIGHT_F64, "values stay readable after the gradient");
            assertThrows(TapeException.class, () -> tape.gradientVars(y, x));
        }
    }

    @Test
    void persistentTapeAllowsRepeatedGradients() {
        try (GradientTape tape = GradientTape.persistent()) {
            assertTrue(tape.isPersistent());
            Var x = tape.watch(vec(1, 2));
            Var y = x.square().sum();
            Var z = x.exp().sum();
            assertArrayClose(new double[] {2, 4}, tape.gradient(y, x), TIGHT_F64);
            assertArrayClose(new double[] {2, 4}, tape.gradient(y, x), TIGHT_F64);
            assertArrayClose(new double[] {Math.exp(1), Math.exp(2)}, tape.gradient(z, x), TIGHT_F64);
        }
    }

    @Test
    void gradientVarsThenOneGradientWorksOnANonPersistentTape() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(scalar(3.0));
            Var dy = tape.gradientVars(x.pow(3.0), x)[0];
            assertEquals(27.0, dy.item(), TIGHT_F64);
            assertTrue(dy.requiresGrad());
            assertEquals(18.0, tape.gradient(dy, x).item(), TIGHT_F64);
        }
    }

    @Test
    void nonScalarTargetNeedsASeedOfItsShape() {
        try (GradientTape tape = GradientTape.persistent()) {
            Var x = tape.watch(vec(1, 2, 3));
            Var y = x.square();
            ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> tape.gradient(y, x));
            assertTrue(e.getMessage().contains("seed"), e.getMessage());
            assertArrayClose(new double[] {2, 4, 6}, tape.gradient(y, vec(1, 1, 1), x)[0], TIGHT_F64);
            assertArrayClose(new double[] {2, 0, -6}, tape.gradient(y, vec(1, 0, -1), x)[0], TIGHT_F64);
            ShapeMismatchException s = assertThrows(ShapeMismatchException.class, () -> tape.gradient(y, vec(1, 1), x));
            assertTrue(s.getMessage().contains("[2]") && s.getMessage().contains("[3]"), s.getMessage());
            assertThrows(ShapeMismatchException.class, () -> tape.gradient(y, t(new double[] {1, 1, 1}, 1, 3), x));
            assertThrows(
                    DTypeMismatchException.class,
                    () -> tape.gradient(y, backend().ones(DType.FLOAT32, 3), x));
            assertThrows(InvalidArgumentException.class, () -> tape.gradient(y, (Tensor) null, x));
            // a scalar target of rank 2 needs no seed
            Var r2 = x.sum(new int[] {0}, true).unsqueeze(0);
            assertArrayClose(new double[] {1, 1, 1}, tape.gradient(r2, x), TIGHT_F64);
        }
    }

    @Test
    void modifyingASavedTensorInPlaceIsDetectedAndNamesTheOperation() {
        Tensor w = vec(1, 2, 3);
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(4, 5, 6));
            Var y = x.mul(tape.constant(w)).sum();
            w.addi(1.0);
            TapeException e = assertThrows(TapeException.class, () -> tape.gradient(y, x));
            assertTrue(e.getMessage().contains("'mul'"), e.getMessage());
            assertTrue(e.getMessage().contains("modified in place"), e.getMessage());
        }
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(0.5, 1));
            Var e = x.exp();
            Var y = e.sum();
            e.value().muli(2.0);
            TapeException ex = assertThrows(TapeException.class, () -> tape.gradient(y, x));
            assertTrue(ex.getMessage().contains("'exp'") && ex.getMessage().contains("output"), ex.getMessage());
        }
    }

    @Test
    void modifyingATensorThatNoRuleNeedsIsAllowed() {
        Tensor c = vec(1, 2);
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(3, 4));
            Var y = x.add(tape.constant(c)).sum();
            c.assign(7.0);
            assertArrayClose(new double[] {1, 1}, tape.gradient(y, x), TIGHT_F64);
        }
    }

    @Test
    void sourceThatTheTargetDoesNotDependOnGetsZeros() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(1, 2));
            Var unused = tape.watch(t(new double[] {1, 2, 3, 4}, 2, 2));
            Var y = x.sum();
            Tensor[] g = tape.gradient(y, x, unused);
            assertArrayClose(new double[] {1, 1}, g[0], TIGHT_F64);
            assertArrayClose(new double[] {0, 0, 0, 0}, g[1], TIGHT_F64);
            assertEquals(unused.shape(), g[1].shape());
        }
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(1, 2));
            Var c = tape.constant(vec(1, 2)).mul(3.0).sum();
            assertArrayClose(new double[] {0, 0}, tape.gradient(c, x), TIGHT_F64);
            assertEquals(0, tape.recordedOperations(), "operations on constants only are not recorded");
        }
    }

    @Test
    void constantSourcesAndForeignVarsAreRefused() {
        try (GradientTape tape = new GradientTape();
                GradientTape other = new GradientTape()) {
            Var x = tape.watch(vec(1, 2));
            Var c = tape.constant(vec(1, 2));
            Var y = x.mul(c).sum();
            TapeException constant = assertThrows(TapeException.class, () -> tape.gradient(y, c));
            assertTrue(constant.getMessage().contains("watch"), constant.getMessage());
            Var z = other.watch(vec(1, 2));
            assertThrows(TapeException.class, () -> tape.gradient(y, z));
            assertThrows(TapeException.class, () -> other.gradient(y, z));
            TapeException mixed = assertThrows(TapeException.class, () -> x.add(z));
            assertTrue(mixed.getMessage().contains("different GradientTapes"), mixed.getMessage());
            assertThrows(TapeException.class, () -> Var.concat(0, x, z));
            assertThrows(TapeException.class, () -> Var.where(vec(1, 0), x, z));
            assertThrows(InvalidArgumentException.class, () -> tape.gradient(y));
            assertThrows(InvalidArgumentException.class, () -> tape.gradient(null, x));
            assertThrows(InvalidArgumentException.class, () -> tape.gradient(y, (Var) null));
            assertThrows(InvalidArgumentException.class, () -> tape.watch(null));
            assertThrows(InvalidArgumentException.class, () -> x.add((Var) null));
            assertThrows(InvalidArgumentException.class, () -> Var.concat(0));
        }
    }

    @Test
    void closedTapeRefusesEverything() {
        GradientTape tape = new GradientTape();
        Var x = tape.watch(vec(1, 2));
        Var y = x.exp();
        tape.close();
        tape.close();
        assertTrue(tape.isClosed());
        assertTrue(y.value().isClosed(), "the tape closes the values it computed");
        assertFalse(x.value().isClosed(), "watched tensors stay the caller's");
        TapeException e = assertThrows(TapeException.class, y::sum);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(TapeException.class, () -> tape.gradient(x, x));
        assertThrows(TapeException.class, () -> tape.watch(vec(1)));
        assertThrows(TapeException.class, () -> tape.constant(1.0));
    }

    @Test
    void duplicateSourcesGetDistinctEqualTensors() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(1, 2));
            Tensor[] g = tape.gradient(x.square().sum(), x, x);
            assertNotSame(g[0], g[1]);
            assertArrayClose(g[0].toDoubleArray(), g[1], 0);
            g[0].close();
            assertArrayClose(new double[] {2, 4}, g[1], TIGHT_F64);
        }
    }

    @Test
    void targetThatIsTheSourceHasGradientOne() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(scalar(2.0));
            assertEquals(1.0, tape.gradient(x, x).item());
        }
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(1, 2));
            Tensor seed = vec(5, 6);
            Tensor g = tape.gradient(x, seed, x)[0];
            assertNotSame(seed, g);
            assertArrayClose(new double[] {5, 6}, g, 0);
        }
    }

    @Test
    void stopGradientBlocksTheGradient() {
        try (GradientTape tape = GradientTape.persistent()) {
            Var x = tape.watch(vec(1, 2));
            Var s = x.stopGradient();
            assertFalse(s.requiresGrad());
            assertSame(x.value(), s.value());
            assertArrayClose(new double[] {1, 2}, tape.gradient(x.mul(s).sum(), x), TIGHT_F64);
            assertArrayClose(new double[] {2, 4}, tape.gradient(x.mul(x).sum(), x), TIGHT_F64);
            assertThrows(TapeException.class, () -> tape.gradient(x.mul(s).sum(), s));
        }
    }

    @Test
    void customOperationsAreValidated() {
        CustomOp identity = new CustomOp() {
            @Override
            public Tensor forward(Tensor... x) {
                return x[0];
            }

            @Override
            public Var[] vjp(Var g, Var y, Var... x) {
                return new Var[] {g};
            }
        };
        CustomOp wrongCount = new CustomOp() {
            @Override
            public String name() {
                return "wrongCount";
            }

            @Override
            public Tensor forward(Tensor... x) {
                return x[0].copy();
            }

            @Override
            public Var[] vjp(Var g, Var y, Var... x) {
                return new Var[] {g, g};
            }
        };
        CustomOp wrongShape = new CustomOp() {
            @Override
            public String name() {
                return "wrongShape";
            }

            @Override
            public Tensor forward(Tensor... x) {
                return x[0].sum();
            }

            @Override
            public Var[] vjp(Var g, Var y, Var... x) {
                return new Var[] {g};
            }
        };
        Tensor in = vec(1, 2);
        try (GradientTape tape = GradientTape.persistent()) {
            Var x = tape.watch(in);
            Var y = Var.custom(identity, x);
            assertNotSame(in, y.value(), "an input returned by forward is copied");
            assertArrayClose(new double[] {1, 1}, tape.gradient(y.sum(), x), TIGHT_F64);
            InvalidArgumentException count = assertThrows(
                    InvalidArgumentException.class,
                    () -> tape.gradient(Var.custom(wrongCount, x).sum(), x));
            assertTrue(count.getMessage().contains("wrongCount"), count.getMessage());
            ShapeMismatchException shape =
                    assertThrows(ShapeMismatchException.class, () -> tape.gradient(Var.custom(wrongShape, x), x));
            assertTrue(
                    shape.getMessage().contains("wrongShape")
                            && shape.getMessage().contains("[2]"),
                    shape.getMessage());
            assertThrows(InvalidArgumentException.class, () -> Var.custom(null, x));
        }
        assertFalse(in.isClosed());
    }

    @Test
    void backwardClosesItsTemporariesAndTheTapeItsValues() {
        Tensor x0 = backend().randNormal(1, 0, 1, 3, 4);
        Tensor w0 = backend().randNormal(2, 0, 1, 4, 2);
        try (TensorScope scope = TensorScope.open()) {
            GradientTape tape = new GradientTape();
            Var x = tape.watch(x0);
            Var w = tape.watch(w0);
            Var loss = x.matmul(w)
                    .tanh()
                    .sum(1)
                    .logSumExp()
                    .add(w.slice(0, 0, 4, 2).square().mean());
            int forward = scope.size();
            Tensor[] g = tape.gradient(loss, x, w);
            assertEquals(forward + 2, scope.size(), "only the two gradients survive the backward pass");
            tape.close();
            assertEquals(2, scope.size(), "closing the tape releases every value it computed");
            for (Tensor t : g) {
                assertFalse(t.isClosed());
            }
        }
        assertFalse(x0.isClosed());
        assertFalse(w0.isClosed());
    }

    @Test
    void gradientVarsBelongToTheTapeAndAreClosedWithIt() {
        Tensor x0 = vec(1, 2);
        List<Var> kept = new ArrayList<>();
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(x0);
            Var g = tape.gradientVars(x.pow(3.0).sum(), x)[0];
            assertArrayClose(new double[] {3, 12}, g.value(), TIGHT_F64);
            kept.add(g);
        }
        assertTrue(kept.get(0).value().isClosed());
    }

    @Test
    void failedBackwardStillClosesItsTemporaries() {
        Tensor w = vec(1, 2);
        try (TensorScope scope = TensorScope.open();
                GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(3, 4));
            Var y = x.exp().mul(tape.constant(w)).sin().sum();
            int forward = scope.size();
            w.addi(1.0);
            assertThrows(TapeException.class, () -> tape.gradient(y, x));
            assertEquals(forward, scope.size());
        }
    }

    @Test
    void varReportsItsOrigin() {
        try (GradientTape tape = new GradientTape()) {
            Var x = tape.watch(vec(1, 2));
            assertTrue(x.toString().contains("input"), x.toString());
            assertTrue(x.exp().toString().contains("exp"));
            assertTrue(tape.constant(vec(1)).toString().contains("constant"));
            assertSame(tape, x.tape());
            assertEquals(DType.FLOAT64, x.dtype());
            assertEquals(1, x.rank());
            assertEquals(2, x.size());
            assertTrue(tape.toString().contains("1 operations"), tape.toString());
        }
    }

    @Test
    void dtypeMismatchBetweenVarsIsTheCoreException() {
        try (GradientTape tape = new GradientTape()) {
            Var a = tape.watch(vec(1, 2));
            Var b = tape.watch(backend().ones(DType.FLOAT32, 2));
            assertThrows(DTypeMismatchException.class, () -> a.add(b));
        }
    }

    @Test
    void aliasedGradientsAreNeitherSharedNorClosedTwice() {
        CustomOp passThrough = new CustomOp() {
            @Override
            public String name() {
                return "passThrough";
            }

            @Override
            public Tensor forward(Tensor... x) {
                return x[0].add(x[1]);
            }

            @Override
            public Var[] vjp(Var g, Var y, Var... x) {
                return new Var[] {g, g};
            }
        };
        CustomOp returnsInput = new CustomOp() {
            @Override
            public Tensor forward(Tensor... x) {
                return x[0].square().mul(0.5);
            }

            @Override
            public Var[] vjp(Var g, Var y, Var... x) {
                return new Var[] {x[0]}; // correct only for the seed 1, which is what this test uses
            }
        };
        Tensor x0 = vec(1, 2);
        try (TensorScope scope = TensorScope.open();
                GradientTape tape = GradientTape.persistent()) {
            Var x = tape.watch(x0);
            assertArrayClose(new double[] {2, 2}, tape.gradient(x.add(x).sum(), x), TIGHT_F64);
            assertArrayClose(new double[] {3, 3}, tape.gradient(x.add(x).add(x).sum(), x), TIGHT_F64);
            assertArrayClose(
                    new double[] {2, 2},
                    tape.gradient(Var.custom(passThrough, x, x).sum(), x),
                    TIGHT_F64);
            Var y = x.add(1.0);
            Tensor[] g = tape.gradient(y.add(y).sum(), y, x, y);
            assertArrayClose(new double[] {2, 2}, g[0], TIGHT_F64);
            assertArrayClose(new double[] {2, 2}, g[1], TIGHT_F64);
            assertArrayClose(new double[] {2, 2}, g[2], TIGHT_F64);
            assertNotSame(g[0], g[2]);
            Var half = Var.custom(returnsInput, x);
            assertArrayClose(new double[] {1, 2}, tape.gradient(half, vec(1, 1), x)[0], TIGHT_F64);
            assertFalse(x0.isClosed());
            assertArrayClose(new double[] {1, 2}, x0, 0);
            assertArrayClose(new double[] {2, 3}, y.value(), 0);
        }
    }
}
