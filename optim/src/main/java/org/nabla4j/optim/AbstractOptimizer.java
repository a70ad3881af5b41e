package org.nabla4j.optim;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.nabla4j.core.Checks;
import org.nabla4j.core.DType;
import org.nabla4j.core.DTypeMismatchException;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.Shape;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorClosedException;
import org.nabla4j.core.TensorScope;

/**
 * The mechanics every first-order optimizer shares: parameter and gradient validation, the learning rate and its
 * schedule, the step count, the non-finite policy, and the state format. Subclasses only write {@link #update}.
 */
abstract class AbstractOptimizer implements Optimizer {
    static final int MAGIC = 0x4E344A4F;
    static final int VERSION = 1;
    private static final int MAX_HYPER_PARAMETERS = 256;

    private final String kind;
    private final Tensor[] params;
    private final List<Tensor> paramView;
    private final String[] bufferNames;
    /** State buffers, {@code buffers[parameter][buffer]}, each with its parameter's shape, dtype and backend. */
    final Tensor[][] buffers;

    private final NonFinitePolicy policy;
    private double lr;
    private LearningRateSchedule schedule;
    private long t;
    private long skipped;
    private boolean stopped;
    private boolean closed;

    /**
     * @param bufferNames names of the per-parameter state buffers (saved with the state)
     * @param bufferInitialValues the value every element of each buffer starts with
     */
    AbstractOptimizer(
            String kind,
            double lr,
            NonFinitePolicy policy,
            String[] bufferNames,
            double[] bufferInitialValues,
            Tensor[] params) {
        this.kind = kind;
        this.params = checkParameters(kind, params);
        this.paramView = Collections.unmodifiableList(Arrays.asList(this.params));
        this.lr = checkLearningRate(kind, lr);
        this.policy = Checks.notNull(policy, kind, "nonFinitePolicy");
        this.bufferNames = bufferNames.clone();
        this.buffers = new Tensor[this.params.length][bufferNames.length];
        for (int i = 0; i < this.params.length; i++) {
            Tensor p = this.params[i];
            for (int b = 0; b < bufferNames.length; b++) {
                buffers[i][b] = p.backend().full(p.dtype(), bufferInitialValues[b], p.dims());
            }
        }
    }

    private static Tensor[] checkParameters(String kind, Tensor[] params) {
        Checks.notNull(params, kind, "parameters");
        if (params.length == 0) {
            throw new InvalidArgumentException(kind + ": needs at least one parameter tensor");
        }
        Tensor[] copy = params.clone();
        IdentityHashMap<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < copy.length; i++) {
            Checks.notNull(copy[i], kind, "parameters[" + i + "]");
            copy[i].ensureOpen();
            Integer previous = seen.put(copy[i], i);
            if (previous != null) {
                throw new InvalidArgumentException(kind + ": parameters[" + previous + "] and parameters[" + i
                        + "] are the same tensor " + copy[i].describe());
            }
        }
        return copy;
    }

    static Tensor[] toArray(String kind, List<Tensor> params) {
        Checks.notNull(params, kind, "parameters");
        return params.toArray(new Tensor[0]);
    }

    static double checkLearningRate(String kind, double lr) {
        return Checks.nonNegative(lr, kind, "learningRate");
    }

    /** Checks {@code 0 <= value < 1}. */
    static double unitInterval(double value, String op, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidArgumentException(op + ": " + name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * Applies the update of parameter {@code i}. Runs inside a {@link TensorScope} that closes every temporary.
     *
     * @param p the parameter, updated in place
     * @param g its gradient (validated, finite; must not be modified)
     * @param lr the learning rate of this step
     * @param step the 1-based number {@code t} of this step
     */
    abstract void update(int i, Tensor p, Tensor g, double lr, long step);

    /** Hyper-parameters other than the learning rate, in a fixed order, booleans as 0 or 1. */
    abstract Map<String, Double> hyperParameters();

    final String kind() {
        return kind;
    }

    private void ensureNotClosed() {
        if (closed) {
            throw new TensorClosedException(kind + ": optimizer was used after close()");
        }
    }

    @Override
    public final List<Tensor> parameters() {
        return paramView;
    }

    @Override
    public final StepStatus step(Tensor... gradients) {
        return doStep(0.0, gradients);
    }

    @Override
    public final StepStatus step(double loss, Tensor... gradients) {
        return doStep(loss, gradients);
    }

    private StepStatus doStep(double loss, Tensor[] gradients) {
        ensureNotClosed();
        checkGradients(gradients);
        if (stopped) {
            skipped++;
            return StepStatus.STOPPED;
        }
        boolean finite = Double.isFinite(loss);
        for (int i = 0; finite && i < gradients.length; i++) {
            finite = gradients[i].allFinite();
        }
        if (!finite) {
            skipped++;
            if (policy == NonFinitePolicy.STOP) {
                stopped = true;
                return StepStatus.STOPPED;
            }
            return StepStatus.SKIPPED;
        }
        if (schedule != null) {
            double scheduled = schedule.learningRate(t);
            if (!(scheduled >= 0) || !Double.isFinite(scheduled)) {
                throw new InvalidArgumentException(kind + ": schedule " + schedule + " returned learning rate "
                        + scheduled + " for step " + t + "; expected a finite value >= 0");
            }
            lr = scheduled;
        }
        long step = t + 1;
        try (TensorScope scope = TensorScope.open()) {
            for (int i = 0; i < params.length; i++) {
                update(i, params[i], gradients[i], lr, step);
            }
        }
        t = step;
        return StepStatus.APPLIED;
    }

    private void checkGradients(Tensor[] gradients) {
        Checks.notNull(gradients, kind + ".step", "gradients");
        if (gradients.length != params.length) {
            throw new InvalidArgumentException(kind + ".step: expected " + params.length
                    + " gradients (one per parameter), got " + gradients.length);
        }
        for (int i = 0; i < gradients.length; i++) {
            Tensor g = gradients[i];
            Checks.notNull(g, kind + ".step", "gradients[" + i + "]");
            Tensor.checkSame(params[i], g, kind + ".step (parameter " + i + ")");
            if (!g.shape().equals(params[i].shape())) {
                throw new ShapeMismatchException(kind + ".step: gradients[" + i + "] has shape " + g.shape()
                        + " but parameter " + i + " has shape " + params[i].shape());
            }
        }
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double lr) {
        ensureNotClosed();
        if (schedule != null) {
            throw new InvalidArgumentException(kind + ".setLearningRate: a schedule (" + schedule
                    + ") controls the learning rate; remove it with setSchedule(null) first");
        }
        this.lr = checkLearningRate(kind + ".setLearningRate", lr);
    }

    @Override
    public final void setSchedule(LearningRateSchedule schedule) {
        ensureNotClosed();
        this.schedule = schedule;
    }

    @Override
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    @Override
    public final long stepCount() {
        return t;
    }

    @Override
    public final long skippedSteps() {
        return skipped;
    }

    @Override
    public final NonFinitePolicy nonFinitePolicy() {
        return policy;
    }

    @Override
    public final boolean isStopped() {
        return stopped;
    }

    @Override
    public final void resume() {
        ensureNotClosed();
        stopped = false;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            for (Tensor[] row : buffers) {
                for (Tensor b : row) {
                    b.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------ state format

    @Override
    public final void saveState(OutputStream out) throws IOException {
        ensureNotClosed();
        Checks.notNull(out, kind + ".saveState", "out");
        CRC32 crc = new CRC32();
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(out, crc)));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeUTF(kind);
        Map<String, Double> hyper = hyperParameters();
        data.writeInt(hyper.size());
        for (Map.Entry<String, Double> e : hyper.entrySet()) {
            data.writeUTF(e.getKey());
            data.writeDouble(e.getValue());
        }
        data.writeLong(t);
        data.writeLong(skipped);
        data.writeDouble(lr);
        data.writeBoolean(stopped);
        data.writeInt(params.length);
        for (Tensor p : params) {
            data.writeUTF(p.dtype().name());
            int[] dims = p.dims();
            data.writeInt(dims.length);
            for (int d : dims) {
                data.writeInt(d);
            }
        }
        data.writeInt(bufferNames.length);
        for (String name : bufferNames) {
            data.writeUTF(name);
        }
        for (Tensor[] row : buffers) {
            for (Tensor b : row) {
                for (double v : b.toDoubleArray()) {
                    data.writeDouble(v);
                }
            }
        }
        data.flush();
        // The checksum covers the bytes above; it is written past the checked stream.
        DataOutputStream tail = new DataOutputStream(out);
        tail.writeLong(crc.getValue());
        tail.flush();
    }

    @Override
    public final void loadState(InputStream in) throws IOException {
        ensureNotClosed();
        String op = kind + ".loadState";
        Checks.notNull(in, op, "in");
        CRC32 crc = new CRC32();
        DataInputStream data = new DataInputStream(new CheckedInputStream(in, crc));
        try {
            int magic = data.readInt();
            if (magic != MAGIC) {
                throw new InvalidArgumentException(op + ": not a Nabla4j optimizer state (magic 0x"
                        + Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(MAGIC) + ")");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw new InvalidArgumentException(op + ": unsupported optimizer-state format version " + version
                        + "; this library reads version " + VERSION);
            }
            String savedKind = data.readUTF();
            if (!savedKind.equals(kind)) {
                throw new InvalidArgumentException(
                        op + ": the state was written by a " + savedKind + " optimizer, not a " + kind);
            }
            int h = data.readInt();
            if (h < 0 || h > MAX_HYPER_PARAMETERS) {
                throw new InvalidArgumentException(op + ": corrupt state (hyper-parameter count " + h + ")");
            }
            Map<String, Double> saved = new LinkedHashMap<>();
            for (int i = 0; i < h; i++) {
                String name = data.readUTF();
                saved.put(name, data.readDouble());
            }
            checkHyperParameters(op, saved);
            long savedT = data.readLong();
            long savedSkipped = data.readLong();
            double savedLr = data.readDouble();
            boolean savedStopped = data.readBoolean();
            if (savedT < 0 || savedSkipped < 0 || !(savedLr >= 0) || !Double.isFinite(savedLr)) {
                throw new InvalidArgumentException(op + ": corrupt state (step count " + savedT + ", skipped "
                        + savedSkipped + ", learning rate " + savedLr + ")");
            }
            int p = data.readInt();
            if (p != params.length) {
                throw new InvalidArgumentException(
                        op + ": the state holds " + p + " parameters, this optimizer has " + params.length);
            }
            for (int i = 0; i < p; i++) {
                readParameterHeader(op, data, i);
            }
            int b = data.readInt();
            if (b != bufferNames.length) {
                throw new InvalidArgumentException(op + ": the state holds " + b
                        + " buffers per parameter, this optimizer has " + bufferNames.length + " "
                        + Arrays.toString(bufferNames));
            }
            for (int j = 0; j < b; j++) {
                String name = data.readUTF();
                if (!name.equals(bufferNames[j])) {
                    throw new InvalidArgumentException(op + ": state buffer " + j + " is '" + name
                            + "' in the saved state but '" + bufferNames[j] + "' in this optimizer");
                }
            }
            List<double[]> values = new ArrayList<>();
            for (Tensor param : params) {
                for (int j = 0; j < b; j++) {
                    double[] v = new double[param.size()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = data.readDouble();
                    }
                    values.add(v);
                }
            }
            long expected = crc.getValue();
            long stored = new DataInputStream(in).readLong();
            if (stored != expected) {
                throw new InvalidArgumentException(op + ": corrupt state (CRC-32 0x" + Long.toHexString(expected)
                        + " of the data, 0x" + Long.toHexString(stored) + " stored)");
            }
            int k = 0;
            for (int i = 0; i < params.length; i++) {
                Tensor param = params[i];
                for (int j = 0; j < b; j++) {
                    try (Tensor src = Vectors.tensor(param.backend(), param.dtype(), values.get(k++), param.dims())) {
                        buffers[i][j].assign(src);
                    }
                }
            }
            t = savedT;
            skipped = savedSkipped;
            lr = savedLr;
            stopped = savedStopped;
        } catch (EOFException e) {
            throw new InvalidArgumentException(op + ": the state is truncated", e);
        }
    }

    private void checkHyperParameters(String op, Map<String, Double> saved) {
        Map<String, Double> mine = hyperParameters();
        if (!saved.keySet().equals(mine.keySet())) {
            throw new InvalidArgumentException(
                    op + ": the state has hyper-parameters " + saved.keySet() + ", this optimizer " + mine.keySet());
        }
        for (Map.Entry<String, Double> e : mine.entrySet()) {
            double s = saved.get(e.getKey());
            if (Double.compare(s, e.getValue()) != 0) {
                throw new InvalidArgumentException(op + ": hyper-parameter " + e.getKey() + " is " + s
                        + " in the saved state but " + e.getValue() + " in this optimizer");
            }
        }
    }

    private void readParameterHeader(String op, DataInputStream data, int i) throws IOException {
        Tensor param = params[i];
        String dtypeName = data.readUTF();
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeName);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(op + ": corrupt state (unknown dtype '" + dtypeName + "')", e);
        }
        int rank = data.readInt();
        if (rank < 0 || rank > Shape.MAX_RANK) {
            throw new InvalidArgumentException(op + ": corrupt state (rank " + rank + " for parameter " + i + ")");
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = data.readInt();
        }
        if (!Arrays.equals(dims, param.dims())) {
            throw new ShapeMismatchException(op + ": parameter " + i + " has shape " + Arrays.toString(dims)
                    + " in the saved state but " + param.shape() + " in this optimizer");
        }
        if (dtype != param.dtype()) {
            throw new DTypeMismatchException(op + ": parameter " + i + " has dtype " + dtype
                    + " in the saved state but " + param.dtype() + " in this optimizer");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append("{lr=").append(lr);
        for (Map.Entry<String, Double> e : hyperParameters().entrySet()) {
            sb.append(", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.append(", t=")
                .append(t)
                .append(", policy=")
                .append(policy)
                .append('}')
                .toString();
    }

    static double flag(boolean b) {
        return b ? 1.0 : 0.0;
    }
}
