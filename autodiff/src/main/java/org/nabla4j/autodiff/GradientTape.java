package org.nabla4j.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Checks;
import org.nabla4j.core.InvalidArgumentException;
import org.nabla4j.core.ShapeMismatchException;
import org.nabla4j.core.Tensor;

/**
 * Records operations on {@link Var}s and computes gradients by reverse-mode automatic differentiation.
 *
 * <p><b>Recording.</b> {@link #watch} turns a tensor into a differentiable input and {@link #constant} into a
 * non-differentiable one; every operation applied to a differentiable {@code Var} appends one entry to the tape's
 * Wengert list (an operation with its vector-Jacobian rule). The list is in topological order by construction, so
 * {@link #gradient} is a single reverse sweep over it. Operations whose operands are all constants are computed but
 * not recorded.
 *
 * <p><b>Gradients.</b> {@code gradient(target, sources...)} returns {@code d target / d source} for each source,
 * with the source's shape. A target with more than one element needs an explicit seed {@code u} (the gradient of
 * some scalar with respect to the target); the result is then the vector-Jacobian product {@code u^T J}. A source
 * that the target does not depend on gets a zero gradient. Sources must be differentiable: watched inputs or results
 * of recorded operations; a constant (from {@link #constant}, {@link Var#stopGradient} or an operation on constants
 * only) is refused with a {@link TapeException}, because its "gradient" would silently be zero.
 *
 * <p><b>Higher order.</b> {@link #gradientVars} and {@link #vjp} record the backward pass on this same tape, so the
 * returned gradients are {@code Var}s that can be differentiated again (Hessian-vector products, Hessians, Jacobian
 * vector products via the double-VJP trick; see {@link Autodiff}).
 *
 * <p><b>Persistence.</b> A tape from {@link #GradientTape()} is non-persistent: any number of {@code gradientVars}
 * / {@code vjp} calls, then one {@link #gradient} call, after which the recorded graph is released and a further
 * {@code gradient} call throws {@link TapeException}. A tape from {@link #persistent()} allows any number of calls.
 * Values of {@code Var}s stay readable until {@link #close()} either way.
 *
 * <p><b>Memory.</b> The tape owns the values of the {@code Var}s it computes and closes them in {@link #close()}
 * (native memory on ND4J); the tensors given to {@link #watch} and {@link #constant(Tensor)} stay the caller's.
 * Tensors returned by {@link #gradient} are new and owned by the caller; every temporary of the backward pass is
 * closed before {@code gradient} returns. Use the tape in try-with-resources.
 *
 * <p><b>Saved tensors.</b> The tape records the {@link Tensor#version()} of every tensor an operation saves for its
 * backward pass; modifying such a tensor in place ({@code addi}, {@code assign}, ...) before the backward pass makes
 * {@code gradient} throw a {@link TapeException} naming the operation.
 *
 * <p>A tape is not thread-safe; use one tape per thread.
 */
public final class GradientTape implements AutoCloseable {
    /** Never closed by the tape: watched inputs, constants made from the caller's tensors, aliases. */
    static final byte USER = 0;
    /** Closed by {@link #close()}: values computed while recording. */
    static final byte OWNED = 1;
    /** Owned by the running backward pass, which closes it when no gradient slot holds it any more. */
    static final byte TEMP = 2;

    private static final int FREE = -1;
    private static final int HANDED_OUT = -2;

    private final boolean persistent;
    /** False while a backward pass without graph computes plain values: operations then record nothing. */
    private boolean recording = true;

    private boolean closed;
    private boolean released;
    private boolean inBackward;
    private Node[] nodes = new Node[64];
    private int nodeCount;
    private int slotCount;
    private final ArrayList<Tensor> owned = new ArrayList<>();
    private final ArrayList<Var> scratch = new ArrayList<>();

    /** Creates a non-persistent tape: one {@link #gradient} call, after which the recorded graph is released. */
    public GradientTape() {
        this(false);
    }

    private GradientTape(boolean persistent) {
        this.persistent = persistent;
    }

    /** Creates a persistent tape, which allows any number of {@link #gradient} calls until it is closed. */
    public static GradientTape persistent() {
        return new GradientTape(true);
    }

    /** True for a tape from {@link #persistent()}. */
    public boolean isPersistent() {
        return persistent;
    }

    /** True once {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /** Number of operations recorded so far (the length of the Wengert list). */
    public int recordedOperations() {
        return nodeCount;
    }

    // ------------------------------------------------------------------ inputs

    /**
     * A differentiable input holding {@code tensor}. The tensor is neither copied nor closed by the tape; modifying
     * it in place before the backward pass is detected (see the class comment). Each call gives a new, independent
     * input, even for the same tensor.
     *
     * @throws InvalidArgumentException if {@code tensor} is null
     * @throws org.nabla4j.core.TensorClosedException if it is closed
     * @throws TapeException if this tape is closed
     */
    public Var watch(Tensor tensor) {
        ensureOpen("watch");
        Checks.notNull(tensor, "watch", "tensor");
        tensor.ensureOpen();
        return new Var(this, tensor, null, slotCount++, USER);
    }

    /**
     * A non-differentiable input holding {@code tensor} (not copied, not closed by the tape).
     *
     * @throws InvalidArgumentException if {@code tensor} is null
     * @throws org.nabla4j.core.TensorClosedException if it is closed
     * @throws TapeException if this tape is closed
     */
    public Var constant(Tensor tensor) {
        ensureOpen("constant");
        Checks.notNull(tensor, "constant", "tensor");
        tensor.ensureOpen();
        return new Var(this, tensor, null, -1, USER);
    }

    /**
     * A rank-0 FLOAT64 constant on {@link Backends#defaultBackend()}, owned by the tape. Prefer
     * {@link #constant(Tensor)} or the {@code double} overloads of {@link Var}'s operations when the other operands
     * may live on another backend or dtype.
     *
     * @throws TapeException if this tape is closed
     */
    public Var constant(double value) {
        ensureOpen("constant");
        Tensor t = Backends.defaultBackend().scalar(value);
        owned.add(t);
        return new Var(this, t, null, -1, OWNED);
    }

    // ------------------------------------------------------------------ gradients

    /**
     * The gradient of a one-element {@code target} with respect to {@code source}: a new tensor of the source's
     * shape, owned by the caller.
     *
     * @throws ShapeMismatchException if {@code target} has more than one element (use the seeded overload)
     * @throws TapeException if the tape is closed or released, a {@code Var} belongs to another tape, the source is
     *     a constant, or a tensor saved for the backward pass was modified in place
     * @throws InvalidArgumentException if an argument is null
     */
    public Tensor gradient(Var target, Var source) {
        return gradientTensors("gradient", target, null, new Var[] {source})[0];
    }

    /**
     * The gradients of a one-element {@code target} with respect to each source, in order; see
     * {@link #gradient(Var, Var)}. A source may appear several times; each result is a distinct tensor.
     *
     * @throws InvalidArgumentException if no source is given or an argument is null
     */
    public Tensor[] gradient(Var target, Var... sources) {
        return gradientTensors("gradient", target, null, sources);
    }

    /**
     * The vector-Jacobian products {@code seed^T (d target / d source)} for each source: the gradients of
     * {@code sum(seed * target)}. This is how a target with more than one element is differentiated.
     *
     * @throws ShapeMismatchException if {@code seed}'s shape differs from {@code target}'s (the message shows both)
     * @throws org.nabla4j.core.BackendMismatchException if the seed is on another backend
     * @throws org.nabla4j.core.DTypeMismatchException if the seed has another dtype
     */
    public Tensor[] gradient(Var target, Tensor seed, Var... sources) {
        Checks.notNull(seed, "gradient", "seed");
        return gradientTensors("gradient", target, seed, sources);
    }

    /**
     * Like {@link #gradient(Var, Var...)}, but the backward pass is recorded on this tape ("create graph"): the
     * results are {@code Var}s, differentiable again, owned by the tape. Does not release a non-persistent tape.
     */
    public Var[] gradientVars(Var target, Var... sources) {
        return vars("gradientVars", target, null, null, sources);
    }

    /** Like {@link #gradient(Var, Tensor, Var...)} with the backward pass recorded; see {@link #gradientVars}. */
    public Var[] gradientVars(Var target, Tensor seed, Var... sources) {
        Checks.notNull(seed, "gradientVars", "seed");
        return vars("gradientVars", target, seed, null, sources);
    }

    /**
     * The vector-Jacobian products {@code seed^T (d target / d source)} with the backward pass recorded, where the
     * seed is itself a {@code Var} of this tape (possibly differentiable). The results are linear in the seed, so
     * differentiating them with respect to a watched seed gives Jacobian-vector products (the double-VJP trick used
     * by {@link Autodiff#jvp}).
     *
     * @throws ShapeMismatchException if the seed's shape differs from the target's
     */
    public Var[] vjp(Var target, Var seed, Var... sources) {
        Checks.notNull(seed, "vjp", "seed");
        checkOwn(seed, "vjp", "seed");
        return vars("vjp", target, null, seed, sources);
    }

    /**
     * Closes every tensor the tape owns (values computed by recorded operations and constants it created) and drops
     * the recorded graph. Tensors passed to {@link #watch} or {@link #constant(Tensor)} and tensors returned by
     * {@link #gradient} are not closed. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < nodeCount; i++) {
            nodes[i].release();
        }
        nodes = new Node[0];
        nodeCount = 0;
        for (Tensor t : owned) {
            t.close();
        }
        owned.clear();
        for (Var v : scratch) {
            v.value.close();
        }
        scratch.clear();
    }

    @Override
    public String toString() {
        return "GradientTape(" + (persistent ? "persistent, " : "") + nodeCount + " operations"
                + (closed ? ", closed" : released ? ", released" : "") + ")";
    }

    // ------------------------------------------------------------------ recording (used by Var)

    void ensureOpen(String op) {
        if (closed) {
            throw new TapeException(op + ": the GradientTape is closed; its Vars can no longer be used");
        }
    }

    /** Records a unary operation whose value {@code y} was just computed from {@code a}. */
    Var record(String op, Tensor y, Var a, Node.Vjp vjp) {
        if (!recording) {
            return temp(y);
        }
        owned.add(y);
        if (a.slot < 0 || released) {
            return new Var(this, y, null, -1, OWNED);
        }
        return append(new Node(op, vjp, new Var[] {a}), y);
    }

    /** Records a binary operation. */
    Var record(String op, Tensor y, Var a, Var b, Node.Vjp vjp) {
        if (!recording) {
            return temp(y);
        }
        owned.add(y);
        if ((a.slot < 0 && b.slot < 0) || released) {
            return new Var(this, y, null, -1, OWNED);
        }
        return append(new Node(op, vjp, new Var[] {a, b}), y);
    }

    /** Records an operation with any number of inputs ({@code in} is kept, not copied). */
    Var record(String op, Tensor y, Var[] in, Node.Vjp vjp) {
        if (!recording) {
            return temp(y);
        }
        owned.add(y);
        boolean differentiable = false;
        for (Var v : in) {
            differentiable |= v.slot >= 0;
        }
        if (!differentiable || released) {
            return new Var(this, y, null, -1, OWNED);
        }
        return append(new Node(op, vjp, in), y);
    }

    /**
     * Wraps a tensor that autodiff itself just created (a mask, a zero): owned by the tape while recording, by the
     * backward pass otherwise.
     */
    Var fresh(Tensor t) {
        if (!recording) {
            return temp(t);
        }
        owned.add(t);
        return new Var(this, t, null, -1, OWNED);
    }

    boolean isRecording() {
        return recording;
    }

    private Var temp(Tensor y) {
        Var v = new Var(this, y, null, -1, TEMP);
        scratch.add(v);
        return v;
    }

    private Var append(Node n, Tensor y) {
        Var v = new Var(this, y, n, slotCount++, OWNED);
        n.out = v;
        n.versions[n.in.length] = y.version();
        if (nodeCount == nodes.length) {
            nodes = Arrays.copyOf(nodes, nodeCount * 2);
        }
        n.index = nodeCount;
        nodes[nodeCount++] = n;
        return v;
    }

    // ------------------------------------------------------------------ backward

    private void checkOwn(Var v, String api, String what) {
        if (v.tape != this) {
            throw new TapeException(api + ": the " + what + " belongs to another GradientTape (" + v.tape + ")");
        }
    }

    private void validate(String api, Var target, Var[] sources) {
        ensureOpen(api);
        Checks.notNull(target, api, "target");
        Checks.notNull(sources, api, "sources");
        if (sources.length == 0) {
            throw new InvalidArgumentException(api + ": need at least one source");
        }
        checkOwn(target, api, "target");
        for (int i = 0; i < sources.length; i++) {
            Var s = Checks.notNull(sources[i], api, "sources[" + i + "]");
            checkOwn(s, api, "source " + i);
            if (s.slot < 0) {
                throw new TapeException(api + ": source " + i + " (" + s + ") is a constant, not a differentiable "
                        + "Var; create it with watch(...) to differentiate with respect to it");
            }
        }
        if (inBackward) {
            throw new TapeException(api + ": called during a backward pass of the same tape");
        }
        if (released) {
            throw new TapeException(api + ": this non-persistent GradientTape already computed a gradient and "
                    + "released its graph; use GradientTape.persistent() to call gradient more than once");
        }
    }

    private void checkSeed(String api, Var target, Tensor seed) {
        Tensor.checkSame(target.value, seed, api);
        if (!seed.shape().equals(target.shape())) {
            throw new ShapeMismatchException(
                    api + ": seed shape " + seed.shape() + " differs from the target shape " + target.shape());
        }
    }

    private static void checkScalarTarget(String api, Var target) {
        if (target.value.size() != 1) {
            throw new ShapeMismatchException(api + ": target has shape " + target.shape() + " (" + target.value.size()
                    + " elements); a target with more than one element needs an explicit seed of that shape");
        }
    }

    private Tensor[] gradientTensors(String api, Var target, Tensor seed, Var[] sources) {
        validate(api, target, sources);
        if (seed == null) {
            checkScalarTarget(api, target);
        } else {
            checkSeed(api, target, seed);
        }
        inBackward = true;
        recording = false;
        Var[] grads = new Var[slotCount];
        try {
            Var seedVar = seed == null ? null : new Var(this, seed, null, -1, USER);
            sweep(grads, target, seedVar, sources, false);
            Tensor[] out = new Tensor[sources.length];
            for (int j = 0; j < sources.length; j++) {
                Var s = sources[j];
                Var g = grads[s.slot];
                if (g == null) {
                    out[j] = s.value.backend().zeros(s.dtype(), s.value.dims());
                } else if (g.kind == TEMP && g.ownerSlot == s.slot) {
                    out[j] = g.value;
                    g.ownerSlot = HANDED_OUT;
                } else {
                    out[j] = g.value.copy();
                }
            }
            return out;
        } finally {
            recording = true;
            inBackward = false;
            cleanUp(grads);
            if (!persistent) {
                release();
            }
        }
    }

    private Var[] vars(String api, Var target, Tensor seed, Var seedVar, Var[] sources) {
        validate(api, target, sources);
        if (seedVar != null) {
            checkSeed(api, target, seedVar.value);
        } else if (seed == null) {
            checkScalarTarget(api, target);
        } else {
            checkSeed(api, target, seed);
        }
        inBackward = true;
        try {
            Var s = seedVar != null ? seedVar : seed != null ? new Var(this, seed, null, -1, USER) : null;
            Var[] grads = new Var[slotCount];
            sweep(grads, target, s, sources, true);
            Var[] out = new Var[sources.length];
            for (int j = 0; j < sources.length; j++) {
                Var g = grads[sources[j].slot];
                out[j] = g != null
                        ? g
                        : fresh(sources[j].value.backend().zeros(sources[j].dtype(), sources[j].value.dims()));
            }
            return out;
        } finally {
            inBackward = false;
        }
    }

    /**
     * The reverse sweep over {@code grads}, indexed by slot: afterwards the sources' entries hold their gradients
     * (null where zero). Without a graph, entries are TEMP Vars owned by their slot (or borrowed non-TEMP Vars), and
     * every other temporary has been closed.
     */
    private void sweep(Var[] grads, Var target, Var seed, Var[] sources, boolean createGraph) {
        int nSlots = grads.length;
        boolean[] need = new boolean[nSlots];
        boolean[] keep = new boolean[nSlots];
        for (Var s : sources) {
            need[s.slot] = true;
            keep[s.slot] = true;
        }
        if (target.slot < 0) {
            return;
        }
        int end = target.node == null ? -1 : target.node.index;
        int start = end + 1;
        for (int k = 0; k <= end; k++) {
            Node n = nodes[k];
            for (Var x : n.in) {
                if (x.slot >= 0 && need[x.slot]) {
                    need[n.out.slot] = true;
                    start = Math.min(start, k);
                    break;
                }
            }
        }
        if (!need[target.slot]) {
            return;
        }
        if (seed == null) {
            Tensor ones = target.value.backend().ones(target.dtype(), target.value.dims());
            seed = createGraph ? fresh(ones) : temp(ones);
        }
        grads[target.slot] = createGraph ? seed : adopt(seed, target.slot);
        for (int k = end; k >= start; k--) {
            Node n = nodes[k];
            int so = n.out.slot;
            Var g = grads[so];
            if (g == null) {
                continue;
            }
            if (!keep[so]) {
                grads[so] = null;
                if (!createGraph) {
                    disown(g);
                }
            }
            Var[] in = n.in;
            n.cache = null; // a sweep that failed half-way may have left it set
            for (int i = 0; i < in.length; i++) {
                Var x = in[i];
                if (x.slot < 0 || !need[x.slot]) {
                    continue;
                }
                Var c = n.vjp.apply(n, i, g);
                if (c != null) {
                    accumulate(grads, x.slot, c, createGraph);
                }
            }
            n.cache = null;
            if (!createGraph) {
                closeScratch();
            }
        }
    }

    private void accumulate(Var[] grads, int slot, Var c, boolean createGraph) {
        Var cur = grads[slot];
        if (createGraph) {
            grads[slot] = cur == null ? c : cur.add(c);
        } else if (cur == null) {
            grads[slot] = adopt(c, slot);
        } else {
            Var sum = cur.add(c);
            grads[slot] = adopt(sum, slot);
            disown(cur);
        }
    }

    /**
     * Makes {@code slot} the owner of a TEMP {@code v}; a TEMP already owned by another slot (an aliased result,
     * such as the incoming gradient passed through by {@code add}) is copied so that each slot owns its own tensor.
     * Non-TEMP Vars are borrowed: the backward pass never closes them.
     */
    private Var adopt(Var v, int slot) {
        if (v.kind != TEMP) {
            return v;
        }
        if (v.ownerSlot == FREE) {
            v.ownerSlot = slot;
            return v;
        }
        Var copy = temp(v.value.copy());
        copy.ownerSlot = slot;
        return copy;
    }

    private void disown(Var v) {
        if (v.kind == TEMP) {
            v.ownerSlot = FREE;
            scratch.add(v);
        }
    }

    private void closeScratch() {
        for (int i = 0, n = scratch.size(); i < n; i++) {
            Var v = scratch.get(i);
            if (v.ownerSlot == FREE) {
                v.value.close();
            }
        }
        scratch.clear();
    }

    private void cleanUp(Var[] grads) {
        if (grads != null) {
            for (Var v : grads) {
                if (v != null && v.kind == TEMP && v.ownerSlot >= 0) {
                    v.value.close();
                }
            }
        }
        for (Var v : scratch) {
            if (v.ownerSlot != HANDED_OUT) {
                v.value.close();
            }
        }
        scratch.clear();
    }

    private void release() {
        released = true;
        for (int i = 0; i < nodeCount; i++) {
            nodes[i].release();
        }
    }
}
