package org.nabla4j.core;

import java.util.ArrayList;

/**
 * Deterministic release of tensor storage: every tensor created on this thread while the scope is the innermost
 * open one is closed when the scope closes, except the tensors passed to {@link #keep}. Use it around each step of
 * a long loop so that native buffers (ND4J) never wait for the garbage collector:
 *
 * <pre>{@code
 * for (int step = 0; step < 1_000_000; step++) {
 *     try (TensorScope scope = TensorScope.open()) {
 *         Tensor g = computeGradient(w);
 *         w.subi(g.mul(lr));          // w was created outside: untouched
 *     }                               // g and the temporary g.mul(lr) are closed here
 * }
 * }</pre>
 *
 * <p>Scopes nest; a kept tensor moves to the enclosing scope (or to no scope, when this is the outermost one).
 * Scopes are per thread and must be closed in reverse order of opening (try-with-resources does that).
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();

    private final TensorScope parent;
    private final Thread owner;
    private final ArrayList<Tensor> owned = new ArrayList<>();
    private boolean closed;

    private TensorScope(TensorScope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** Opens a scope nested in the current thread's innermost open scope (if any) and makes it the innermost. */
    public static TensorScope open() {
        TensorScope s = new TensorScope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    public static TensorScope current() {
        return CURRENT.get();
    }

    /**
     * Exempts {@code tensor} from this scope's close: it moves to the enclosing scope, or becomes unscoped.
     *
     * @return {@code tensor}, for chaining
     * @throws InvalidArgumentException if the tensor is null
     * @throws TensorClosedException if the tensor is closed
     */
    public <T extends Tensor> T keep(T tensor) {
        Checks.notNull(tensor, "keep", "tensor");
        tensor.ensureOpen();
        if (tensor.scope == this) {
            tensor.scope = parent;
            if (parent != null) {
                parent.owned.add(tensor);
            }
        }
        return tensor;
    }

    /** Keeps every tensor given; see {@link #keep(Tensor)}. */
    public void keepAll(Tensor... tensors) {
        for (Tensor t : tensors) {
            keep(t);
        }
    }

    /** Number of tensors this scope would close now. */
    public int size() {
        int n = 0;
        for (Tensor t : owned) {
            if (t.scope == this && !t.isClosed()) {
                n++;
            }
        }
        return n;
    }

    static void register(Tensor t) {
        TensorScope s = CURRENT.get();
        if (s != null) {
            t.scope = s;
            s.owned.add(t);
        }
    }

    /**
     * Closes every tensor this scope still owns and makes the enclosing scope the innermost again.
     *
     * @throws IllegalStateException if called on another thread or while a nested scope is still open
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("TensorScope: closed on a thread other than the one that opened it");
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("TensorScope: a nested scope is still open; close scopes in reverse order");
        }
        closed = true;
        for (Tensor t : owned) {
            if (t.scope == this) {
                t.close();
            }
        }
        owned.clear();
        CURRENT.set(parent);
    }
}
