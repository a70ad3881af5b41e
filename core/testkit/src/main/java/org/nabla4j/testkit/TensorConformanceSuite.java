package org.nabla4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.nabla4j.core.Backend;
import org.nabla4j.core.DType;

/**
 * The conformance suite every backend must pass, written once against the {@link org.nabla4j.core.Tensor} and
 * {@link org.nabla4j.core.Linalg} API (as EJML's generic decomposition tests are) and organized as a table of
 * operations (as PyTorch's OpInfo is): one row per operation, each with sample inputs of rank 0 to 4, size one,
 * broadcasting in every direction, empty tensors where legal and large magnitudes, plus the error inputs that must
 * throw. Every row × sample is one JUnit dynamic test, so the test report counts cases.
 *
 * <p>A backend module runs the whole suite by subclassing it once per dtype:
 *
 * <pre>{@code
 * class EjmlFloat64ConformanceTest extends TensorConformanceSuite {
 *     protected Backend backend() { return Backends.get("ejml"); }
 *     protected DType dtype() { return DType.FLOAT64; }
 * }
 * }</pre>
 *
 * <p>Reference values are computed independently of the code under test, by plain loops over {@code double[]} and
 * closed forms (see {@code ReferenceArray}); for {@link DType#FLOAT32} the inputs are rounded to float first and the
 * results compared with {@link Tolerances#F32}. Linear algebra is checked by definition (reconstruction, orthogonality,
 * triangularity) with {@link Tolerances#linalgForDType}. Tests of mixing backends use a small private reference
 * backend that is never registered as a service.
 *
 * <p>Every case runs inside a {@link org.nabla4j.core.TensorScope}, so a backend with native storage releases what
 * the suite allocates.
 */
public abstract class TensorConformanceSuite {

    /** Creates the suite; subclasses supply {@link #backend()} and {@link #dtype()}. */
    protected TensorConformanceSuite() {}

    /** The backend under test. Called once per test factory; should return the same instance every time. */
    protected abstract Backend backend();

    /** The dtype under test: every tensor the suite creates (except in dtype-mixing cases) has it. */
    protected abstract DType dtype();

    private Conformance conformance() {
        Backend b = backend();
        DType d = dtype();
        Assertions.assertNotNull(b, "backend() returned null");
        Assertions.assertNotNull(d, "dtype() returned null");
        return new Conformance(b, d);
    }

    /** Factories: zeros, ones, full, of, scalar, arange, linspace, eye, randUniform, randNormal. */
    @TestFactory
    Stream<DynamicNode> factories() {
        return FactoryCases.all(conformance()).stream();
    }

    /** Every unary operation, named and through {@code unary(UnaryOp)}. */
    @TestFactory
    Stream<DynamicNode> unaryOperations() {
        return ElementwiseCases.unary(conformance()).stream();
    }

    /** Every binary operation and comparison on two tensors, with broadcasting. */
    @TestFactory
    Stream<DynamicNode> binaryOperations() {
        return ElementwiseCases.binary(conformance()).stream();
    }

    /** Every binary operation with a scalar operand, including {@code rsub}, {@code rdiv} and {@code scalarOp}. */
    @TestFactory
    Stream<DynamicNode> scalarOperations() {
        return ElementwiseCases.scalar(conformance()).stream();
    }

    /** {@code where} and {@code clamp}. */
    @TestFactory
    Stream<DynamicNode> selection() {
        Conformance c = conformance();
        return Stream.of(ElementwiseCases.where(c), ElementwiseCases.clamp(c));
    }

    /** FLOAT32 only: computed results hold values of the dtype, not wider ones. */
    @TestFactory
    Stream<DynamicNode> dtypeOfResults() {
        return Stream.ofNullable(ElementwiseCases.storedInDType(conformance()));
    }

    /** sum, mean, max, min, logSumExp, norm, argmax, argmin, reduce and sumTo. */
    @TestFactory
    Stream<DynamicNode> reductions() {
        Conformance c = conformance();
        List<DynamicNode> nodes = new ArrayList<>(ReductionCases.reductions(c));
        nodes.add(ReductionCases.argReductions(c, true));
        nodes.add(ReductionCases.argReductions(c, false));
        nodes.add(ReductionCases.sumTo(c));
        return nodes.stream();
    }

    /** The matrix product in 2-D, batched (with broadcast batch axes) and 1-D forms. */
    @TestFactory
    Stream<DynamicNode> matmul() {
        return Stream.of(ShapeCases.matmul(conformance()));
    }

    /**
     * transpose, permute, reshape, flatten, squeeze, unsqueeze, slice, select, diagonal, concat, stack, broadcastTo.
     */
    @TestFactory
    Stream<DynamicNode> shapeOperations() {
        Conformance c = conformance();
        return Stream.of(
                ShapeCases.transpose(c),
                ShapeCases.permute(c),
                ShapeCases.reshape(c),
                ShapeCases.flattenSqueezeUnsqueeze(c),
                ShapeCases.slice(c),
                ShapeCases.select(c),
                ShapeCases.diagonal(c),
                ShapeCases.concat(c),
                ShapeCases.stack(c),
                ShapeCases.broadcastTo(c));
    }

    /** copy, toDType, toBackend, array conversion, get, item, allFinite, allClose, properties and toString. */
    @TestFactory
    Stream<DynamicNode> conversionAndAccess() {
        return ConversionCases.all(conformance()).stream();
    }

    /** addi, subi, muli, divi and assign in tensor and scalar form; {@code version()} bookkeeping. */
    @TestFactory
    Stream<DynamicNode> inPlaceOperations() {
        return InPlaceCases.all(conformance()).stream();
    }

    /** Results own their storage; use after close; {@link org.nabla4j.core.TensorScope} semantics. */
    @TestFactory
    Stream<DynamicNode> lifecycle() {
        Conformance c = conformance();
        return Stream.of(LifecycleCases.storage(c), LifecycleCases.closed(c), LifecycleCases.scope(c));
    }

    /** Mixed dtypes, mixed backends, bad axes and invalid factory arguments. */
    @TestFactory
    Stream<DynamicNode> errors() {
        Conformance c = conformance();
        return Stream.of(
                ErrorCases.mixedDTypes(c), ErrorCases.mixedBackends(c), ErrorCases.axes(c), ErrorCases.factories(c));
    }

    /** solve, inverse, det, cholesky, qr, svd and eigh, checked by definition. */
    @TestFactory
    Stream<DynamicNode> linalg() {
        Conformance c = conformance();
        return Stream.of(
                LinalgCases.solve(c),
                LinalgCases.inverse(c),
                LinalgCases.det(c),
                LinalgCases.slogdet(c),
                LinalgCases.cholesky(c),
                LinalgCases.qr(c),
                LinalgCases.svd(c),
                LinalgCases.eigh(c),
                LinalgCases.empty(c),
                LinalgCases.batched(c));
    }
}
