package org.nabla4j.backend.nd4j;

import org.nabla4j.core.Backend;
import org.nabla4j.core.Backends;
import org.nabla4j.core.Nabla4jException;
import org.nabla4j.core.Tensor;

/**
 * Run by {@link Nd4jBlasSelfCheckTest} in a JVM with a given {@code OPENBLAS_CORETYPE}: multiplies two 300 x 300
 * matrices on the ND4J backend and compares with a plain Java product. Prints {@code result=correct}, {@code
 * result=wrong} or {@code result=refused: <message>}.
 */
public final class MatmulCheckMain {
    private MatmulCheckMain() {}

    /**
     * Runs the product.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int n = 300;
        Backend nd4j = Backends.get("nd4j");
        try (Tensor a = nd4j.randUniform(1, -1, 1, n, n);
                Tensor b = nd4j.randUniform(2, -1, 1, n, n)) {
            double[] x = a.toDoubleArray();
            double[] y = b.toDoubleArray();
            double[] c;
            try (Tensor p = a.matmul(b)) {
                c = p.toDoubleArray();
            } catch (Nabla4jException e) {
                System.out.println("result=refused: " + e.getMessage());
                return;
            }
            double worst = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += x[i * n + k] * y[k * n + j];
                    }
                    worst = Math.max(worst, Math.abs(s - c[i * n + j]));
                }
            }
            System.out.println(worst <= 1e-10 ? "result=correct" : "result=wrong (max error " + worst + ")");
        }
    }
}
