package org.nabla4j.autodiff;

/**
 * One entry of a tape's Wengert list: the operation that produced {@link #out} from {@link #in}, with its
 * vector-Jacobian rule. The tensor versions of the inputs and the output are recorded when the node is created; a
 * rule reads a value it needs through {@link #x(int)} or {@link #y()}, which refuse a tensor that was modified in
 * place since.
 */
final class Node {

    /**
     * A vector-Jacobian rule: given the gradient {@code g} of the output, returns the contribution {@code g^T dy/dx_i}
     * for input {@code i}, with the shape of that input. It is written with {@link Var} operations, so that it is
     * recorded (and differentiable) when the backward pass builds a graph, and computes plain values otherwise.
     */
    @FunctionalInterface
    interface Vjp {
        Var apply(Node n, int i, Var g);
    }

    final String op;
    Vjp vjp;
    Var[] in;
    final int[] versions;
    Var out;
    int index;
    /** Per-sweep scratch of operations that compute all input gradients at once (custom operations). */
    Object cache;

    Node(String op, Vjp vjp, Var[] in) {
        this.op = op;
        this.vjp = vjp;
        this.in = in;
        this.versions = new int[in.length + 1];
        for (int i = 0; i < in.length; i++) {
            versions[i] = in[i].value.version();
        }
    }

    /** Input {@code i}, after checking that its value was not modified in place since the forward pass. */
    Var x(int i) {
        Var v = in[i];
        check(v, versions[i], "input " + i);
        return v;
    }

    /** The output, after checking that its value was not modified in place since the forward pass. */
    Var y() {
        check(out, versions[in.length], "output");
        return out;
    }

    private void check(Var v, int recorded, String which) {
        int now = v.value.version();
        if (now != recorded) {
            throw new TapeException("gradient: the " + which + " of '" + op + "' (" + v.value.describe()
                    + ") is needed for the backward pass but was modified in place after it was recorded (version "
                    + recorded + ", now " + now + "); compute the gradient before modifying it, or modify a copy");
        }
    }

    /** Drops the references to the graph so the garbage collector can reclaim it (values stay with the tape). */
    void release() {
        vjp = null;
        in = null;
    }
}
