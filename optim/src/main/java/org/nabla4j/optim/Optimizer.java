package org.nabla4j.optim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Tensor;

/**
 * A first-order optimizer that updates a fixed list of parameter tensors in place from their gradients.
 *
 * <p><b>Design.</b> An optimizer is built over its parameters, as in PyTorch: the builder of each implementation
 * ({@link Sgd}, {@link Momentum}, {@link Adam}, {@link RmsProp}, {@link Adagrad}) takes the parameter tensors and
 * allocates the per-parameter state (moment buffers) once, with the shape, dtype and backend of each parameter.
 * {@link #step(Tensor...)} then takes one gradient per parameter, in the same order, and applies the update with the
 * tensors' in-place operations ({@code addi}, {@code subi}, ...), so the parameters stay the same objects and keep
 * their identity for the caller (and for autodiff, which sees their {@link Tensor#version()} change). Temporaries of
 * an update are released before {@code step} returns, so a training loop runs in flat memory on every backend.
 *
 * <pre>{@code
 * Tensor w = Tensor.zeros(10);
 * try (Adam adam = Adam.builder().learningRate(1e-3).build(w)) {
 *     for (int i = 0; i < 1000; i++) {
 *         try (TensorScope scope = TensorScope.open()) {
 *             ValueAndGrad vg = Autodiff.valueAndGrad(loss, w);
 *             adam.step(vg.value().item(), vg.gradient());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Step count.</b> {@link #stepCount()} is the number of applied updates {@code t}; the update formulas in the
 * implementations' documentation number steps from {@code t = 1}. Skipped steps do not count.
 *
 * <p><b>Learning rate.</b> The learning rate {@code γ} used by a step is {@link #learningRate()}. With a
 * {@link LearningRateSchedule} installed ({@link #setSchedule}), each step first sets the learning rate to
 * {@code schedule.learningRate(stepCount())}, i.e. the first step uses {@code schedule.learningRate(0)}.
 *
 * <p><b>Non-finite gradients.</b> Before touching anything, a step checks that every gradient (and the loss, when one
 * is given) is finite. What happens otherwise is the optimizer's {@link NonFinitePolicy}: {@link
 * NonFinitePolicy#SKIP_STEP} leaves parameters and state untouched and returns {@link StepStatus#SKIPPED};
 * {@link NonFinitePolicy#STOP} also leaves them untouched, returns {@link StepStatus#STOPPED} and puts the optimizer in
 * the stopped state, in which every further step returns {@code STOPPED} without doing anything until {@link
 * #resume()}. Neither policy throws.
 *
 * <p><b>State.</b> {@link #saveState} writes everything that determines future updates (step count, current
 * learning rate, stopped flag, moment buffers, hyper-parameters) in the versioned binary format described in
 * {@link #saveState}; {@link #loadState} restores it into an optimizer of the same kind built over parameters of the
 * same shapes, so that a resumed run continues bit for bit like an uninterrupted one. A schedule is code, not data:
 * install the same schedule on the restored optimizer.
 *
 * <p>Optimizers are not thread-safe. Closing an optimizer releases its state buffers (not the parameters).
 */
public interface Optimizer extends AutoCloseable {

    /** The parameters this optimizer updates, in order (an unmodifiable view; the tensors themselves are live). */
    List<Tensor> parameters();

    /**
     * Applies one update from {@code gradients}, one per parameter, in the order of {@link #parameters()}.
     *
     * @return {@link StepStatus#APPLIED}, or {@code SKIPPED}/{@code STOPPED} as described in the class documentation
     * @throws InvalidArgumentException if the number of gradients differs from the number of parameters or one is
     *     null or closed
     * @throws org.nabla4j.core.ShapeMismatchException if a gradient's shape differs from its parameter's
     * @throws org.nabla4j.core.BackendMismatchException if a gradient lives on another backend
     * @throws org.nabla4j.core.DTypeMismatchException if a gradient has another dtype
     */
    StepStatus step(Tensor... gradients);

    /**
     * Like {@link #step(Tensor...)}, and also applies the non-finite policy when {@code loss} is NaN or infinite.
     *
     * @param loss the loss value the gradients belong to (only checked for finiteness)
     */
    StepStatus step(double loss, Tensor... gradients);

    /** The learning rate {@code γ} the next step uses when no schedule is installed (else the last one used). */
    double learningRate();

    /**
     * Sets the learning rate for the following steps.
     *
     * @throws InvalidArgumentException if {@code lr} is negative or not finite, or a schedule is installed (remove
     *     it with {@code setSchedule(null)} first)
     */
    void setLearningRate(double lr);

    /** Installs a learning-rate schedule (see the class documentation), or removes it when {@code schedule} is null. */
    void setSchedule(LearningRateSchedule schedule);

    /** The installed schedule, or null. */
    LearningRateSchedule schedule();

    /** Number of applied steps {@code t} so far. */
    long stepCount();

    /** Number of steps skipped or refused because of a non-finite loss or gradient. */
    long skippedSteps();

    /** The policy applied to non-finite losses and gradients. */
    NonFinitePolicy nonFinitePolicy();

    /** True after a non-finite loss or gradient under {@link NonFinitePolicy#STOP}, until {@link #resume()}. */
    boolean isStopped();

    /** Leaves the stopped state so that steps are applied again; parameters and state are as they were. */
    void resume();

    /**
     * Writes the optimizer state to {@code out} (which is not closed) in the Nabla4j optimizer-state format, version
     * 1. All numbers are big-endian, as written by {@link java.io.DataOutputStream}:
     *
     * <pre>
     * int     magic 0x4E344A4F ("N4JO")
     * int     format version (1)
     * UTF     optimizer kind ("Sgd", "Momentum", "Adam", "RmsProp", "Adagrad")
     * int     H, then H x (UTF name, double value): hyper-parameters, booleans as 0 or 1
     * long    step count t
     * long    skipped steps
     * double  current learning rate
     * boolean stopped
     * int     P (number of parameters), then P x (UTF dtype name, int rank, rank x int extent)
     * int     B (state buffers per parameter), then B x UTF buffer name
     * P x B x (size x double): buffer elements, row-major, widened to double (exact for FLOAT32)
     * long    CRC-32 of every byte above
     * </pre>
     *
     * @throws IOException if writing fails
     */
    void saveState(OutputStream out) throws IOException;

    /**
     * Restores a state written by {@link #saveState}. Everything is read and validated before anything changes, so
     * a failed load leaves this optimizer as it was. Parameter values are not part of the state: restore them
     * separately.
     *
     * @throws InvalidArgumentException if the stream is not an optimizer state (bad magic), has an unsupported
     *     version, is corrupt or truncated (checksum), was written by another optimizer kind, with other
     *     hyper-parameters (except the learning rate, which is restored) or other state buffers, or for a different
     *     number of parameters
     * @throws org.nabla4j.core.ShapeMismatchException if a saved parameter shape differs from this optimizer's
     * @throws org.nabla4j.core.DTypeMismatchException if a saved parameter dtype differs from this optimizer's
     * @throws IOException if reading fails
     */
    void loadState(InputStream in) throws IOException;

    /** Releases the state buffers; the optimizer cannot be used afterwards. The parameters are not closed. */
    @Override
    void close();
}
