package org.nabla4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nabla4j.core.Shape;

/** The row walker merges contiguous axes and visits every element exactly once. */
class EjmlStridedRowsTest {

    @Test
    void sameShapeIsOneRowAndBiasIsOneRowPerRow() {
        Shape out = Shape.of(4, 5, 6);
        StridedRows same = new StridedRows(out.dims(), new int[][] {out.strides(), out.strides()}, new int[2]);
        assertEquals(1, same.rows);
        assertEquals(120, same.inner);
        StridedRows bias = new StridedRows(
                out.dims(), new int[][] {out.strides(), Shape.broadcastStrides(Shape.of(6), out)}, new int[2]);
        assertEquals(20, bias.rows);
        assertEquals(6, bias.inner);
        StridedRows scalar = new StridedRows(
                out.dims(), new int[][] {out.strides(), Shape.broadcastStrides(Shape.scalar(), out)}, new int[2]);
        assertEquals(1, scalar.rows);
        assertEquals(0, scalar.innerStride[1]);
        StridedRows empty = new StridedRows(new int[] {3, 0}, new int[][] {{0, 1}}, new int[1]);
        assertEquals(0, empty.rows);
        StridedRows rank0 = new StridedRows(new int[0], new int[][] {{}}, new int[] {5});
        assertEquals(1, rank0.rows);
        assertEquals(1, rank0.inner);
        assertEquals(5, rank0.offset[0]);
    }

    @Test
    void transposedWalkVisitsSourceInPermutedOrder() {
        // reading a [2, 3] row-major source as its [3, 2] transpose
        StridedRows it = new StridedRows(new int[] {3, 2}, new int[][] {{2, 1}, {1, 3}}, new int[2]);
        int[] seen = new int[6];
        for (int r = 0; r < it.rows; r++) {
            for (int j = 0; j < it.inner; j++) {
                seen[it.offset[0] + j * it.innerStride[0]] = it.offset[1] + j * it.innerStride[1];
            }
            it.next();
        }
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, seen);
    }
}
