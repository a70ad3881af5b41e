package org.nabla4j.backend.ejml;

/**
 * Walks a strided iteration space row by row, for several operands at once: the engine behind broadcasting,
 * permutation, slicing and concatenation. The space has extents {@code dims}; operand {@code k} reads (or writes)
 * element {@code base[k] + sum(index[i] * strides[k][i])} of its array.
 *
 * <p>Axes of extent 1 are dropped and adjacent axes that are contiguous for every operand are merged, so a
 * same-shape element-wise operation becomes a single row, a scalar operand a row with stride 0, and adding a bias
 * {@code [n]} to {@code [m, n]} becomes {@code m} rows of length {@code n}. Callers run a tight loop of
 * {@link #inner} elements per row with {@link #innerStride}, starting at {@link #offset}, then call
 * {@link #next()}; nothing is allocated per element.
 */
final class StridedRows {
    /** Number of rows (0 when the space is empty). */
    final int rows;
    /** Elements per row. */
    final int inner;
    /** Per operand: stride between consecutive elements of a row. */
    final int[] innerStride;
    /** Per operand: offset of the first element of the current row. */
    final int[] offset;

    private final int[] outerDims;
    private final int[][] outerStrides;
    private final int[] counter;

    StridedRows(int[] dims, int[][] strides, int[] base) {
        int ops = strides.length;
        offset = base.clone();
        innerStride = new int[ops];
        int rank = dims.length;
        int[] mDims = new int[rank];
        int[][] mStrides = new int[ops][rank];
        int m = 0;
        long total = 1;
        // Merge from the innermost axis outwards; mDims/mStrides are filled innermost-first.
        for (int ax = rank - 1; ax >= 0; ax--) {
            int dim = dims[ax];
            total *= dim;
            if (dim == 1) {
                continue;
            }
            boolean merge = m > 0;
            for (int k = 0; k < ops && merge; k++) {
                merge = strides[k][ax] == mStrides[k][m - 1] * mDims[m - 1];
            }
            if (merge) {
                mDims[m - 1] *= dim;
            } else {
                mDims[m] = dim;
                for (int k = 0; k < ops; k++) {
                    mStrides[k][m] = strides[k][ax];
                }
                m++;
            }
        }
        if (total == 0) {
            rows = 0;
            inner = 0;
            outerDims = new int[0];
            outerStrides = new int[ops][0];
            counter = new int[0];
            return;
        }
        if (m == 0) {
            inner = 1;
        } else {
            inner = mDims[0];
            for (int k = 0; k < ops; k++) {
                innerStride[k] = mStrides[k][0];
            }
        }
        int outer = Math.max(0, m - 1);
        outerDims = new int[outer];
        outerStrides = new int[ops][outer];
        int r = 1;
        for (int i = 0; i < outer; i++) {
            // outer axis i (outermost first) is merged axis m-1-i
            outerDims[i] = mDims[m - 1 - i];
            r *= outerDims[i];
            for (int k = 0; k < ops; k++) {
                outerStrides[k][i] = mStrides[k][m - 1 - i];
            }
        }
        rows = r;
        counter = new int[outer];
    }

    /** Advances {@link #offset} to the next row (row-major order of the outer axes). */
    void next() {
        for (int ax = outerDims.length - 1; ax >= 0; ax--) {
            int c = ++counter[ax];
            if (c < outerDims[ax]) {
                for (int k = 0; k < offset.length; k++) {
                    offset[k] += outerStrides[k][ax];
                }
                return;
            }
            counter[ax] = 0;
            for (int k = 0; k < offset.length; k++) {
                offset[k] -= outerStrides[k][ax] * (c - 1);
            }
        }
    }
}
