package org.nabla4j.bench;

import java.util.concurrent.TimeUnit;
import org.nabla4j.core.Tensor;
import org.nabla4j.optim.AugmentedLagrangian;
import org.nabla4j.optim.ConstrainedProblem;
import org.nabla4j.optim.ConstrainedResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full constrained solve: Hock–Schittkowski problem 71 by the augmented Lagrangian method with default settings,
 * from the standard start {@code (1, 5, 5, 1)}:
 *
 * <pre>
 * minimize    x1 x4 (x1 + x2 + x3) + x3
 * subject to  x1 x2 x3 x4 ≥ 25,  x1² + x2² + x3² + x4² = 40,  1 ≤ x ≤ 5
 * </pre>
 *
 * <p>The optimum is {@code f* = 17.0140173}. The objective and constraints are autodiff programs on 4-vectors, so
 * this measures per-operation overhead far more than arithmetic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ConstrainedBenchmark {
    /** Published optimum of HS071. */
    public static final double OPTIMUM = 17.0140173;

    /** Backend name: {@code ejml} or {@code nd4j}. */
    @Param({"ejml", "nd4j"})
    public String backend;

    private ConstrainedProblem problem;
    private AugmentedLagrangian solver;
    private Tensor x0;

    /** Builds the problem, the solver and the starting point. */
    @Setup(Level.Trial)
    public void setUp() {
        problem = ConstrainedProblem.builder()
                .objective(x -> x.select(0, 0)
                        .mul(x.select(0, 3))
                        .mul(x.slice(0, 0, 3).sum())
                        .add(x.select(0, 2)))
                .inequality(x -> x.select(0, 0)
                        .mul(x.select(0, 1))
                        .mul(x.select(0, 2))
                        .mul(x.select(0, 3))
                        .rsub(25))
                .equality(x -> x.square().sum().sub(40))
                .bounds(new double[] {1, 1, 1, 1}, new double[] {5, 5, 5, 5})
                .build();
        solver = AugmentedLagrangian.builder().build();
        x0 = Fixtures.backend(backend).of(new double[] {1, 5, 5, 1}, 4);
    }

    /** Releases the starting point. */
    @TearDown(Level.Trial)
    public void tearDown() {
        x0.close();
    }

    /**
     * Solves HS071.
     *
     * @return the optimal value found
     * @throws IllegalStateException if the solve does not converge to the published optimum (1e-5 relative)
     */
    @Benchmark
    public double solveHs071() {
        ConstrainedResult r = solver.solve(problem, x0);
        try (Tensor x = r.x()) {
            if (!r.converged() || Math.abs(r.value() - OPTIMUM) > 1e-5 * OPTIMUM) {
                throw new IllegalStateException(
                        "HS071 on " + backend + ": " + r.status() + ", f = " + r.value() + " at " + x);
            }
        }
        return r.value();
    }
}
