package org.nabla4j.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/** Invalid hyper-parameters fail at construction with an exception naming the parameter. */
class HyperParameterValidationTest {

    static Stream<Arguments> invalid() {
        Tensor p = Tensor.zeros(2);
        return Stream.of(
                Arguments.of("learningRate", (Executable)
                        () -> Sgd.builder().learningRate(-0.1).build(p)),
                Arguments.of("learningRate", (Executable)
                        () -> Adam.builder().learningRate(Double.NaN).build(p)),
                Arguments.of("weightDecay", (Executable)
                        () -> Sgd.builder().weightDecay(-1).build(p)),
                Arguments.of("momentum", (Executable)
                        () -> Momentum.builder().momentum(1.0).build(p)),
                Arguments.of("momentum", (Executable)
                        () -> Momentum.builder().momentum(-0.1).build(p)),
                Arguments.of("dampening", (Executable)
                        () -> Momentum.builder().dampening(1.5).build(p)),
                Arguments.of("nesterov", (Executable)
                        () -> Momentum.builder().nesterov(true).dampening(0.1).build(p)),
                Arguments.of("beta1", (Executable)
                        () -> Adam.builder().betas(1.0, 0.999).build(p)),
                Arguments.of("beta1", (Executable)
                        () -> Adam.builder().betas(-0.1, 0.999).build(p)),
                Arguments.of("beta2", (Executable)
                        () -> Adam.builder().betas(0.9, 1.0).build(p)),
                Arguments.of("eps", (Executable) () -> Adam.builder().eps(0).build(p)),
                Arguments.of("eps", (Executable) () -> Adam.builder().eps(-1e-8).build(p)),
                Arguments.of("weightDecay", (Executable)
                        () -> Adam.adamW().weightDecay(-0.01).build(p)),
                Arguments.of(
                        "alpha", (Executable) () -> RmsProp.builder().alpha(1.0).build(p)),
                Arguments.of("eps", (Executable) () -> RmsProp.builder().eps(0).build(p)),
                Arguments.of("momentum", (Executable)
                        () -> RmsProp.builder().momentum(-1).build(p)),
                Arguments.of("lrDecay", (Executable)
                        () -> Adagrad.builder().lrDecay(-1).build(p)),
                Arguments.of("initialAccumulatorValue", (Executable)
                        () -> Adagrad.builder().initialAccumulatorValue(-1).build(p)),
                Arguments.of("eps", (Executable) () -> Adagrad.builder().eps(0).build(p)),
                Arguments.of("nonFinitePolicy", (Executable)
                        () -> Adam.builder().nonFinitePolicy(null).build(p)),
                Arguments.of("historySize", (Executable)
                        () -> Lbfgs.builder().historySize(0).build()),
                Arguments.of("gradientTolerance", (Executable)
                        () -> Lbfgs.builder().gradientTolerance(-1).build()),
                Arguments.of("c1", (Executable)
                        () -> Lbfgs.builder().wolfeConstants(0.9, 0.1).build()),
                Arguments.of("fixedStep", (Executable)
                        () -> GradientDescent.builder().fixedStep(0).build()),
                Arguments.of("shrink", (Executable) () ->
                        GradientDescent.builder().backtracking(1, 1.5, 1e-4).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void failsNamingTheParameter(String parameter, Executable construction) {
        var e = assertThrows(InvalidArgumentException.class, construction);
        assertTrue(e.getMessage().contains(parameter), "message should name " + parameter + ": " + e.getMessage());
    }
}
