package org.nabla4j.examples;

import java.io.PrintStream;
import java.util.function.Function;
import org.nabla4j.autodiff.Autodiff;
import org.nabla4j.autodiff.ValueAndGrads;
import org.nabla4j.autodiff.Var;
import org.nabla4j.core.Backend;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorScope;

/**
 * Tour section 2: partial derivatives and the gradient of {@code f(x, y) = x² + y²}, the seed article's example.
 *
 * <p>The partial derivatives {@code ∂f/∂x = 2x} and {@code ∂f/∂y = 2y} come from one reverse pass with {@code x} and
 * {@code y} as two inputs; the gradient {@code ∇f = (2x, 2y)} from one reverse pass with a single vector input. The
 * directional derivative along a unit vector {@code u} is {@code D_u f = ∇f · u} (computed here by
 * {@link Autodiff#jvp}, independently of the gradient); it is smallest, {@code −‖∇f‖}, along {@code u = −∇f/‖∇f‖}:
 * the direction of steepest descent that gradient descent follows. Along the tangent of the level circle it is zero.
 */
public final class PartialDerivatives {
    /** The point {@code (x, y)} at which the derivatives are taken. */
    static final double[] POINT = {1.5, -2.0};
    /** The number of unit directions sampled (one per degree). */
    public static final int DIRECTIONS = 360;

    private PartialDerivatives() {}

    /**
     * The key numbers of the section.
     *
     * @param partials {@code (∂f/∂x, ∂f/∂y)} from autodiff with two scalar inputs
     * @param gradient {@code ∇f} from autodiff with one vector input
     * @param closedForm {@code (2x, 2y)}
     * @param maxError the largest difference between the autodiff results and the closed form
     * @param steepestDescent the unit direction {@code −∇f/‖∇f‖}
     * @param bestSampledAngleDegrees the angle of the sampled direction with the smallest directional derivative
     * @param steepestAngleDegrees the angle of {@code −∇f}
     * @param minDirectionalDerivative the smallest sampled directional derivative (compare {@code −‖∇f‖})
     * @param maxJvpError the largest {@code |jvp − ∇f·u|} over the sampled directions
     */
    public record Result(
            double[] partials,
            double[] gradient,
            double[] closedForm,
            double maxError,
            double[] steepestDescent,
            double bestSampledAngleDegrees,
            double steepestAngleDegrees,
            double minDirectionalDerivative,
            double maxJvpError) {}

    /**
     * Runs the section and prints it.
     *
     * @param backend the backend the derivatives are computed on
     * @param out where the section prints
     * @return the key numbers
     */
    public static Result run(Backend backend, PrintStream out) {
        Report.heading(out, 2, "Partial derivatives and the gradient of f(x, y) = x^2 + y^2");
        double x = POINT[0];
        double y = POINT[1];
        double[] closed = {2 * x, 2 * y};
        double[] partials;
        double[] gradient;
        double value;
        Function<Var, Var> f = p -> p.square().sum();
        try (TensorScope scope = TensorScope.open()) {
            ValueAndGrads vg =
                    Autodiff.valueAndGrad(v -> v[0].square().add(v[1].square()), backend.scalar(x), backend.scalar(y));
            value = vg.value().item();
            partials = new double[] {vg.gradient(0).item(), vg.gradient(1).item()};
            gradient = Autodiff.grad(f, backend.of(POINT.clone())).toDoubleArray();
        }
        double maxError = Math.max(Report.maxAbsDiff(partials, closed), Report.maxAbsDiff(gradient, closed));
        Report.printf(out, "  at (x, y) = (%.1f, %.1f):  f = %.4f%n", x, y, value);
        Report.printf(
                out,
                "  df/dx = %.12f   df/dy = %.12f   (two scalar inputs, one reverse pass)%n",
                partials[0],
                partials[1]);
        out.println("  grad f = " + Report.vector(gradient, 12) + "   (one vector input)");
        out.println("  closed form (2x, 2y) = " + Report.vector(closed, 12) + "   max |err| " + Report.sci(maxError));

        double norm = Report.norm2(gradient);
        double[] steepest = {-gradient[0] / norm, -gradient[1] / norm};
        double steepestAngle = Math.toDegrees(Math.atan2(steepest[1], steepest[0]));
        double best = Double.POSITIVE_INFINITY;
        double bestAngle = Double.NaN;
        double maxJvpError = 0;
        double tangent;
        try (TensorScope scope = TensorScope.open()) {
            Tensor p = backend.of(POINT.clone());
            for (int k = 0; k < DIRECTIONS; k++) {
                try (TensorScope step = TensorScope.open()) {
                    double angle = -180.0 + k * 360.0 / DIRECTIONS;
                    double[] u = {Math.cos(Math.toRadians(angle)), Math.sin(Math.toRadians(angle))};
                    double d = Autodiff.jvp(f, p, backend.of(u)).item();
                    maxJvpError = Math.max(maxJvpError, Math.abs(d - (gradient[0] * u[0] + gradient[1] * u[1])));
                    if (d < best) {
                        best = d;
                        bestAngle = angle;
                    }
                }
            }
            tangent = Autodiff.jvp(f, p, backend.of(new double[] {-steepest[1], steepest[0]}))
                    .item();
        }
        Report.subheading(out, "direction of steepest descent");
        out.println("  -grad f / |grad f| = " + Report.vector(steepest, 6) + "  at " + Report.fixed(steepestAngle, 2)
                + " deg;  |grad f| = " + Report.fixed(norm, 6));
        Report.printf(
                out,
                "  directional derivatives D_u f = grad f . u over %d unit directions (forward mode, jvp):%n",
                DIRECTIONS);
        Report.printf(
                out,
                "    smallest %.6f at %.0f deg (= -|grad f| along -grad f);  jvp vs grad.u max |diff| %s%n",
                best,
                bestAngle,
                Report.sci(maxJvpError));
        Report.printf(
                out, "    along the tangent of the level circle x^2 + y^2 = %.2f:  D_u f = %.1e%n", value, tangent);
        out.println("  Gradient descent steps along -grad f because no other direction decreases f faster to first"
                + " order.");
        return new Result(partials, gradient, closed, maxError, steepest, bestAngle, steepestAngle, best, maxJvpError);
    }
}
