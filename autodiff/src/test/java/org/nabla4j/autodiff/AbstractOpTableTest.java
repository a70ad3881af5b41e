package org.nabla4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;

/**
 * The op table run against GradCheck: every differentiable Var operation has a row, and every row passes central
 * differences in FLOAT64 on {@value #SEEDS} seeded inputs (first order) and, through a gradient recorded with
 * {@code gradientVars}, on {@value #SECOND_ORDER_SEEDS} seeded inputs (second order).
 */
abstract class AbstractOpTableTest extends BackendTestBase {
    static final int SEEDS = 20;
    static final int SECOND_ORDER_SEEDS = 20;
    static final double EPS = 1e-6;
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-8;
    static final GradCheck CHECK = GradCheck.defaults().eps(EPS).rtol(RTOL).atol(ATOL);

    /** Public Var methods that are not differentiable operations, or are checked elsewhere, with the reason. */
    static final Map<String, String> VAR_NON_OPS = Map.of(
            "value", "accessor",
            "shape", "accessor",
            "rank", "accessor",
            "size", "accessor",
            "dtype", "accessor",
            "tape", "accessor",
            "requiresGrad", "accessor",
            "item", "conversion to double",
            "stopGradient",
                    "blocks the gradient by definition, so no finite difference matches it: "
                            + "AbstractTapeTest.stopGradientBlocksTheGradient checks it");

    /** Public Tensor methods that are not differentiable operations, with the reason. */
    static final Map<String, String> TENSOR_NON_DIFFERENTIABLE = Map.ofEntries(
            Map.entry("zeros", "factory"),
            Map.entry("ones", "factory"),
            Map.entry("full", "factory"),
            Map.entry("of", "factory"),
            Map.entry("scalar", "factory"),
            Map.entry("arange", "factory"),
            Map.entry("linspace", "factory"),
            Map.entry("eye", "factory"),
            Map.entry("randUniform", "factory"),
            Map.entry("randNormal", "factory"),
            Map.entry("backend", "property"),
            Map.entry("shape", "property"),
            Map.entry("dims", "property"),
            Map.entry("rank", "property"),
            Map.entry("size", "property"),
            Map.entry("dtype", "property"),
            Map.entry("id", "property"),
            Map.entry("version", "property"),
            Map.entry("named", "property"),
            Map.entry("name", "property"),
            Map.entry("isClosed", "property"),
            Map.entry("describe", "property"),
            Map.entry("ensureOpen", "lifecycle"),
            Map.entry("close", "lifecycle"),
            Map.entry("toDoubleArray", "conversion"),
            Map.entry("toFloatArray", "conversion"),
            Map.entry("item", "conversion"),
            Map.entry("get", "conversion"),
            Map.entry("copy", "storage"),
            Map.entry("toDType", "conversion between dtypes"),
            Map.entry("toBackend", "conversion between backends"),
            Map.entry("allFinite", "predicate"),
            Map.entry("allClose", "predicate"),
            Map.entry("sign", "piecewise constant: derivative 0 almost everywhere"),
            Map.entry("gt", "comparison"),
            Map.entry("ge", "comparison"),
            Map.entry("lt", "comparison"),
            Map.entry("le", "comparison"),
            Map.entry("eq", "comparison"),
            Map.entry("ne", "comparison"),
            Map.entry("argmax", "integer result"),
            Map.entry("argmin", "integer result"),
            Map.entry("unary", "generic dispatcher; Var has the named operations"),
            Map.entry("binary", "generic dispatcher; Var has the named operations"),
            Map.entry("scalarOp", "generic dispatcher; Var has the named operations"),
            Map.entry("reduce", "generic dispatcher; Var has the named operations"),
            Map.entry("addi", "in-place mutation"),
            Map.entry("subi", "in-place mutation"),
            Map.entry("muli", "in-place mutation"),
            Map.entry("divi", "in-place mutation"),
            Map.entry("assign", "in-place mutation"),
            Map.entry("checkSame", "argument check"));

    /** Rows that cannot take a rank-0 input. */
    static final Set<String> NO_RANK_ZERO = Set.of(
            "matmul",
            "slice",
            "select",
            "squeeze",
            "concat",
            "logSoftmax",
            "softmax",
            "solve",
            "inverse",
            "det",
            "cholesky",
            "eigh",
            "diagonal",
            "logAbsDet");

    private List<OpTable.Row> rows() {
        return OpTable.rows(backend());
    }

    private static Set<String> publicMethodNames(Class<?> type) {
        Set<String> objectMethods =
                Arrays.stream(Object.class.getMethods()).map(Method::getName).collect(Collectors.toSet());
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getDeclaringClass() == type && Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .map(Method::getName)
                .filter(n -> !objectMethods.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyVarOperationHasARowAndEveryRowAVarOperation() {
        Set<String> ops = publicMethodNames(Var.class);
        ops.removeAll(VAR_NON_OPS.keySet());
        Set<String> rowNames = rows().stream().map(OpTable.Row::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(ops);
        missing.removeAll(rowNames);
        assertTrue(missing.isEmpty(), () -> "Var operations without a row in OpTable: " + missing);
        Set<String> unknown = new TreeSet<>(rowNames);
        unknown.removeAll(ops);
        assertTrue(unknown.isEmpty(), () -> "OpTable rows that are not Var operations: " + unknown);
        assertEquals(rowNames.size(), rows().size(), "one row per operation name");
    }

    @Test
    void everyDifferentiableTensorOperationIsMirroredByVar() {
        Set<String> tensorOps = publicMethodNames(Tensor.class);
        tensorOps.removeAll(TENSOR_NON_DIFFERENTIABLE.keySet());
        Set<String> missing = new TreeSet<>(tensorOps);
        missing.removeAll(publicMethodNames(Var.class));
        assertTrue(
                missing.isEmpty(),
                () -> "Tensor operations that Var does not mirror (add them to Var, or to "
                        + "TENSOR_NON_DIFFERENTIABLE with the reason): " + missing);
    }

    @Test
    void rowsSampleRankZeroAndBroadcasting() {
        for (OpTable.Row row : rows()) {
            if (!NO_RANK_ZERO.contains(row.name())) {
                assertTrue(
                        row.variants().stream().anyMatch(OpTable.Variant::hasRankZeroInput),
                        () -> row.name() + ": no rank-0 sample");
            }
            boolean binary = row.variants().stream().anyMatch(v -> v.inputs().size() == 2);
            if (binary && !row.name().equals("concat") && !row.name().equals("stack")) {
                assertTrue(
                        row.variants().stream()
                                .anyMatch(v -> v.inputs().size() == 2
                                        && !Arrays.equals(
                                                v.inputs().get(0).shape(),
                                                v.inputs().get(1).shape())),
                        () -> row.name() + ": no broadcasting sample");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> firstOrderGradientsMatchCentralDifferences() {
        List<OpTable.Row> rows = rows();
        return rows.stream()
                .map(row -> DynamicTest.dynamicTest(row.name(), () -> {
                    for (int seed = 0; seed < SEEDS; seed++) {
                        OpTable.Variant v =
                                row.variants().get(seed % row.variants().size());
                        Tensor[] xs = v.tensors(backend(), 1000L * rows.indexOf(row) + seed);
                        GradCheckResult r = CHECK.check(v.fn(), xs);
                        int s = seed;
                        assertTrue(r.passed(), () -> row.name() + " / " + v.label() + " / seed " + s + ": " + r);
                        assertTrue(r.comparisons() > 0, () -> row.name() + " / " + v.label() + ": nothing compared");
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> secondOrderGradientsMatchCentralDifferences() {
        List<OpTable.Row> rows = rows();
        return rows.stream()
                .filter(OpTable.Row::secondOrder)
                .map(row -> DynamicTest.dynamicTest(row.name(), () -> {
                    for (int seed = 0; seed < SECOND_ORDER_SEEDS; seed++) {
                        OpTable.Variant v =
                                row.variants().get(seed % row.variants().size());
                        Tensor[] xs = v.tensors(backend(), 7000L * rows.indexOf(row) + seed);
                        GradCheckResult r = CHECK.check(gradientOf(v.fn(), backend(), seed), xs);
                        int s = seed;
                        assertTrue(
                                r.passed(),
                                () -> row.name() + " / " + v.label() + " / seed " + s + " (2nd order): " + r);
                    }
                }));
    }

    /**
     * xs ↦ the gradient of {@code sum(w * f(xs)^2)} with respect to every input, flattened and concatenated, where
     * {@code w} is a fixed random weight: recorded with gradientVars, so GradCheck differentiates it again.
     */
    static Function<Var[], Var> gradientOf(Function<Var[], Var> f, Backend backend, long seed) {
        return xs -> {
            GradientTape tape = xs[0].tape();
            Var y = f.apply(xs);
            Tensor w = backend.randNormal(seed, 0, 1, y.value().dims());
            // sum(w y^2) rather than sum(w y): its gradient depends on y even for linear operations, so the rules
            // of the rules (e.g. the scatter that undoes slice) are exercised too
            Var[] g = tape.gradientVars(y.square().mul(tape.constant(w)).sum(), xs);
            Var[] flat = new Var[g.length];
            for (int i = 0; i < g.length; i++) {
                flat[i] = g[i].reshape(-1);
            }
            return Var.concat(0, flat);
        };
    }
}
