package org.nabla4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds backends on the class path with {@link ServiceLoader} and picks the default.
 *
 * <p>The default is, in order: the backend named by system property {@value #PROPERTY}; else the one named by
 * environment variable {@value #ENV}; else the available backend with the highest {@link Backend#priority()} (ND4J
 * over EJML). A backend is chosen by adding its artifact, e.g. {@code org.nabla4j:nabla4j-backend-ejml}.
 */
public final class Backends {
    /** System property naming the default backend. */
    public static final String PROPERTY = "nabla4j.backend";

    /** Environment variable naming the default backend (used when the property is unset). */
    public static final String ENV = "NABLA4J_BACKEND";

    private static final Map<String, String> ARTIFACTS = Map.of(
            "ejml", "org.nabla4j:nabla4j-backend-ejml",
            "nd4j", "org.nabla4j:nabla4j-backend-nd4j");

    private static volatile List<Backend> loaded;
    private static final Map<String, String> FAILURES = Collections.synchronizedMap(new LinkedHashMap<>());

    private Backends() {}

    /** Every backend found on the class path, highest priority first. */
    public static List<Backend> available() {
        List<Backend> l = loaded;
        if (l == null) {
            synchronized (Backends.class) {
                l = loaded;
                if (l == null) {
                    l = load();
                    loaded = l;
                }
            }
        }
        return l;
    }

    private static List<Backend> load() {
        List<Backend> out = new ArrayList<>();
        var it = ServiceLoader.load(Backend.class, Backends.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // a backend whose native part cannot load must not take the others down with it
                FAILURES.put(
                        String.valueOf(e.getMessage()),
                        e.getCause() == null ? e.toString() : e + " caused by " + e.getCause());
            }
        }
        out.sort(Comparator.comparingInt(Backend::priority).reversed());
        return List.copyOf(out);
    }

    /**
     * The backend with the given name (case-insensitive).
     *
     * @throws BackendNotFoundException naming the artifact to add when no such backend is on the class path
     */
    public static Backend get(String name) {
        Checks.notNull(name, "Backends.get", "name");
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Backend b : available()) {
            if (b.name().equals(key)) {
                return b;
            }
        }
        String artifact = ARTIFACTS.get(key);
        StringBuilder msg = new StringBuilder("backend '").append(name).append("' is not on the class path");
        if (artifact != null) {
            msg.append(": add the dependency ").append(artifact);
        } else {
            msg.append(" (known backends: ").append(ARTIFACTS.keySet()).append(')');
        }
        msg.append("; available: ").append(names());
        if (!FAILURES.isEmpty()) {
            msg.append("; backends that failed to load: ").append(FAILURES.values());
        }
        throw new BackendNotFoundException(msg.toString());
    }

    /**
     * The default backend: property {@value #PROPERTY}, else env {@value #ENV}, else the highest priority.
     *
     * @throws BackendNotFoundException if the named backend is missing or no backend is on the class path
     */
    public static Backend defaultBackend() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(ENV);
        }
        if (name != null && !name.isBlank()) {
            return get(name);
        }
        List<Backend> all = available();
        if (all.isEmpty()) {
            throw new BackendNotFoundException(
                    "no Nabla4j backend on the class path: add org.nabla4j:nabla4j-backend-ejml (pure Java) or "
                            + "org.nabla4j:nabla4j-backend-nd4j (native)"
                            + (FAILURES.isEmpty() ? "" : "; backends that failed to load: " + FAILURES.values()));
        }
        return all.get(0);
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Backend b : available()) {
            n.add(b.name());
        }
        return n;
    }
}
