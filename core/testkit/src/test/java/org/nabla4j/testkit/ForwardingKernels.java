package org.nabla4j.testkit;

import org.nabla4j.core.BinaryOp;
import org.nabla4j.core.DType;
import org.nabla4j.core.ReduceOp;
import org.nabla4j.core.Shape;
import org.nabla4j.core.Tensor;
import org.nabla4j.core.TensorKernels;
import org.nabla4j.core.UnaryOp;

/** Kernels that forward every call to a delegate; subclasses override one kernel to plant a bug. */
class ForwardingKernels implements TensorKernels {
    final TensorKernels d;

    ForwardingKernels(TensorKernels delegate) {
        this.d = delegate;
    }

    @Override
    public Tensor fromArray(double[] data, Shape shape, DType dtype) {
        return d.fromArray(data, shape, dtype);
    }

    @Override
    public Tensor full(Shape shape, DType dtype, double value) {
        return d.full(shape, dtype, value);
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        return d.unary(op, x);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b, Shape out) {
        return d.binary(op, a, b, out);
    }

    @Override
    public Tensor binaryScalar(BinaryOp op, Tensor a, double s, boolean scalarFirst) {
        return d.binaryScalar(op, a, s, scalarFirst);
    }

    @Override
    public Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        return d.reduce(op, x, axes, keepDims);
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b) {
        return d.matmul(a, b);
    }

    @Override
    public Tensor permute(Tensor x, int[] perm) {
        return d.permute(x, perm);
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        return d.reshape(x, shape);
    }

    @Override
    public Tensor slice(Tensor x, int[] start, int[] step, Shape out) {
        return d.slice(x, start, step, out);
    }

    @Override
    public Tensor concat(Tensor[] xs, int axis, Shape out) {
        return d.concat(xs, axis, out);
    }

    @Override
    public Tensor broadcastTo(Tensor x, Shape shape) {
        return d.broadcastTo(x, shape);
    }

    @Override
    public Tensor where(Tensor cond, Tensor a, Tensor b, Shape out) {
        return d.where(cond, a, b, out);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        return d.cast(x, dtype);
    }

    @Override
    public Tensor copy(Tensor x) {
        return d.copy(x);
    }

    @Override
    public void inplace(BinaryOp op, Tensor target, Tensor other) {
        d.inplace(op, target, other);
    }

    @Override
    public void inplaceScalar(BinaryOp op, Tensor target, double s) {
        d.inplaceScalar(op, target, s);
    }

    @Override
    public void assign(Tensor target, Tensor src) {
        d.assign(target, src);
    }

    @Override
    public void fill(Tensor target, double value) {
        d.fill(target, value);
    }

    @Override
    public double get(Tensor x, int flat) {
        return d.get(x, flat);
    }

    @Override
    public double[] toDoubleArray(Tensor x) {
        return d.toDoubleArray(x);
    }
}
