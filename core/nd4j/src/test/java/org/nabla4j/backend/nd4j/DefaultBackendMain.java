package org.nabla4j.backend.nd4j;

import org.nabla4j.core.BackendNotFoundException;
import org.nabla4j.core.Backends;

/**
 * Prints the name of the default backend as {@code default=<name>}, then {@code nd4j=available} or {@code
 * nd4j=missing: <message>}; run by {@link Nd4jBackendTest} in child JVMs whose environment or JavaCPP platform
 * differ, which a running JVM cannot change for itself.
 */
public final class DefaultBackendMain {
    private DefaultBackendMain() {}

    /**
     * Prints the default backend.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("default=" + Backends.defaultBackend().name());
        try {
            Backends.get("nd4j");
            System.out.println("nd4j=available");
        } catch (BackendNotFoundException e) {
            System.out.println("nd4j=missing: " + e.getMessage());
        }
    }
}
